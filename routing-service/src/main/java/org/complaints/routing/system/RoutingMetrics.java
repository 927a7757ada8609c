package org.complaints.routing.system;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.complaints.support.tenant.TenantDirectory;
import org.springframework.stereotype.Component;

/**
 * Routing's business meters, tags low-cardinality only (tenant, level, clock, rule). The breach
 * and at-risk counters of every tenant and clock are registered at start so dashboards read zero.
 */
@Component
public class RoutingMetrics {

    static final List<String> CLOCKS =
            List.of("HAND_OVER", "ACCEPTANCE", "FIRST_RESPONSE", "RESOLUTION", "CLOSURE", "ESCALATION");

    private final MeterRegistry registry;
    private final MultiGauge openCases;
    private final Timer sweep;
    private final AtomicLong sweepLagSeconds = new AtomicLong();
    private final Counter sweepFailures;

    public RoutingMetrics(MeterRegistry registry, TenantDirectory tenants) {
        this.registry = registry;
        this.openCases = MultiGauge.builder("complaints.cases.open")
                .description("Cases not closed, by level")
                .register(registry);
        this.sweep = Timer.builder("complaints.sweep.duration")
                .description("Time of one deadline sweep")
                .register(registry);
        io.micrometer.core.instrument.Gauge.builder("complaints.sweep.lag", sweepLagSeconds, AtomicLong::get)
                .description("Age of the oldest due deadline at the last sweep")
                .baseUnit("seconds")
                .register(registry);
        this.sweepFailures = Counter.builder("complaints.sweep.failures")
                .description("Cases the deadline sweep could not process; each is retried later")
                .register(registry);
        tenants.all().forEach(t -> {
            CLOCKS.forEach(clock -> {
                breachedCounter(t.id(), clock);
                atRiskCounter(t.id(), clock);
            });
            handOverBreachedCounter(t.id());
            reopenedCounter(t.id());
        });
    }

    public void opened(String tenant, String level) {
        Counter.builder("complaints.cases.opened")
                .description("Cases opened")
                .tags("tenant", tenant, "level", level)
                .register(registry)
                .increment();
    }

    /**
     * A missed deadline, by clock; a missed hand-over (SLA-D1/D4/D7: immediately, 30 min, end of work)
     * also under the KPI catalogue's own name, {@code complaints_handover_sla_breached_total} (DOMAIN
     * §11.3, ADR 0531).
     */
    public void breached(String tenant, String clock) {
        breachedCounter(tenant, clock).increment();
        if ("HAND_OVER".equals(clock)) {
            handOverBreachedCounter(tenant).increment();
        }
    }

    /** A case sent to second handling (二次处理, FU-05): {@code complaints_reopened_total} of DOMAIN §11.3. */
    public void reopened(String tenant) {
        reopenedCounter(tenant).increment();
    }

    public void atRisk(String tenant, String clock) {
        atRiskCounter(tenant, clock).increment();
    }

    /** Registers a tenant's escalation rules at zero, so a dashboard shows them before the first one. */
    public void knownRules(String tenant, java.util.Collection<String> rules) {
        rules.forEach(rule -> escalationCounter(tenant, rule));
    }

    public void escalated(String tenant, String rule) {
        escalationCounter(tenant, rule).increment();
    }

    public Timer sweepTimer() {
        return sweep;
    }

    public void sweepFailed() {
        sweepFailures.increment();
    }

    public void sweepLag(long seconds) {
        sweepLagSeconds.set(seconds);
    }

    /** Replaces the open-case gauge rows with a fresh aggregation result (tenant → level → count). */
    public void openCases(Map<String, Map<String, Long>> counts) {
        var rows = counts.entrySet().stream()
                .flatMap(t -> t.getValue().entrySet().stream()
                        .map(l -> MultiGauge.Row.of(Tags.of("tenant", t.getKey(), "level", l.getKey()), l.getValue())))
                .toList();
        openCases.register(rows, true);
    }

    private Counter breachedCounter(String tenant, String clock) {
        return Counter.builder("complaints.sla.breached")
                .description("Deadlines missed")
                .tags("tenant", tenant, "clock", clock)
                .register(registry);
    }

    private Counter handOverBreachedCounter(String tenant) {
        return Counter.builder("complaints.handover.sla.breached")
                .description("Hand-overs to the decision owner missed (SLA-D1/D4/D7)")
                .tags("tenant", tenant)
                .register(registry);
    }

    private Counter reopenedCounter(String tenant) {
        return Counter.builder("complaints.reopened")
                .description("Cases sent to second handling (FU-05: an unsatisfied follow-up or a reopening)")
                .tags("tenant", tenant)
                .register(registry);
    }

    private Counter atRiskCounter(String tenant, String clock) {
        return Counter.builder("complaints.sla.at.risk")
                .description("Deadlines entering their last share")
                .tags("tenant", tenant, "clock", clock)
                .register(registry);
    }

    private Counter escalationCounter(String tenant, String rule) {
        return Counter.builder("complaints.escalations")
                .description("Escalations by rule")
                .tags("tenant", tenant, "rule", rule)
                .register(registry);
    }
}
