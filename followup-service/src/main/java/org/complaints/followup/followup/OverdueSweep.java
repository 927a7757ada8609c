package org.complaints.followup.followup;

import java.time.Clock;
import java.util.HashMap;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.complaints.followup.system.FollowupMetrics;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Marks follow-ups whose due time passed as OVERDUE, once: one conditional multi-update on the
 * (status, dueAt) index, under a MongoDB lock so one replica runs it; then refreshes the gauges
 * from one grouped count. It only marks: escalation is the attempts' (FU-03, once per reason), so
 * an overdue follow-up is never escalated twice. The mark bumps the version, so a save from a copy
 * read before it (an attempt, an outcome) fails as a concurrent change instead of undoing it.
 */
@Component
public class OverdueSweep {

    private final MongoTemplate mongo;
    private final FollowupMetrics metrics;
    private final Clock clock;

    OverdueSweep(MongoTemplate mongo, FollowupMetrics metrics, Clock clock) {
        this.mongo = mongo;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${complaints.sweep.interval:PT30S}",
            initialDelayString = "${complaints.sweep.initial-delay:PT10S}")
    @SchedulerLock(name = "followup-overdue", lockAtMostFor = "PT5M")
    public void scheduled() {
        sweep();
    }

    public long sweep() {
        var marked = mongo.updateMulti(
                        new Query(Criteria.where("status")
                                .is("PLANNED")
                                .and("dueAt")
                                .lte(clock.instant())),
                        new Update().set("status", "OVERDUE").inc("version", 1),
                        FollowUp.class)
                .getModifiedCount();
        var due = new HashMap<String, Long>();
        var overdue = new HashMap<String, Long>();
        var rows = mongo.aggregate(
                Aggregation.newAggregation(
                        Aggregation.match(Criteria.where("status").in("PLANNED", "OVERDUE")),
                        Aggregation.group("tenant", "status").count().as("n")),
                FollowUp.class,
                org.bson.Document.class);
        for (var row : rows) {
            var id = (org.bson.Document) row.get("_id");
            var target = "OVERDUE".equals(id.getString("status")) ? overdue : due;
            target.put(id.getString("tenant"), ((Number) row.get("n")).longValue());
        }
        metrics.counts(due, overdue);
        return marked;
    }
}
