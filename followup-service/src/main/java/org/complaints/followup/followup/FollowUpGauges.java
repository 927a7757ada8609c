package org.complaints.followup.followup;

import java.util.HashMap;
import org.complaints.followup.system.FollowupMetrics;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Refreshes the due and overdue gauges from one grouped count. That count reads every follow-up on
 * the embedded store, so it runs on its own slow schedule, not with every sweep (ADR 0023).
 */
@Component
class FollowUpGauges {

    private final MongoTemplate mongo;
    private final FollowupMetrics metrics;

    FollowUpGauges(MongoTemplate mongo, FollowupMetrics metrics) {
        this.mongo = mongo;
        this.metrics = metrics;
    }

    @Scheduled(
            fixedDelayString = "${complaints.gauges.interval:PT5M}",
            initialDelayString = "${complaints.sweep.initial-delay:PT10S}")
    void refresh() {
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
    }
}
