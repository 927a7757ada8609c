package org.complaints.compensation.system;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.complaints.compensation.remedy.Money;
import org.springframework.stereotype.Component;

/** Compensation's business meters; tags are tenant, region, kind and outcome only. */
@Component
public class CompensationMetrics {

    private final MeterRegistry registry;
    private final Timer approvalLatency;
    private final MultiGauge queueAge;
    private final MultiGauge budgetUsed;

    CompensationMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.approvalLatency = Timer.builder("complaints.compensation.approval.latency")
                .description("From proposal to approval")
                .register(registry);
        this.queueAge = MultiGauge.builder("complaints.compensation.approval.queue.age")
                .baseUnit("seconds")
                .description("Age of the oldest option waiting for approval")
                .register(registry);
        this.budgetUsed = MultiGauge.builder("complaints.compensation.budget.used.ratio")
                .description("Share of this month's budget spent")
                .register(registry);
    }

    public void option(String tenant, String kind, String outcome, Money amount) {
        Counter.builder("complaints.compensation.options")
                .description("Remedy options by outcome")
                .tags("tenant", tenant, "kind", kind, "outcome", outcome)
                .register(registry)
                .increment();
        if ("APPROVED".equals(outcome) && amount != null) {
            DistributionSummary.builder("complaints.compensation.amount")
                    .description("Approved amounts")
                    .tags("tenant", tenant, "kind", kind)
                    .register(registry)
                    .record(amount.amount().doubleValue());
        }
    }

    public void repeat(String tenant) {
        Counter.builder("complaints.compensation.repeats")
                .description("Compensations flagged as repeats for one customer")
                .tag("tenant", tenant)
                .register(registry)
                .increment();
    }

    /** CP-02 (approval left undecided) or LC-35 (agreement not implemented in time). */
    public void escalation(String tenant, String rule) {
        Counter.builder("complaints.compensation.escalations")
                .description("Approvals and agreements escalated because their due time passed")
                .tags("tenant", tenant, "rule", rule)
                .register(registry)
                .increment();
    }

    public void approvalLatency(Duration latency) {
        approvalLatency.record(latency);
    }

    public void queueAge(Map<String, Long> secondsByTenant) {
        queueAge.register(
                secondsByTenant.entrySet().stream()
                        .map(e -> MultiGauge.Row.of(Tags.of("tenant", e.getKey()), e.getValue()))
                        .toList(),
                true);
    }

    public void budgetUsed(List<Map.Entry<Tags, Double>> ratios) {
        budgetUsed.register(
                ratios.stream()
                        .map(e -> MultiGauge.Row.of(e.getKey(), e.getValue()))
                        .toList(),
                true);
    }
}
