package org.complaints.routing.clocks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.complaints.routing.cases.Case;
import org.complaints.routing.cases.CaseRepository;
import org.complaints.routing.cases.CaseService;
import org.complaints.routing.system.RoutingMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Fires due deadlines and turns due side-route tasks overdue (a case's {@code nextDueAt} includes
 * its open tasks' due times). It reads only cases whose {@code nextDueAt} has passed, through that field's
 * index, so its cost follows the number of due cases, not the history. A MongoDB lock (ShedLock)
 * lets one replica sweep at a time, and each case is saved with its version, so even two sweepers
 * racing escalate a deadline exactly once: the loser's save fails and it moves on. After an outage
 * each case catches up in due-time order, every escalation stamped at its own due time. Of a
 * terminal case only the work its closure opened (the RC-04 effectiveness review) is acted on. A
 * clock at its at-risk point warns its owner once (SLA-X7), in the same versioned write.
 */
@Component
public class DeadlineSweep {

    public static final int BATCH = 500;
    static final Duration RETRY_FAILED = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(DeadlineSweep.class);

    private final CaseRepository cases;
    private final CaseService service;
    private final RoutingMetrics metrics;
    private final Clock clock;

    public DeadlineSweep(CaseRepository cases, CaseService service, RoutingMetrics metrics, Clock clock) {
        this.cases = cases;
        this.service = service;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${complaints.sweep.interval:PT15S}",
            initialDelayString = "${complaints.sweep.initial-delay:PT5S}")
    @SchedulerLock(name = "deadline-sweep", lockAtMostFor = "PT5M")
    public void scheduled() {
        metrics.sweepTimer().record(() -> sweep());
        metrics.openCases(cases.openByTenantAndLevel());
    }

    /**
     * One case; a failure (a site removed from the tenant file, a store error) postpones only that
     * case, counted and logged by id, so one bad case never stops the sweep for every tenant.
     */
    private Outcome sweepOne(Case c, Instant now) {
        try {
            var advanced = service.sweep(c, now)
                    && (c.nextDueAt() == null || c.nextDueAt().isAfter(now));
            return advanced ? Outcome.ADVANCED : Outcome.LEFT;
        } catch (RuntimeException failed) {
            metrics.sweepFailed();
            log.warn("Sweep of case {} failed, retried after {}: {}", c.id(), RETRY_FAILED, failed.toString());
            cases.postpone(c.id(), now.plus(RETRY_FAILED));
            return Outcome.POSTPONED;
        }
    }

    private enum Outcome {
        /** Its due deadlines were acted on. */
        ADVANCED,
        /** A racing sweeper or writer got there first; left as it is. */
        LEFT,
        /** It failed and waits {@link #RETRY_FAILED}. */
        POSTPONED
    }

    /** Processes every case due now, in batches; returns how many cases changed. */
    public int sweep() {
        var now = clock.instant();
        var changed = 0;
        var oldest = Optional.<Instant>empty();
        for (var round = 0; round < 100; round++) {
            var due = cases.findDue(now, BATCH);
            if (oldest.isEmpty() && !due.isEmpty()) {
                oldest = Optional.ofNullable(due.getFirst().nextDueAt());
            }
            var progressed = 0;
            for (var c : due) {
                switch (sweepOne(c, now)) {
                    case ADVANCED -> {
                        changed++;
                        progressed++;
                    }
                    case POSTPONED -> progressed++;
                    case LEFT -> {}
                }
            }
            if (due.size() < BATCH || progressed == 0) {
                break;
            }
        }
        metrics.sweepLag(oldest.map(t -> Duration.between(t, now).toSeconds()).orElse(0L));
        return changed;
    }
}
