package org.complaints.followup.followup;

import java.util.List;
import java.util.function.Consumer;
import org.bson.Document;
import org.complaints.support.lookup.HourIndex;
import org.complaints.support.scope.CallerScope;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Follow-ups by the hour their outcome was recorded, so that the monthly report reaches the month's
 * valuable feedback (RT-09, counted by completion, not by due time) by key (ADR 0602). An
 * {@link HourIndex} in {@value #COLLECTION}, written before the save that records the outcome (a lost
 * save leaves an entry the reader checks away, never a missing one), and filled once per store at
 * start with the follow-ups completed before it existed.
 */
@Component
class FollowUpCompletions {

    static final String COLLECTION = "followups_by_completion";
    /** Written once the follow-ups completed before this index are in it. */
    static final String INDEXED = "completions-indexed|v1";

    private final MongoTemplate mongo;
    private final HourIndex hours;

    FollowUpCompletions(MongoTemplate mongo) {
        this.mongo = mongo;
        this.hours = new HourIndex(mongo, COLLECTION);
    }

    /** Before the save that records the follow-up's outcome at its {@code completedAt}. */
    void record(FollowUp f) {
        hours.record(f.tenant, f.id, f.completedAt, f.region, f.site);
    }

    /** The ids of the follow-ups completed in the window, each once, in chunks; the reader checks each again. */
    void within(CallerScope scope, HourIndex.Window window, Consumer<List<String>> ids) {
        hours.within(scope, window, ids);
    }

    /** Files every completed follow-up stored before this index, once per store (one read at start). */
    @EventListener(ApplicationReadyEvent.class)
    void indexHistory() {
        var query = new Query(Criteria.where("completedAt").ne(null));
        query.fields().include("_id", "tenant", "region", "site", "completedAt");
        hours.fillOnce(
                INDEXED,
                () -> mongo.stream(query, Document.class, "followups")
                        .filter(d -> d.getString("tenant") != null && d.getDate("completedAt") != null)
                        .map(d -> new HourIndex.Recorded(
                                d.getString("tenant"),
                                d.get("_id").toString(),
                                d.getDate("completedAt").toInstant(),
                                d.getString("region"),
                                d.getString("site"))));
    }
}
