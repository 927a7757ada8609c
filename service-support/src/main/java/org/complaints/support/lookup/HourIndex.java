package org.complaints.support.lookup;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import org.bson.Document;
import org.complaints.support.scope.CallerScope;
import org.complaints.support.web.ProblemException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * A tenant's records by the hour they were written, so that a cursor list reaches its documents by
 * key on the embedded store, which answers only {@code _id} and unique-index equality without
 * scanning (ADR 0106, ADR 0025). Two kinds of lookup document, in the owning service's lookup
 * collection:
 *
 * <ul>
 *   <li>{@code hour|tenant|epochHour}: every record of that hour as {@code {id, at, region, site}},
 *       a {@link ChunkedLists chunked list} so that an append costs the same however busy the hour;
 *   <li>{@code span|tenant}: the first and last hour that hold records.
 * </ul>
 *
 * {@link #record} appends to the hour and widens the span when this process does not know it to
 * cover the hour yet ({@code $min}/{@code $max}; a span only ever grows), <em>before</em> the record
 * itself: an entry whose record was never stored is dropped on reading, because a page loads its
 * records by {@code _id} afterwards.
 *
 * <p>{@link #page} walks the hours backwards from the cursor, newest first on (at, id), keeps the
 * entries inside the caller's scope and the region/site filter, loads those records and applies
 * the remaining filter. A page examines at most {@value #MAX_HOURS_PER_PAGE} hours and
 * {@value #MAX_LOADS_PER_PAGE} records; when it stops early it returns what it found with a cursor
 * to go on, so a page may hold fewer than {@code limit} items but its cost is bounded however long
 * the history. {@link #within} hands over every entry of a period instead, for figures that need
 * all of it (the monthly report, ADR 0602).
 */
public final class HourIndex {

    public static final int MAX_LIMIT = 200;
    public static final int MAX_HOURS_PER_PAGE = 24 * 31;
    public static final int MAX_LOADS_PER_PAGE = 1_000;
    public static final int MAX_EARLIEST_HOURS = 24 * 366 * 2;
    private static final int HOURS_PER_READ = 48;
    private static final int HOURS_PER_PERIOD_READ = 24 * 7;
    private static final int LOAD_CHUNK = 50;
    private static final int FILL_BATCH = 10_000;
    private static final String ENTRIES = "entries";

    /** One hour's entry: what a list may filter on before loading the record. */
    public record Entry(String id, Instant at, String region, String site) {}

    /** The filters an entry answers without loading its record; any may be null. */
    public record Window(String region, String site, Instant from, Instant to) {
        public static final Window ALL = new Window(null, null, null, null);
    }

    public record Page<T>(List<T> items, String nextCursor) {}

    /** How a list reads its records: by id, the position each sorts by, and the filters an entry cannot answer. */
    public record Records<T>(
            Function<List<String>, Map<String, T>> byIds,
            Function<T, Instant> at,
            Function<T, String> id,
            Predicate<T> keep) {}

    private final MongoTemplate mongo;
    private final String collection;
    private final ChunkedLists lists;
    /** Spans this process wrote or read: a record inside one needs no span write. */
    private final Map<String, Span> knownSpans = new ConcurrentHashMap<>();

    public HourIndex(MongoTemplate mongo, String collection) {
        this.mongo = mongo;
        this.collection = collection;
        this.lists = new ChunkedLists(mongo, collection, ENTRIES);
    }

    /** A record as its hour lists it. */
    public record Recorded(String tenant, String id, Instant at, String region, String site) {}

    /** Writes a new record into its hour; call before inserting the record. */
    public void record(String tenant, String id, Instant at, String region, String site) {
        recordAll(List.of(new Recorded(tenant, id, at, region, site)));
    }

    /**
     * Writes records into their hours. A record written twice (a retry, a backfill running on two
     * replicas) may be listed twice; {@link #page} lists it once.
     */
    public void recordAll(List<Recorded> records) {
        var byHour = new LinkedHashMap<String, List<Document>>();
        var spans = new LinkedHashMap<String, long[]>();
        for (var r : records) {
            var hour = hourOf(r.at());
            byHour.computeIfAbsent(hourKey(r.tenant(), hour), k -> new ArrayList<>())
                    .add(new Document("id", r.id())
                            .append("at", Date.from(r.at()))
                            .append("region", r.region())
                            .append("site", r.site()));
            spans.merge(r.tenant(), new long[] {hour, hour}, (a, b) ->
                    new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
        }
        byHour.forEach(lists::append);
        spans.forEach((tenant, span) -> {
            var known = knownSpans.get(tenant);
            if (known == null || span[0] < known.first() || span[1] > known.last()) {
                mongo.upsert(
                        byId(spanKey(tenant)),
                        new Update().min("first", span[0]).max("last", span[1]),
                        collection);
                knownSpans.merge(tenant, new Span(span[0], span[1]), Span::union);
            }
        });
    }

    /**
     * Files the records stored before this index existed, once per store: nothing when {@code marker}
     * is already in the collection, else one pass over {@code stored} (closed afterwards) in batches,
     * then the marker. Two replicas doing it at once list some records twice; readers count each once.
     */
    public void fillOnce(String marker, java.util.function.Supplier<java.util.stream.Stream<Recorded>> stored) {
        if (mongo.findById(marker, Document.class, collection) != null) {
            return;
        }
        var batch = new ArrayList<Recorded>();
        try (var records = stored.get()) {
            records.forEach(r -> {
                batch.add(r);
                if (batch.size() == FILL_BATCH) {
                    recordAll(batch);
                    batch.clear();
                }
            });
        }
        recordAll(batch);
        mongo.upsert(byId(marker), new Update().set("at", new Date()), collection);
    }

    public <T> Page<T> page(CallerScope scope, Window window, String cursor, int limit, Records<T> records) {
        var size = Math.clamp(limit, 1, MAX_LIMIT);
        var span = span(scope.tenant());
        if (span == null) {
            return new Page<>(List.of(), null);
        }
        var fromCursor = decode(cursor);
        var upper = window.to() != null && window.to().isBefore(fromCursor.at())
                ? new Position(window.to(), "")
                : fromCursor;
        var lowest = Math.max(span.first(), window.from() == null ? Long.MIN_VALUE : hourOf(window.from()));
        var hour = Math.min(span.last(), upper.at() == Instant.MAX ? Long.MAX_VALUE : hourOfExclusive(upper));
        var items = new ArrayList<T>();
        var walked = 0;
        var loads = 0;
        while (hour >= lowest) {
            var from = Math.max(lowest, hour - HOURS_PER_READ + 1);
            var batch = LongStream.rangeClosed(from, hour)
                    .boxed()
                    .sorted(Comparator.reverseOrder())
                    .toList();
            var entries = hours(scope.tenant(), batch);
            for (var h : batch) {
                var candidates = visible(entries.getOrDefault(h, List.of()), scope, window)
                        .filter(e -> upper.after(e.at(), e.id()))
                        .sorted(Comparator.comparing(Entry::at)
                                .thenComparing(Entry::id)
                                .reversed())
                        .toList();
                for (var start = 0; start < candidates.size(); start += LOAD_CHUNK) {
                    var chunk = candidates.subList(start, Math.min(candidates.size(), start + LOAD_CHUNK));
                    var loaded =
                            records.byIds().apply(chunk.stream().map(Entry::id).toList());
                    loads += chunk.size();
                    for (var entry : chunk) {
                        var found = loaded.get(entry.id());
                        if (found != null && records.keep().test(found)) {
                            items.add(found);
                            if (items.size() > size) {
                                var page = items.subList(0, size);
                                var last = page.getLast();
                                return new Page<>(
                                        List.copyOf(page),
                                        encode(
                                                records.at().apply(last),
                                                records.id().apply(last)));
                            }
                        }
                    }
                    if (loads >= MAX_LOADS_PER_PAGE) {
                        var last = chunk.getLast();
                        return new Page<>(items, encode(last.at(), last.id()));
                    }
                }
                walked++;
                if (walked >= MAX_HOURS_PER_PAGE && h > lowest) {
                    return new Page<>(items, encode(hourStart(h), ""));
                }
            }
            hour = from - 1;
        }
        return new Page<>(items, null);
    }

    /**
     * The first {@code limit} records oldest first on (at, id), walking the hours forwards from the
     * window's start (or the tenant's first hour), for a list sorted by an ascending time such as a
     * due time (ADR 0293). Such a list has no cursor to go on with, so it reads a week of hours per
     * read and walks up to {@value #MAX_EARLIEST_HOURS} hours (two years: a gap of months between a
     * tenant's first records and the rest costs at most about a hundred reads by key); it loads at
     * most {@value #MAX_LOADS_PER_PAGE} records, after which it returns what it found.
     */
    public <T> List<T> earliest(CallerScope scope, Window window, int limit, Records<T> records) {
        var size = Math.clamp(limit, 1, MAX_LIMIT);
        var span = span(scope.tenant());
        var items = new ArrayList<T>();
        if (span == null) {
            return items;
        }
        var hour = Math.max(span.first(), window.from() == null ? Long.MIN_VALUE : hourOf(window.from()));
        var highest = Math.min(span.last(), window.to() == null ? Long.MAX_VALUE : hourOf(window.to()));
        var last = Math.min(highest, hour + MAX_EARLIEST_HOURS - 1);
        var loads = 0;
        while (hour <= last) {
            var to = Math.min(last, hour + 24 * 7 - 1);
            var batch = LongStream.rangeClosed(hour, to).boxed().toList();
            var entries = hours(scope.tenant(), batch);
            for (var h : batch) {
                var candidates = visible(entries.getOrDefault(h, List.of()), scope, window)
                        .filter(e -> window.to() == null || e.at().isBefore(window.to()))
                        .sorted(Comparator.comparing(Entry::at).thenComparing(Entry::id))
                        .toList();
                for (var start = 0; start < candidates.size(); start += LOAD_CHUNK) {
                    var chunk = candidates.subList(start, Math.min(candidates.size(), start + LOAD_CHUNK));
                    var loaded =
                            records.byIds().apply(chunk.stream().map(Entry::id).toList());
                    loads += chunk.size();
                    for (var entry : chunk) {
                        var found = loaded.get(entry.id());
                        if (found != null && records.keep().test(found)) {
                            items.add(found);
                            if (items.size() == size) {
                                return items;
                            }
                        }
                    }
                    if (loads >= MAX_LOADS_PER_PAGE) {
                        return items;
                    }
                }
            }
            hour = to + 1;
        }
        return items;
    }

    /**
     * The ids of every record listed in [{@code window.from()}, {@code window.to()}) within the scope
     * and the window's region and site, each once, handed to {@code load} in chunks of at most
     * {@value #LOAD_CHUNK} for a read by {@code _id $in}. No page limit: a period's figures need all
     * of it, and the cost follows the entries of the period's hours (a week of hours per read), not
     * the history. An entry may be stale (its record never stored, or listed under another time), so
     * the loader checks each record's own fields again.
     */
    public void within(CallerScope scope, Window window, Consumer<List<String>> load) {
        if (window.from() == null || window.to() == null) {
            throw new IllegalArgumentException("a period needs both ends");
        }
        var span = span(scope.tenant());
        if (span == null || !window.from().isBefore(window.to())) {
            return;
        }
        var hour = Math.max(span.first(), hourOf(window.from()));
        var last = Math.min(span.last(), hourOf(window.to().minusNanos(1)));
        var seen = new HashSet<String>();
        var chunk = new ArrayList<String>(LOAD_CHUNK);
        while (hour <= last) {
            var to = Math.min(last, hour + HOURS_PER_PERIOD_READ - 1);
            var batch = LongStream.rangeClosed(hour, to).boxed().toList();
            var entries = hours(scope.tenant(), batch);
            for (var h : batch) {
                var ids = visible(entries.getOrDefault(h, List.of()), scope, window)
                        .filter(e -> e.at().isBefore(window.to()) && seen.add(e.id()))
                        .map(Entry::id)
                        .toList();
                for (var id : ids) {
                    chunk.add(id);
                    if (chunk.size() == LOAD_CHUNK) {
                        load.accept(List.copyOf(chunk));
                        chunk.clear();
                    }
                }
            }
            hour = to + 1;
        }
        if (!chunk.isEmpty()) {
            load.accept(List.copyOf(chunk));
        }
    }

    /** An hour's entries from the window's start on, in the caller's scope and the window's region and site. */
    private static java.util.stream.Stream<Entry> visible(List<Entry> entries, CallerScope scope, Window window) {
        return entries.stream()
                .filter(e -> window.from() == null || !e.at().isBefore(window.from()))
                .filter(e -> scope.covers(scope.tenant(), e.region(), e.site()))
                .filter(e -> matches(window.region(), e.region()) && matches(window.site(), e.site()));
    }

    private record Span(long first, long last) {
        Span union(Span other) {
            return new Span(Math.min(first, other.first), Math.max(last, other.last));
        }
    }

    private Span span(String tenant) {
        var doc = mongo.findById(spanKey(tenant), Document.class, collection);
        if (doc == null) {
            return null;
        }
        var span = new Span(((Number) doc.get("first")).longValue(), ((Number) doc.get("last")).longValue());
        knownSpans.merge(tenant, span, Span::union);
        return span;
    }

    /** The entries of the given hours, by hour; hours without records are absent. */
    private Map<Long, List<Entry>> hours(String tenant, List<Long> hours) {
        var keys = hours.stream().map(h -> hourKey(tenant, h)).toList();
        var result = new LinkedHashMap<Long, List<Entry>>();
        lists.read(keys, Document.class).forEach((key, entries) -> {
            var hour = Long.parseLong(key.substring(key.lastIndexOf('|') + 1));
            var byId = new LinkedHashMap<String, Entry>();
            for (var e : entries) {
                byId.putIfAbsent(
                        e.getString("id"),
                        new Entry(e.getString("id"), instant(e), e.getString("region"), e.getString("site")));
            }
            result.put(hour, List.copyOf(byId.values()));
        });
        return result;
    }

    public static long hourOf(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), 3600);
    }

    static Instant hourStart(long hour) {
        return Instant.ofEpochSecond(hour * 3600);
    }

    public static String hourKey(String tenant, long hour) {
        return "hour|" + tenant + "|" + hour;
    }

    public static String spanKey(String tenant) {
        return "span|" + tenant;
    }

    private static boolean matches(String wanted, String actual) {
        return wanted == null || wanted.isBlank() || wanted.equals(actual);
    }

    /** The hour of the newest entry a position can still admit (positions are exclusive). */
    private static long hourOfExclusive(Position upper) {
        var hour = hourOf(upper.at());
        return upper.id().isEmpty() && hourStart(hour).equals(upper.at()) ? hour - 1 : hour;
    }

    /** An exclusive upper bound on (at, id), newest first; a cursor decodes to one. */
    public record Position(Instant at, String id) {
        public static final Position NEWEST = new Position(Instant.MAX, "");

        public boolean after(Instant otherAt, String otherId) {
            var byTime = otherAt.compareTo(at);
            return byTime < 0 || (byTime == 0 && otherId.compareTo(id) < 0);
        }
    }

    public static String encode(Instant at, String id) {
        var raw = at.toEpochMilli() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The position a cursor names, or the newest when there is none; 400 for a cursor not issued here. */
    public static Position decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return Position.NEWEST;
        }
        try {
            var raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            var colon = raw.indexOf(':');
            return new Position(
                    Instant.ofEpochMilli(Long.parseLong(raw.substring(0, colon))), raw.substring(colon + 1));
        } catch (RuntimeException e) {
            throw ProblemException.invalid("cursor", "is not a cursor this service issued");
        }
    }

    private static Query byId(String id) {
        return new Query(Criteria.where("_id").is(id));
    }

    private static Instant instant(Document entry) {
        var value = entry.getDate("at");
        return value == null ? Instant.EPOCH : value.toInstant();
    }
}
