package org.complaints.intake.complaint;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.LongStream;
import org.complaints.support.scope.CallerScope;
import org.complaints.support.web.ProblemException;
import org.springframework.stereotype.Component;

/**
 * Scoped lists with keyset ("cursor") paging on (createdAt, id), newest first, reached by key only
 * (ADR 0106): a list walks the tenant's hour documents backwards from the cursor, keeps the entries
 * inside the caller's {@link CallerScope} and the region/site filter, and loads those complaints by
 * {@code _id} to apply the remaining filters. A page examines at most {@value #MAX_HOURS_PER_PAGE}
 * hours and {@value #MAX_LOADS_PER_PAGE} complaints; when it stops early it returns what it found
 * with a cursor to go on (a page may then hold fewer than {@code limit} items). The cost of a
 * page is therefore bounded however long the history. The customer history reads the customer's
 * lookup document the same way.
 */
@Component
class ComplaintQueries {

    static final int MAX_LIMIT = 200;
    static final int MAX_HOURS_PER_PAGE = 24 * 31;
    static final int MAX_LOADS_PER_PAGE = 1_000;
    private static final int HOURS_PER_READ = 48;
    private static final int LOAD_CHUNK = 50;

    record Filter(
            String site,
            String region,
            String channel,
            String level,
            String status,
            Instant createdFrom,
            Instant createdTo) {}

    record Page(List<Complaint> items, String nextCursor) {}

    private final ComplaintLookups lookups;

    ComplaintQueries(ComplaintLookups lookups) {
        this.lookups = lookups;
    }

    Page list(CallerScope scope, Filter filter, String cursor, int limit) {
        var size = Math.clamp(limit, 1, MAX_LIMIT);
        var span = lookups.span(scope.tenant());
        if (span == null) {
            return new Page(List.of(), null);
        }
        var fromCursor = cursor != null && !cursor.isBlank() ? decode(cursor) : new Position(Instant.MAX, "");
        var upper = filter.createdTo() != null && filter.createdTo().isBefore(fromCursor.at())
                ? new Position(filter.createdTo(), "")
                : fromCursor;
        var lowest = Math.max(
                span.first(),
                filter.createdFrom() == null ? Long.MIN_VALUE : ComplaintLookups.hourOf(filter.createdFrom()));
        var hour = Math.min(span.last(), upper.at() == Instant.MAX ? Long.MAX_VALUE : hourOfExclusive(upper));
        var items = new ArrayList<Complaint>();
        var walked = 0;
        var loads = 0;
        while (hour >= lowest) {
            var from = Math.max(lowest, hour - HOURS_PER_READ + 1);
            var batch = LongStream.rangeClosed(from, hour)
                    .boxed()
                    .sorted(Comparator.reverseOrder())
                    .toList();
            var entries = lookups.hours(scope.tenant(), batch);
            for (var h : batch) {
                var candidates = entries.getOrDefault(h, List.of()).stream()
                        .filter(e -> upper.after(e.at(), e.id()))
                        .filter(e -> filter.createdFrom() == null || !e.at().isBefore(filter.createdFrom()))
                        .filter(e -> scope.covers(scope.tenant(), e.region(), e.site()))
                        .filter(e -> matches(filter.region(), e.region()) && matches(filter.site(), e.site()))
                        .sorted(Comparator.comparing(ComplaintLookups.HourEntry::at)
                                .thenComparing(ComplaintLookups.HourEntry::id)
                                .reversed())
                        .toList();
                for (var start = 0; start < candidates.size(); start += LOAD_CHUNK) {
                    var chunk = candidates.subList(start, Math.min(candidates.size(), start + LOAD_CHUNK));
                    var loaded = lookups.load(
                            chunk.stream().map(ComplaintLookups.HourEntry::id).toList());
                    loads += chunk.size();
                    for (var entry : chunk) {
                        var c = loaded.get(entry.id());
                        if (c != null && scope.covers(c.tenant, c.region, c.site) && matches(filter, c)) {
                            items.add(c);
                            if (items.size() > size) {
                                var page = items.subList(0, size);
                                var last = page.getLast();
                                return new Page(List.copyOf(page), encode(last.createdAt, last.id));
                            }
                        }
                    }
                    if (loads >= MAX_LOADS_PER_PAGE) {
                        var last = chunk.getLast();
                        return new Page(items, encode(last.at(), last.id()));
                    }
                }
                walked++;
                if (walked >= MAX_HOURS_PER_PAGE && h > lowest) {
                    return new Page(items, encode(ComplaintLookups.hourStart(h), ""));
                }
            }
            hour = from - 1;
        }
        return new Page(items, null);
    }

    /** A customer's complaints inside the caller's scope, newest first (OT-02, issue 12). */
    Page ofCustomer(CallerScope scope, String customerKey, String cursor, int limit) {
        var size = Math.clamp(limit, 1, MAX_LIMIT);
        var upper = cursor != null && !cursor.isBlank() ? decode(cursor) : new Position(Instant.MAX, "");
        var candidates = lookups.ofCustomer(scope.tenant(), customerKey).stream()
                .filter(e -> upper.after(e.createdAt(), e.id()))
                .toList();
        var items = new ArrayList<Complaint>();
        for (var start = 0; start < candidates.size(); start += LOAD_CHUNK) {
            var chunk = candidates.subList(start, Math.min(candidates.size(), start + LOAD_CHUNK));
            var loaded = lookups.load(
                    chunk.stream().map(ComplaintLookups.Earlier::id).toList());
            for (var entry : chunk) {
                var c = loaded.get(entry.id());
                if (c != null && scope.covers(c.tenant, c.region, c.site) && customerKey.equals(c.customerKey)) {
                    items.add(c);
                    if (items.size() > size) {
                        var page = items.subList(0, size);
                        var last = page.getLast();
                        return new Page(List.copyOf(page), encode(last.createdAt, last.id));
                    }
                }
            }
        }
        return new Page(items, null);
    }

    private static boolean matches(Filter filter, Complaint c) {
        return matches(filter.channel(), c.channel)
                && matches(filter.level(), CaseStatus.level(c))
                && matches(filter.status(), c.status.name());
    }

    private static boolean matches(String wanted, String actual) {
        return wanted == null || wanted.isBlank() || wanted.equals(actual);
    }

    /** The hour of the newest entry a position can still admit (positions are exclusive). */
    private static long hourOfExclusive(Position upper) {
        var hour = ComplaintLookups.hourOf(upper.at());
        return upper.id().isEmpty() && ComplaintLookups.hourStart(hour).equals(upper.at()) ? hour - 1 : hour;
    }

    /** An exclusive upper bound on (createdAt, id), newest first. */
    private record Position(Instant at, String id) {
        boolean after(Instant otherAt, String otherId) {
            var byTime = otherAt.compareTo(at);
            return byTime < 0 || (byTime == 0 && otherId.compareTo(id) < 0);
        }
    }

    static String encode(Instant createdAt, String id) {
        var raw = createdAt.toEpochMilli() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static Position decode(String cursor) {
        try {
            var raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            var colon = raw.indexOf(':');
            return new Position(
                    Instant.ofEpochMilli(Long.parseLong(raw.substring(0, colon))), raw.substring(colon + 1));
        } catch (RuntimeException e) {
            throw ProblemException.invalid("cursor", "is not a cursor this service issued");
        }
    }
}
