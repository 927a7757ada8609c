package org.complaints.support.due;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.LongStream;
import org.bson.Document;
import org.complaints.support.lookup.ChunkedLists;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Due work reached by key (issue 14, ADR 0023). The embedded store answers a due-time range
 * ({@code nextDueAt <= now}) only by scanning the collection, so a sweep in bucket mode reads
 * <em>due-minute</em> documents instead: {@code _id = <kind>|<epoch minute>}, each listing the ids
 * (and due times) of the documents falling due in that minute, plus a cursor document
 * {@code <kind>|cursor} holding the first minute not yet swept for good.
 *
 * <p>Each minute is a {@link ChunkedLists chunked list}, so filing costs the same however much
 * falls due in one minute. An owner {@link #file files} a document <em>before</em> writing its due time (two documents
 * cannot be one atomic write without transactions), so a crash between the two writes leaves an
 * extra entry, never a lost one; entries are not removed when a due time moves, the sweep re-checks
 * the document instead. A due time already past is filed under the writer's current minute, which
 * the cursor has not passed (it stays {@value #GRACE_MINUTES} minutes behind). A sweep reads the
 * buckets from the cursor to the current minute by {@code _id $in}, then moves the cursor and
 * drops the buckets behind it. A write slower than the grace, or one that bypasses the owner,
 * is caught by the full read through the index query at the process's first sweep and every
 * {@link DueSettings#rescan()} (as the delivery relay rescans).
 */
public final class DueBuckets {

    public static final String COLLECTION = "due_buckets";
    /** Minutes re-read behind the current one, for a due time written a little after its bucket. */
    static final long GRACE_MINUTES = 2;
    /** At most this many minutes per pass (a day); a longer pause is caught up over several passes. */
    static final long MAX_MINUTES = 24 * 60;

    /** The due-time index query, for index mode and the rare full read in bucket mode. */
    @FunctionalInterface
    public interface IndexQuery {
        /** Ids whose due time is at or before {@code now}, earliest first, at most {@code max}. */
        List<String> dueIds(Instant now, int max);
    }

    private final MongoTemplate mongo;
    private final ChunkedLists buckets;
    private final String kind;
    private final DueSettings settings;
    private final Clock clock;
    private volatile Instant lastScan;

    public DueBuckets(MongoTemplate mongo, String kind, DueSettings settings, Clock clock) {
        this.mongo = mongo;
        this.buckets = new ChunkedLists(mongo, COLLECTION, "entries");
        this.kind = kind;
        this.settings = settings;
        this.clock = clock;
    }

    /** Files a document under the minute it falls due; call before writing that due time. */
    public void file(String id, Instant dueAt) {
        if (!settings.byBuckets() || dueAt == null) {
            return;
        }
        var minute = Math.max(minuteOf(dueAt), minuteOf(clock.instant()));
        buckets.append(key(minute), List.of(new Document("id", id).append("due", Date.from(dueAt))));
    }

    /**
     * The candidates due at {@code now}: by the index query in index mode; in bucket mode by the
     * index query at the first pass and every rescan, else from the buckets.
     */
    public DuePass pass(Instant now, int max, IndexQuery byIndex) {
        if (!settings.byBuckets()) {
            return DuePass.of(byIndex.dueIds(now, max));
        }
        var scan = lastScan;
        if (scan == null || now.isBefore(scan) || !now.isBefore(scan.plus(settings.rescan()))) {
            var ids = byIndex.dueIds(now, max);
            return new DuePass(ids, () -> scanned(now, ids.size() < max));
        }
        return fromBuckets(now, max);
    }

    /** After a complete full read everything due by {@code at} is handled: the buckets start there. */
    private void scanned(Instant at, boolean complete) {
        if (!complete) {
            return; // more than one pass holds: read again next time
        }
        // Set, not $max: moving the cursor back only re-reads entries (a clock set back, a slow scan).
        mongo.upsert(byId(cursorKey()), new Update().set("next", minuteOf(at) - GRACE_MINUTES), COLLECTION);
        lastScan = at;
    }

    private DuePass fromBuckets(Instant now, int max) {
        var cursor = mongo.findById(cursorKey(), Document.class, COLLECTION);
        var current = minuteOf(now);
        var from = cursor == null ? current - GRACE_MINUTES : ((Number) cursor.get("next")).longValue();
        var to = Math.min(current, from + MAX_MINUTES - 1);
        if (to < from) {
            return DuePass.of(List.of());
        }
        var keys = LongStream.rangeClosed(from, to).mapToObj(this::key).toList();
        var entries = new ArrayList<Entry>();
        var read = buckets.read(keys, Document.class);
        for (var bucket : read.entrySet()) {
            var minute = minuteOfKey(bucket.getKey());
            for (var e : bucket.getValue()) {
                var due = e.getDate("due").toInstant();
                if (!due.isAfter(now)) {
                    entries.add(new Entry(e.getString("id"), due, minute));
                }
            }
        }
        entries.sort(Comparator.comparing(Entry::due));
        var earliest = new LinkedHashMap<String, Entry>();
        entries.forEach(e -> earliest.putIfAbsent(e.id(), e));
        var taken = new ArrayList<String>();
        var resume = to + 1;
        for (var e : earliest.values()) {
            if (taken.size() < max) {
                taken.add(e.id());
            } else {
                resume = Math.min(resume, e.minute()); // not handled: its minute is read again
            }
        }
        var next = Math.min(resume, current - GRACE_MINUTES);
        // whether the minutes the cursor would pass hold buckets to drop
        var holdsBuckets = read.keySet().stream().anyMatch(key -> minuteOfKey(key) < next);
        return new DuePass(taken, () -> advance(from, next, holdsBuckets));
    }

    /**
     * Minutes before {@code next} are swept for good: the cursor moves (only forward), their buckets
     * go. Over empty minutes it moves only once it lags {@value #IDLE_ADVANCE_MINUTES} minutes: an idle
     * sweep then writes nothing on most passes and reads a few more missing keys instead (ADR 0609).
     */
    private void advance(long from, long next, boolean holdsBuckets) {
        if (next <= from || (!holdsBuckets && next - from < IDLE_ADVANCE_MINUTES)) {
            return;
        }
        mongo.upsert(byId(cursorKey()), new Update().max("next", next), COLLECTION);
        var passed = LongStream.range(from, next).mapToObj(this::key).toList();
        buckets.drop(passed);
    }

    /** How far the cursor may lag over empty minutes before an idle pass moves it. */
    static final long IDLE_ADVANCE_MINUTES = 10;

    private record Entry(String id, Instant due, long minute) {}

    static long minuteOf(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), 60);
    }

    private long minuteOfKey(String key) {
        return Long.parseLong(key.substring(kind.length() + 1));
    }

    private String key(long minute) {
        return kind + "|" + minute;
    }

    private String cursorKey() {
        return kind + "|cursor";
    }

    private static Query byId(String id) {
        return new Query(Criteria.where("_id").is(id));
    }
}
