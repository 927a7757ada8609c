package org.complaints.intake.complaint;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.stream.Collectors;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.complaints.intake.system.IntakeMetrics;
import org.complaints.support.delivery.Delivery;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * OT-21: a promise still {@code OPEN} at its due time becomes {@code BROKEN}. Runs under the
 * MongoDB single-runner lock; loads only the complaints the due-minute buckets name
 * ({@link PromiseDueBuckets}); marks each promise with one versioned save of the complaint (a
 * compare-and-set on ({@code _id}, version)), in the same write as the {@value #PROMISE_BROKEN} delivery that tells
 * routing to notify the owner's supervisor, so two racing runners break, count and notify each
 * promise exactly once.
 */
@Component
public class PromiseSweep {

    public static final String PROMISE_BROKEN = "promise-broken";
    static final String EVENT_PREFIX = PROMISE_BROKEN + ":";

    private final PromiseDueBuckets buckets;
    private final PromiseSettlements settlements;
    private final ComplaintRepository complaints;
    private final IntakeMetrics metrics;
    private final Clock clock;

    PromiseSweep(
            PromiseDueBuckets buckets,
            PromiseSettlements settlements,
            ComplaintRepository complaints,
            IntakeMetrics metrics,
            Clock clock) {
        this.buckets = buckets;
        this.settlements = settlements;
        this.complaints = complaints;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${complaints.promises.sweep-interval:PT30S}",
            initialDelayString = "${complaints.promises.sweep-initial-delay:PT15S}")
    @SchedulerLock(name = "promise-sweep", lockAtMostFor = "PT5M")
    public void scheduled() {
        sweep();
    }

    /** Breaks every due open promise; returns how many this runner broke. */
    public int sweep() {
        var now = clock.instant();
        var due = buckets.due(now);
        var byComplaint = due.stream()
                .collect(Collectors.groupingBy(
                        PromiseDueBuckets.Due::complaintId,
                        Collectors.mapping(PromiseDueBuckets.Due::promiseId, Collectors.toSet())));
        var broken = 0;
        for (var entry : byComplaint.entrySet()) {
            broken += breakDue(entry.getKey(), entry.getValue(), now);
        }
        buckets.advance(now);
        return broken;
    }

    private int breakDue(String complaintId, java.util.Set<String> promiseIds, java.time.Instant now) {
        for (var attempt = 0; attempt < 5; attempt++) {
            var complaint = complaints.findById(complaintId).orElse(null);
            if (complaint == null) {
                return 0;
            }
            var promises = new ArrayList<Complaint.Promise>();
            var deliveries = new ArrayList<>(complaint.deliveries);
            var brokenIds = new HashSet<String>();
            for (var p : complaint.promises) {
                if (promiseIds.contains(p.promiseId())
                        && Complaint.Promise.OPEN.equals(p.status())
                        && !p.dueAt().isAfter(now)) {
                    promises.add(p.settled(Complaint.Promise.BROKEN, now));
                    deliveries.add(new Delivery(EVENT_PREFIX + p.promiseId(), PROMISE_BROKEN, now, 0, null));
                    brokenIds.add(p.promiseId());
                } else {
                    promises.add(p);
                }
            }
            if (brokenIds.isEmpty()) {
                return 0;
            }
            complaint.promises = promises;
            complaint.deliveries = deliveries;
            // before the write, as every lookup entry: a lost save leaves a stale entry, not a missing one
            settlements.record(complaint, now);
            try {
                // A versioned save: a compare-and-set on the unique (_id, version) index, and a
                // mapped save, so the delivery relay hears of the new delivery at once.
                complaints.save(complaint);
            } catch (OptimisticLockingFailureException lost) {
                continue; // another runner or a handler changed it: reload and look again
            }
            brokenIds.forEach(id -> metrics.promiseBroken(complaint.tenant));
            return brokenIds.size();
        }
        throw new IllegalStateException("complaint kept changing while breaking its promises; next sweep retries");
    }
}
