package org.complaints.intake.retention;

import java.time.Clock;
import org.complaints.intake.complaint.Complaint;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * LC-12: after {@code retentionUntil} a complaint's personal data is anonymised unless a legal hold
 * stops it; the statistical fields (channel, level, site, dates, category) stay for reports. An
 * explicit job, because TTL indexes would delete the record (and the embedded store has none).
 * One conditional multi-update: idempotent, safe with several replicas.
 */
@Component
public class RetentionPurge {

    static final String REDACTED = "[anonymised]";
    private final MongoTemplate mongo;
    private final Clock clock;

    RetentionPurge(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    @Scheduled(cron = "${complaints.retention.cron:0 30 3 * * *}")
    public long purge() {
        var due = new Query(Criteria.where("retentionUntil")
                .lte(clock.instant())
                .and("legalHold")
                .is(false)
                .and("anonymised")
                .is(false));
        var update = new Update()
                .set("customer", new Complaint.Customer(null, REDACTED, null, null, null))
                .set("customerKey", null)
                .set("content", REDACTED)
                .set("demand.text", null)
                .set("attachments", java.util.List.of())
                .set("vehicle.plate", null)
                .set("promises", java.util.List.of())
                .set("anonymised", true);
        return mongo.updateMulti(due, update, Complaint.class).getModifiedCount();
    }
}
