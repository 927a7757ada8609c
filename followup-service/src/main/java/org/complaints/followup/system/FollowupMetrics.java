package org.complaints.followup.system;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import org.complaints.support.tenant.TenantDirectory;
import org.springframework.stereotype.Component;

/** Follow-up meters; tags tenant, region and rule ids only. */
@Component
public class FollowupMetrics {

    private final MeterRegistry registry;
    private final MultiGauge due;
    private final MultiGauge overdue;
    private final java.util.List<String> tenantIds;

    FollowupMetrics(MeterRegistry registry, TenantDirectory tenants) {
        this.registry = registry;
        this.tenantIds = tenants.all().stream().map(t -> t.id()).toList();
        this.due = MultiGauge.builder("complaints.followup.due")
                .description("Follow-ups planned and not yet due or done")
                .register(registry);
        this.overdue = MultiGauge.builder("complaints.followup.overdue")
                .description("Follow-ups past their due time")
                .register(registry);
        tenants.all().forEach(t -> {
            reopenCounter(t.id());
            t.regions().keySet().forEach(region -> satisfactionSummary(t.id(), region));
        });
        counts(Map.of(), Map.of());
    }

    public void satisfaction(String tenant, String region, int score) {
        satisfactionSummary(tenant, region).record(score);
    }

    public void reopened(String tenant) {
        reopenCounter(tenant).increment();
    }

    /** A follow-up handed to a supervisor; reason is a rule id (FU-03: unreached). */
    public void escalated(String tenant, String reason) {
        Counter.builder("complaints.followup.escalations")
                .description("Follow-ups escalated to a supervisor, by rule")
                .tags("tenant", tenant, "reason", reason)
                .register(registry)
                .increment();
    }

    /** Gauges from the counts per tenant; every tenant gets a row (zero when none). */
    public void counts(Map<String, Long> dueByTenant, Map<String, Long> overdueByTenant) {
        due.register(rows(dueByTenant), true);
        overdue.register(rows(overdueByTenant), true);
    }

    private java.util.List<MultiGauge.Row<?>> rows(Map<String, Long> byTenant) {
        return tenantIds.stream()
                .<MultiGauge.Row<?>>map(t -> MultiGauge.Row.of(Tags.of("tenant", t), byTenant.getOrDefault(t, 0L)))
                .toList();
    }

    private DistributionSummary satisfactionSummary(String tenant, String region) {
        return DistributionSummary.builder("complaints.followup.satisfaction")
                .description("Satisfaction scores recorded")
                .tags("tenant", tenant, "region", region)
                .register(registry);
    }

    private Counter reopenCounter(String tenant) {
        return Counter.builder("complaints.followup.reopened")
                .description("Unsatisfied follow-ups sent back for second handling (ESC-08)")
                .tag("tenant", tenant)
                .register(registry);
    }
}
