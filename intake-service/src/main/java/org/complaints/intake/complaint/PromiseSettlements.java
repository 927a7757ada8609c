package org.complaints.intake.complaint;

import java.util.List;
import org.bson.Document;
import org.complaints.support.lookup.HourIndex;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Complaints by the hour one of their promises was settled, kept or broken (OT-20/21), so that the
 * month's summary reaches the promises settled in the month by key (ADR 0602): a promise is settled
 * any time after its complaint was recorded, so the complaints' own hour index cannot find it. An
 * {@link HourIndex} in {@value #COLLECTION}, written before the save that settles the promise (an
 * entry whose save was lost is checked away on reading; a missing one would lose a figure), and
 * filled once per store at start with the promises settled before it existed.
 */
@Component
class PromiseSettlements {

    static final String COLLECTION = "promise_settlements";
    /** Written once the promises settled before this index are in it. */
    static final String INDEXED = "settlements-indexed|v1";

    private final MongoTemplate mongo;
    private final HourIndex hours;

    PromiseSettlements(MongoTemplate mongo) {
        this.mongo = mongo;
        this.hours = new HourIndex(mongo, COLLECTION);
    }

    HourIndex hourIndex() {
        return hours;
    }

    /** Before the save that settles one of the complaint's promises at {@code settledAt}. */
    void record(Complaint c, java.time.Instant settledAt) {
        hours.record(c.tenant, c.id, settledAt, c.region, c.site);
    }

    /**
     * Files the complaints holding a settled promise, once per store (one read of the collection at
     * the first start of this version). Repeating it (two replicas starting together) counts nothing
     * twice: the summary counts each complaint once.
     */
    @EventListener(ApplicationReadyEvent.class)
    void indexHistory() {
        var query = new Query(Criteria.where("promises.status").in(Complaint.Promise.KEPT, Complaint.Promise.BROKEN));
        query.fields().include("_id", "tenant", "region", "site", "promises");
        hours.fillOnce(
                INDEXED,
                () -> mongo.stream(query, Document.class, "complaints")
                        .flatMap(d -> d.getList("promises", Document.class, List.of()).stream()
                                .filter(p -> p.getDate("fulfilledAt") != null
                                        && ComplaintSummary.settled(p.getString("status")))
                                .map(p -> new HourIndex.Recorded(
                                        d.getString("tenant"),
                                        d.get("_id").toString(),
                                        p.getDate("fulfilledAt").toInstant(),
                                        d.getString("region"),
                                        d.getString("site")))));
    }
}
