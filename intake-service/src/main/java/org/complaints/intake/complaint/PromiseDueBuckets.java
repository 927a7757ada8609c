package org.complaints.intake.complaint;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.LongStream;
import org.bson.Document;
import org.complaints.support.lookup.ChunkedLists;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The due-promises lookup (ADR 0120): one {@link ChunkedLists chunked list} per minute of due time
 * ({@code minute|<epoch minute>}) listing the complaint and promise ids due in it, and a
 * {@code cursor} document holding the first minute not yet swept for good. The sweep reads the
 * buckets from the cursor to the current minute by {@code _id} only, so neither the embedded store
 * (which ignores non-unique indexes) nor MongoDB scans complaints; its cost follows the promises
 * due, not the history. Entries are written by one atomic upsert <em>before</em> the promise
 * itself; an entry whose promise was never stored or is already settled is skipped on reading.
 */
@Component
class PromiseDueBuckets {

    static final String COLLECTION = "promise_due";
    static final String CURSOR = "cursor";
    /** Minutes re-read behind the current one, for a promise written a little after its bucket. */
    static final long GRACE_MINUTES = 2;
    /** At most this many minutes per sweep (a week); a longer pause is caught up over several runs. */
    static final long MAX_MINUTES = 7 * 24 * 60;
    /** How far the cursor may lag before a sweep moves it. */
    static final long IDLE_ADVANCE_MINUTES = 10;

    record Due(String complaintId, String promiseId, Instant dueAt) {}

    private final MongoTemplate mongo;
    private final ChunkedLists buckets;

    PromiseDueBuckets(MongoTemplate mongo) {
        this.mongo = mongo;
        this.buckets = new ChunkedLists(mongo, COLLECTION, "entries");
    }

    /** Files a promise under its due minute; call before storing the promise. */
    void record(String complaintId, String promiseId, Instant dueAt) {
        var minute = minuteOf(dueAt);
        buckets.append(
                key(minute),
                List.of(new Document("complaintId", complaintId)
                        .append("promiseId", promiseId)
                        .append("dueAt", Date.from(dueAt))));
        // The cursor starts at the first minute that ever held a promise.
        mongo.upsert(byId(CURSOR), new Update().min("next", minute), COLLECTION);
    }

    /** The entries due at {@code now}, from the cursor's minute to now's, read by key. */
    List<Due> due(Instant now) {
        var cursor = mongo.findById(CURSOR, Document.class, COLLECTION);
        if (cursor == null) {
            return List.of();
        }
        var from = ((Number) cursor.get("next")).longValue();
        var to = Math.min(minuteOf(now), from + MAX_MINUTES);
        if (to < from) {
            return List.of();
        }
        var keys = LongStream.rangeClosed(from, to)
                .mapToObj(PromiseDueBuckets::key)
                .toList();
        var due = new LinkedHashSet<Due>();
        for (var entries : buckets.read(keys, Document.class).values()) {
            for (var e : entries) {
                var at = e.getDate("dueAt").toInstant();
                if (!at.isAfter(now)) {
                    due.add(new Due(e.getString("complaintId"), e.getString("promiseId"), at));
                }
            }
        }
        return List.copyOf(due);
    }

    /**
     * After a sweep: minutes older than the grace are done; the cursor only moves forward, and once
     * it lags {@value #IDLE_ADVANCE_MINUTES} minutes, so that most passes write nothing (ADR 0609): a
     * lagging cursor only makes a pass read a few more keys, and a promise is broken once however
     * often its entry is read.
     */
    void advance(Instant now) {
        var cursor = mongo.findById(CURSOR, Document.class, COLLECTION);
        if (cursor == null) {
            return;
        }
        var from = ((Number) cursor.get("next")).longValue();
        var next = Math.min(minuteOf(now.minus(Duration.ofMinutes(GRACE_MINUTES))), from + MAX_MINUTES);
        if (next - from >= IDLE_ADVANCE_MINUTES) {
            mongo.updateFirst(byId(CURSOR), new Update().max("next", next), COLLECTION);
        }
    }

    static long minuteOf(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), 60);
    }

    static String key(long minute) {
        return "minute|" + minute;
    }

    private static Query byId(String id) {
        return new Query(Criteria.where("_id").is(id));
    }
}
