package org.complaints.followup.followup;

import java.util.HashMap;
import org.complaints.followup.system.FollowupMetrics;
import org.complaints.support.tenant.TenantDirectory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Refreshes the due and overdue gauges from each tenant's open follow-up sets, read by key: the
 * cost follows the open follow-ups, not history (ADR 0607), so it runs every minute.
 */
@Component
class FollowUpGauges {

    private final FollowUpLists lists;
    private final TenantDirectory tenants;
    private final FollowupMetrics metrics;

    FollowUpGauges(FollowUpLists lists, TenantDirectory tenants, FollowupMetrics metrics) {
        this.lists = lists;
        this.tenants = tenants;
        this.metrics = metrics;
    }

    @Scheduled(
            fixedDelayString = "${complaints.gauges.interval:PT1M}",
            initialDelayString = "${complaints.sweep.initial-delay:PT10S}")
    void refresh() {
        var due = new HashMap<String, Long>();
        var overdue = new HashMap<String, Long>();
        for (var tenant : tenants.all()) {
            due.put(tenant.id(), lists.count(tenant.id(), FollowUpLists.PLANNED));
            overdue.put(tenant.id(), lists.count(tenant.id(), FollowUpLists.OVERDUE));
        }
        metrics.counts(due, overdue);
    }
}
