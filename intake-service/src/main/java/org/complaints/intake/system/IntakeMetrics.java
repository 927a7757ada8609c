package org.complaints.intake.system;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.complaints.support.tenant.TenantDirectory;
import org.springframework.stereotype.Component;

/**
 * Intake's business meters. Tags are low-cardinality only (tenant, region, channel, level); the
 * per-tenant counters are registered at start so dashboards show zero rather than no data.
 */
@Component
public class IntakeMetrics {

    private final MeterRegistry registry;

    IntakeMetrics(MeterRegistry registry, TenantDirectory tenants) {
        this.registry = registry;
        tenants.all().forEach(t -> {
            repeats(t.id());
            invalids(t.id());
            promisesBroken(t.id());
        });
    }

    public void received(String tenant, String region, String channel, String level) {
        Counter.builder("complaints.intake.received")
                .description("Complaints filed")
                .tags("tenant", tenant, "region", region, "channel", channel, "level", level)
                .register(registry)
                .increment();
    }

    public void repeat(String tenant) {
        repeats(tenant).increment();
    }

    public void invalid(String tenant) {
        invalids(tenant).increment();
    }

    /** OT-21: a promise past its due time without being kept (Prometheus: complaints_promises_broken_total). */
    public void promiseBroken(String tenant) {
        promisesBroken(tenant).increment();
    }

    private Counter promisesBroken(String tenant) {
        return Counter.builder("complaints.promises.broken")
                .description("Promises to customers that passed their due time without being kept (OT-21, §13.3)")
                .tag("tenant", tenant)
                .register(registry);
    }

    private Counter repeats(String tenant) {
        return Counter.builder("complaints.intake.repeats")
                .description("Complaints linked to an earlier one of the same customer or subject within the window")
                .tag("tenant", tenant)
                .register(registry);
    }

    private Counter invalids(String tenant) {
        return Counter.builder("complaints.intake.invalid")
                .description("Complaints closed as not established (LC-31)")
                .tag("tenant", tenant)
                .register(registry);
    }
}
