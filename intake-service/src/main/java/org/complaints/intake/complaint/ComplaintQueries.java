package org.complaints.intake.complaint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.complaints.support.lookup.HourIndex;
import org.complaints.support.scope.CallerScope;
import org.springframework.stereotype.Component;

/**
 * Scoped lists with keyset ("cursor") paging on (createdAt, id), newest first, reached by key only
 * (ADR 0106): the tenant's list walks its {@link HourIndex} (bounded cost per page however long the
 * history; a page may hold fewer than {@code limit} items with a cursor to go on), the customer
 * history the customer's lookup document.
 */
@Component
class ComplaintQueries {

    static final int MAX_LIMIT = HourIndex.MAX_LIMIT;
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
        var window = new HourIndex.Window(filter.region(), filter.site(), filter.createdFrom(), filter.createdTo());
        var page = lookups.hourIndex()
                .page(
                        scope,
                        window,
                        cursor,
                        limit,
                        new HourIndex.Records<Complaint>(
                                lookups::load,
                                c -> c.createdAt,
                                Complaint::id,
                                c -> scope.covers(c.tenant, c.region, c.site) && matches(filter, c)));
        return new Page(page.items(), page.nextCursor());
    }

    /** A customer's complaints inside the caller's scope, newest first (OT-02, issue 12). */
    Page ofCustomer(CallerScope scope, String customerKey, String cursor, int limit) {
        var size = Math.clamp(limit, 1, MAX_LIMIT);
        var upper = HourIndex.decode(cursor);
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

    static String encode(Instant createdAt, String id) {
        return HourIndex.encode(createdAt, id);
    }
}
