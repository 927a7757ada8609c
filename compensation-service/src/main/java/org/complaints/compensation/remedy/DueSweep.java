package org.complaints.compensation.remedy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.complaints.compensation.policy.CompensationPolicy;
import org.complaints.compensation.system.CompensationMetrics;
import org.complaints.support.tenant.TenantPolicies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Acts on due times (CP-02, ESC-04, LC-35): an approval not decided by its due time moves one rung
 * up the ladder, stamped at the due time (a catch-up after an outage moves as many rungs as were
 * missed); an agreement not implemented by its due time is escalated once. Loads only due
 * documents, by key: due-minute buckets on the embedded store, the {@code nextApprovalDue} /
 * {@code implementationDue} indexes on MongoDB (ADR 0023); runs under the MongoDB
 * single-runner lock, and each change is a versioned save, so two racing runners act exactly once.
 * Each escalation owes its recipient a notification in routing, written in the same save and sent by
 * the relay ({@link EscalationNotice}).
 */
@Component
public class DueSweep {

    private static final Logger log = LoggerFactory.getLogger(DueSweep.class);
    private static final int BATCH = 200;

    private final CompensationRepository compensations;
    private final TenantPolicies<CompensationPolicy> policies;
    private final CompensationMetrics metrics;
    private final Clock clock;

    DueSweep(
            CompensationRepository compensations,
            TenantPolicies<CompensationPolicy> policies,
            CompensationMetrics metrics,
            Clock clock) {
        this.compensations = compensations;
        this.policies = policies;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${complaints.compensation.sweep.interval:PT1M}",
            initialDelayString = "${complaints.compensation.sweep.initial-delay:PT30S}")
    @SchedulerLock(name = "compensation-due", lockAtMostFor = "PT5M")
    public void scheduled() {
        sweep(clock.instant());
    }

    /** Returns the number of escalations recorded. */
    public int sweep(Instant now) {
        var escalated = 0;
        var pass = compensations.duePass(now, BATCH);
        for (var c : compensations.dueAmong(pass.ids(), now)) {
            var approvals = escalateApprovals(c, now);
            escalated += saveOnce(c, approvals + escalateImplementation(c, now));
        }
        pass.done();
        return escalated;
    }

    private int saveOnce(Compensation c, int changes) {
        if (changes == 0) {
            return 0;
        }
        try {
            compensations.save(c);
        } catch (OptimisticLockingFailureException anotherRunnerOrADecision) {
            log.info("compensation changed during the sweep; left for the next run");
            return 0;
        }
        c.escalations.stream()
                .skip(c.escalations.size() - changes)
                .forEach(e -> metrics.escalation(c.tenant, e.rule()));
        return changes;
    }

    /** CP-02 / ESC-04: every pending option past its due time moves up, one rung per missed due time. */
    private int escalateApprovals(Compensation c, Instant now) {
        var policy = policies.of(c.tenant);
        var before = c.escalations.size();
        var options = new ArrayList<Compensation.Option>();
        for (var option : c.options) {
            var current = option;
            while (current.pending()
                    && current.approvalDue() != null
                    && !current.approvalDue().isAfter(now)) {
                var due = current.approvalDue();
                var above = policy.rungAbove(current.requiredRole());
                c.escalate(
                        new Compensation.Escalation(
                                "CP-02", current.optionId(), current.requiredRole(), above.orElse(null), due, due),
                        clock.instant());
                current = current.with(
                        "PENDING_APPROVAL",
                        current.amount(),
                        above.orElse(current.requiredRole()),
                        above.isPresent() ? due.plus(policy.approvalDue()) : null,
                        null);
            }
            options.add(current);
        }
        c.options = options;
        return c.escalations.size() - before;
    }

    /** LC-35: the agreed remedy was not delivered by the agreement's due time. */
    private int escalateImplementation(Compensation c, Instant now) {
        if (c.agreement == null || c.deliveredAt != null || c.agreement.dueAt().isAfter(now)) {
            return 0;
        }
        var policy = policies.of(c.tenant);
        c.escalate(
                new Compensation.Escalation(
                        "LC-35",
                        c.agreement.optionId(),
                        null,
                        policy.implementationEscalationRole(),
                        c.agreement.dueAt(),
                        c.agreement.dueAt()),
                clock.instant());
        return 1;
    }
}
