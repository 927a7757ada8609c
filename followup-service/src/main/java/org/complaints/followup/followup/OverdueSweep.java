package org.complaints.followup.followup;

import java.time.Clock;
import java.time.Instant;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.bson.Document;
import org.complaints.support.due.DueBuckets;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Marks follow-ups whose due time passed as OVERDUE, once, under a MongoDB lock so one replica runs
 * it. It reads only the follow-ups that may be due, by key (due-minute buckets on the embedded
 * store, the (status, dueAt) index on MongoDB, ADR 0023), and marks each with an update
 * conditional on its version (the unique (_id, version) index). It only marks: escalation is the
 * attempts' (FU-03, once per reason), so an overdue follow-up is never escalated twice. The mark
 * bumps the version, so a save from a copy read before it (an attempt, an outcome) fails as a
 * concurrent change instead of undoing it.
 */
@Component
public class OverdueSweep {

    static final int BATCH = 500;

    private final MongoTemplate mongo;
    private final DueBuckets due;
    private final FollowUpLists lists;
    private final Clock clock;

    OverdueSweep(MongoTemplate mongo, DueBuckets due, FollowUpLists lists, Clock clock) {
        this.mongo = mongo;
        this.due = due;
        this.lists = lists;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${complaints.sweep.interval:PT30S}",
            initialDelayString = "${complaints.sweep.initial-delay:PT10S}")
    @SchedulerLock(name = "followup-overdue", lockAtMostFor = "PT5M")
    public void scheduled() {
        sweep();
    }

    /** Marks the follow-ups due now (at most {@link #BATCH}; the next run takes any rest); returns how many. */
    public long sweep() {
        var now = clock.instant();
        var pass = due.pass(now, BATCH, OverdueSweep.this::plannedDue);
        var marked = 0L;
        var candidates = pass.ids().isEmpty()
                ? java.util.List.<FollowUp>of()
                : mongo.find(new Query(Criteria.where("_id").in(pass.ids())), FollowUp.class);
        for (var f : candidates) {
            if (!"PLANNED".equals(f.status) || f.dueAt == null || f.dueAt.isAfter(now)) {
                continue; // a stale entry: done, already marked, or not due
            }
            lists.becomingOverdue(f); // before the mark, as every lookup entry (ADR 0293)
            var changed = mongo.updateFirst(
                            new Query(Criteria.where("_id")
                                    .is(f.id)
                                    .and("version")
                                    .is(f.version)),
                            new Update().set("status", "OVERDUE").inc("version", 1),
                            FollowUp.class)
                    .getModifiedCount();
            if (changed == 0) {
                due.file(f.id, f.dueAt); // changed meanwhile (an attempt): look again next run
            } else {
                lists.overdue(f);
            }
            marked += changed;
        }
        pass.done();
        return marked;
    }

    /** The index query: planned follow-ups due by {@code at} (a scan on the embedded store). */
    private java.util.List<String> plannedDue(Instant at, int limit) {
        var query = new Query(
                        Criteria.where("status").is("PLANNED").and("dueAt").lte(at))
                .with(Sort.by("dueAt"))
                .limit(limit);
        query.fields().include("_id");
        return mongo.find(query, Document.class, "followups").stream()
                .map(d -> d.getString("_id"))
                .toList();
    }
}
