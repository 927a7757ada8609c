package org.complaints.routing.cases;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.complaints.support.lookup.HourIndex;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Which open cases each owner holds (the case's {@code owner}: a person or {@code role:<role>}), so
 * that "my cases" ({@code GET /cases?owner=me}) reaches them by key (ADR 0601), in
 * {@link OwnerLookups} of kind {@code case-owner}. The case carries the owner it is listed under
 * ({@link Case#listedOwner}, written with the case), so a hand-over, an assignment, a closure or a
 * reopening knows which list it leaves.
 *
 * <p>Kept without transactions, as {@link OpenTaskOwners}, and written only by a save that changes
 * the list the case belongs on: the case joins its new owner's list before and again after it is
 * written; after writing it leaves the list it was on, then is read back and joins that list again
 * if a later save gave it back to that owner in between. So a case stored as listed under an owner
 * is on that owner's list; a crash leaves at worst a stale entry, which the list drops when it
 * loads the case, never a missing one. A save that keeps the owner of an open case writes nothing here.
 */
final class CaseOwners {

    private final MongoTemplate mongo;
    private final OwnerLookups lookups;

    CaseOwners(MongoTemplate mongo, String collection) {
        this.mongo = mongo;
        this.lookups = new OwnerLookups(mongo, collection, "case-owner");
    }

    /**
     * Before writing the case: records the list it belongs on ({@code null} once closed) and, when that
     * changed from {@code before} (the one it was stored under), puts it on that list.
     */
    void file(Case c, String before) {
        c.listedOwner = listedUnder(c);
        if (c.listedOwner != null && !c.listedOwner.equals(before)) {
            lookups.add(c.tenant, c.listedOwner, c.id);
        }
    }

    /** After writing the case: when its list changed, on the new one again and off the one it was on. */
    void settle(Case saved, String before) {
        if (Objects.equals(before, saved.listedOwner)) {
            return;
        }
        if (saved.listedOwner != null) {
            lookups.add(saved.tenant, saved.listedOwner, saved.id);
        }
        if (before == null) {
            return;
        }
        lookups.remove(saved.tenant, before, saved.id);
        var query = new Query(Criteria.where("_id").is(saved.id));
        query.fields().include("owner", "state");
        var now = mongo.findOne(query, Case.class);
        if (now != null && before.equals(listedUnder(now))) {
            lookups.add(saved.tenant, before, saved.id);
        }
    }

    /** The ids of the tenant's cases that may be open and owned by one of the owners. */
    Set<String> casesOf(String tenant, Collection<String> owners) {
        return lookups.casesOf(tenant, owners);
    }

    /** Where a case stands in an owner's list: its nearest running deadline (none: last), then its id. */
    record Place(long due, String id) implements Comparable<Place> {

        private static final Comparator<Place> ORDER =
                Comparator.comparingLong(Place::due).thenComparing(Place::id);

        static Place of(Case c) {
            var due = c.deadlines.stream()
                    .filter(Case.Deadline::pending)
                    .mapToLong(d -> d.dueAt().toEpochMilli())
                    .min()
                    .orElse(Long.MAX_VALUE);
            return new Place(due, c.id);
        }

        @Override
        public int compareTo(Place other) {
            return ORDER.compare(this, other);
        }

        String cursor() {
            return due + "~" + id;
        }

        static Place parse(String cursor) {
            var parts = cursor.split("~", 2);
            try {
                return new Place(Long.parseLong(parts[0]), parts[1]);
            } catch (RuntimeException e) {
                throw CaseRefusal.invalid("cursor", "is not a cursor this service returned");
            }
        }
    }

    /**
     * The page of {@code candidates} (open cases of the owners, as loaded: any order) after
     * {@code cursor}, in list order, with the cursor of its last case when more follow.
     */
    static HourIndex.Page<Case> page(List<Case> candidates, String cursor, int limit) {
        var after = cursor == null || cursor.isBlank() ? null : Place.parse(cursor);
        var size = Math.clamp(limit, 1, HourIndex.MAX_LIMIT);
        var sorted = candidates.stream()
                .filter(c -> after == null || Place.of(c).compareTo(after) > 0)
                .sorted(Comparator.comparing(Place::of))
                .limit(size + 1L)
                .toList();
        var page = sorted.size() > size ? sorted.subList(0, size) : sorted;
        return new HourIndex.Page<>(
                page, sorted.size() > size ? Place.of(page.getLast()).cursor() : null);
    }

    /** The owner whose list an open case is on; a closed case is on none. */
    static String listedUnder(Case c) {
        return c.state == null || c.state.terminal() || Case.blank(c.owner) ? null : c.owner;
    }
}
