package org.complaints.routing.clocks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * its open tasks' due times). It reads only cases whose {@code nextDueAt} has passed, by key: on the
 * embedded store through due-minute buckets, on MongoDB through that field's index (ADR 0023), so
 * its cost follows the number of due cases, not the history. A MongoDB lock (ShedLock)
 * lets one replica sweep at a time, and each case is saved with its version, so even two sweepers
 * racing escalate a deadline exactly once: the loser's save fails and it moves on. After an outage
 * each case catches up in due-time order, every escalation stamped at its own due time. Of a
 * terminal case only the work its closure opened (the RC-04 effectiveness review) is acted on. A
 * clock at its at-risk point warns its owner once (SLA-X7), in the same versioned write.
 */
@Component
public class DeadlineSweep {

    public static final int BATCH = 500;
    /** Cases per run; more wait for the next run (a catch-up after an outage). */
    static final int MAX_PER_SWEEP = 100 * BATCH;

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
            fixedDelayString = "${complaints.sweep.interval:PT30S}",
            initialDelayString = "${complaints.sweep.initial-delay:PT5S}")
    @SchedulerLock(name = "deadline-sweep", lockAtMostFor = "PT5M")
    public void scheduled() {
        metrics.sweepTimer().record(() -> sweep());
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

    /** Processes every case due now (at most {@link #MAX_PER_SWEEP}), in batches; returns how many cases changed. */
    public int sweep() {
        var now = clock.instant();
        var changed = 0;
        Instant oldest = null;
        var pass = cases.duePass(now, MAX_PER_SWEEP);
        var ids = pass.ids();
        for (var from = 0; from < ids.size(); from += BATCH) {
            for (var c : cases.dueAmong(ids.subList(from, Math.min(ids.size(), from + BATCH)), now)) {
                if (oldest == null || c.nextDueAt().isBefore(oldest)) {
                    oldest = c.nextDueAt();
                }
                if (sweepOne(c, now) == Outcome.ADVANCED) {
                    changed++;
                }
            }
        }
        pass.done();
        metrics.sweepLag(oldest == null ? 0L : Duration.between(oldest, now).toSeconds());
        return changed;
    }
}
