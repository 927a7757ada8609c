package org.complaints.routing.incidents;

import java.time.Clock;
import java.time.Duration;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Turns due incident tasks overdue (SLA-X1), as the deadline sweep does for cases: it reads only
 * incidents whose {@code nextDueAt} has passed, by key (due-minute buckets on the embedded store,
 * the index on MongoDB, ADR 0023), under a ShedLock lock of its own so one replica
 * sweeps at a time, and saves each with its version, so two racing sweepers escalate a task once.
 * An incident that fails waits {@link #RETRY_FAILED} behind the others.
 */
@Component
public class IncidentTaskSweep {

    static final int BATCH = 500;
    static final Duration RETRY_FAILED = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(IncidentTaskSweep.class);

    private final IncidentRepository incidents;
    private final IncidentTasks tasks;
    private final Clock clock;

    public IncidentTaskSweep(IncidentRepository incidents, IncidentTasks tasks, Clock clock) {
        this.incidents = incidents;
        this.tasks = tasks;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${complaints.sweep.interval:PT30S}",
            initialDelayString = "${complaints.sweep.initial-delay:PT5S}")
    @SchedulerLock(name = "incident-task-sweep", lockAtMostFor = "PT5M")
    public void scheduled() {
        sweep();
    }

    /** One batch of due incidents (incidents are few: the next run takes any rest); returns how many escalated. */
    public int sweep() {
        var now = clock.instant();
        var changed = 0;
        var pass = incidents.duePass(now, BATCH);
        for (var incident : incidents.dueAmong(pass.ids(), now)) {
            try {
                if (tasks.overdue(incident, now)) {
                    changed++;
                }
            } catch (RuntimeException failed) {
                log.warn(
                        "Sweep of incident {} failed, retried after {}: {}",
                        incident.id(),
                        RETRY_FAILED,
                        failed.toString());
                incidents.postpone(incident.id(), now.plus(RETRY_FAILED));
            }
        }
        pass.done();
        return changed;
    }
}
