package org.complaints.intake.retention;

import java.time.Clock;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.complaints.intake.complaint.ComplaintRetention;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * LC-12 / OT-50: the explicit purge job (the embedded store has no TTL, and a TTL would delete the
 * record the reports still count). Each run anonymises the complaints whose retention from
 * archiving has ended and that no legal hold stops, each in one versioned write that also orders
 * the other services to anonymise their part (ADR 0522). Idempotent, one replica at a time.
 */
@Component
public class RetentionPurge {

    static final int BATCH = 500;

    private final ComplaintRetention retention;
    private final Clock clock;

    RetentionPurge(ComplaintRetention retention, Clock clock) {
        this.retention = retention;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${complaints.retention.interval:PT1H}",
            initialDelayString = "${complaints.retention.initial-delay:PT1M}")
    @SchedulerLock(name = "intake-retention-purge", lockAtMostFor = "PT30M")
    public void scheduled() {
        purge();
    }

    /** Anonymises the due complaints (at most {@link #BATCH}; the next run takes any rest); returns how many. */
    public long purge() {
        var now = clock.instant();
        var done = 0L;
        for (var id : retention.due(now, BATCH)) {
            if (retention.anonymiseIfDue(id, now)) {
                done++;
            }
        }
        return done;
    }
}
