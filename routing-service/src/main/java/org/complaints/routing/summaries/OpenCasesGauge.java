package org.complaints.routing.summaries;

import org.complaints.routing.cases.CaseRepository;
import org.complaints.routing.system.RoutingMetrics;
import org.complaints.support.tenant.Tenant;
import org.complaints.support.tenant.TenantDirectory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Refreshes {@code complaints.cases.open} from each tenant's open-case set, read by key: its cost
 * follows the open cases, not history (ADR 0607), so it runs every minute.
 */
@Component
class OpenCasesGauge {

    private final CaseRepository cases;
    private final TenantDirectory tenants;
    private final RoutingMetrics metrics;

    OpenCasesGauge(CaseRepository cases, TenantDirectory tenants, RoutingMetrics metrics) {
        this.cases = cases;
        this.tenants = tenants;
        this.metrics = metrics;
    }

    @Scheduled(
            fixedDelayString = "${complaints.gauges.interval:PT1M}",
            initialDelayString = "${complaints.sweep.initial-delay:PT5S}")
    void refresh() {
        metrics.openCases(cases.openByTenantAndLevel(
                tenants.all().stream().map(Tenant::id).toList()));
    }
}
