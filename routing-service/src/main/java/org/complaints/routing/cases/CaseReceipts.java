package org.complaints.routing.cases;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.complaints.support.lookup.HourIndex;
import org.complaints.support.scope.CallerScope;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The tenant's cases by the hour the customer complained ({@code receivedAt}), the time the monthly
 * summary counts a case in (ADR 0602). The case list's hour index is by opening, which can come days
 * after the receipt (a backlog, a retried hand-off), so the month's cases need an index of their own.
 * An {@link HourIndex} in {@value #COLLECTION}, written before the case (a receipt never changes) and
 * filled once per store at start with the cases stored before it existed.
 */
@Component
public class CaseReceipts {

    public static final String COLLECTION = "cases_by_receipt";
    /** Written once the cases stored before this index are in it. */
    static final String INDEXED = "receipts-indexed|v1";

    private final MongoTemplate mongo;
    private final HourIndex hours;

    CaseReceipts(MongoTemplate mongo) {
        this.mongo = mongo;
        this.hours = new HourIndex(mongo, COLLECTION);
    }

    /** Before inserting a new case. */
    void record(Case c) {
        if (c.receivedAt != null) {
            hours.record(c.tenant, c.id, c.receivedAt, c.region, c.site);
        }
    }

    /**
     * The ids of the scope's cases received in [{@code from}, {@code to}), each once, in chunks for a
     * load by {@code _id $in}; an id may be stale, so the reader checks the loaded case again.
     */
    public void within(CallerScope scope, Instant from, Instant to, Consumer<List<String>> ids) {
        hours.within(scope, new HourIndex.Window(null, null, from, to), ids);
    }

    /** Files every case stored before this index, once per store (one read of the collection at start). */
    @EventListener(ApplicationReadyEvent.class)
    void indexHistory() {
        var query = new Query();
        query.fields().include("_id", "tenant", "region", "site", "receivedAt");
        hours.fillOnce(
                INDEXED,
                () -> mongo.stream(query, Case.class)
                        .filter(c -> c.tenant != null && c.receivedAt != null)
                        .map(c -> new HourIndex.Recorded(c.tenant, c.id, c.receivedAt, c.region, c.site)));
    }
}
