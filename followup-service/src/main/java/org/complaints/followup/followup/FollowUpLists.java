package org.complaints.followup.followup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.bson.Document;
import org.complaints.support.lookup.HourIndex;
import org.complaints.support.lookup.ShardedIds;
import org.complaints.support.scope.CallerScope;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * {@code GET /follow-ups} without a case, by key (issue 14, ADR 0293): the embedded store answers
 * only {@code _id} and unique keys without reading the whole collection, and the list is sorted by
 * due time. Two lookups in {@value #LOOKUPS}, both written before the follow-up is inserted (its due
 * time never changes):
 *
 * <ul>
 *   <li>the tenant's open follow-ups per status ({@code open|tenant|PLANNED}, {@code
 *       open|tenant|OVERDUE}; sharded, values {@code <due millis>|<id>}, so they sort by due time
 *       without loading): the list of {@code PLANNED} or {@code OVERDUE} ones. A status only moves
 *       forwards (PLANNED, OVERDUE, DONE), so a follow-up is added to its next set before the write
 *       that moves it and taken off the earlier one after; a reader that loads one already past a
 *       set's status takes it off too (it can never come back);
 *   <li>an {@link HourIndex} by due time, walked oldest first: the list without a status or of
 *       {@code DONE} ones, which starts at the earliest due times; and a month of it for the
 *       monthly report ({@link FollowUpMonths}).
 * </ul>
 *
 * Readers load by {@code _id $in} and check tenant, scope and status on the loaded follow-up, so an
 * entry whose follow-up was never stored, or has moved on, is dropped.
 */
@Component
class FollowUpLists {

    static final String LOOKUPS = "followup_lookups";
    /** Written once the follow-ups stored before these lookups are in them. */
    static final String INDEXED = "lists-indexed|v1";

    private static final int LOAD_CHUNK = 50;
    static final String PLANNED = "PLANNED";
    static final String OVERDUE = "OVERDUE";
    private static final List<String> OPEN = List.of(PLANNED, OVERDUE);

    private final MongoTemplate mongo;
    private final HourIndex byDue;
    private final ShardedIds open;

    FollowUpLists(MongoTemplate mongo) {
        this.mongo = mongo;
        this.byDue = new HourIndex(mongo, LOOKUPS);
        this.open = new ShardedIds(mongo, LOOKUPS);
    }

    /** Before inserting a planned follow-up. */
    void file(FollowUp f) {
        if (f.dueAt != null) { // a plan always sets one; an entry at the epoch would start the walk in 1970
            byDue.record(f.tenant, f.id, f.dueAt, f.region, f.site);
        }
        open.add(openKey(f.tenant, PLANNED), value(f));
    }

    /** A plan that lost the race to an identical one: its follow-up was never stored. */
    void forget(FollowUp f) {
        open.remove(openKey(f.tenant, PLANNED), value(f));
    }

    /** Before the sweep marks a planned follow-up overdue. */
    void becomingOverdue(FollowUp f) {
        open.add(openKey(f.tenant, OVERDUE), value(f));
    }

    /** After the sweep marked it. */
    void overdue(FollowUp f) {
        open.remove(openKey(f.tenant, PLANNED), value(f));
    }

    /** After the outcome's save: a done follow-up never opens again. */
    void done(FollowUp f) {
        OPEN.forEach(status -> open.remove(openKey(f.tenant, status), value(f)));
    }

    /** Follow-ups in the scope, of one status or all, earliest due first, at most {@code limit}. */
    List<FollowUp> list(CallerScope scope, String status, int limit) {
        if (status != null && OPEN.contains(status)) {
            return openOnes(scope, status, limit);
        }
        return byDue.earliest(
                scope,
                HourIndex.Window.ALL,
                limit,
                new HourIndex.Records<>(
                        this::byIds,
                        FollowUpLists::dueOf,
                        f -> f.id,
                        f -> scope.covers(f.tenant, f.region, f.site) && (status == null || status.equals(f.status))));
    }

    /** The ids of the follow-ups due in the window, each once, in chunks (the monthly report, ADR 0602). */
    void dueWithin(CallerScope scope, HourIndex.Window window, Consumer<List<String>> ids) {
        byDue.within(scope, window, ids);
    }

    /** The open ones by their due time, loaded in order until the page is full (at most 1,000 loads). */
    private List<FollowUp> openOnes(CallerScope scope, String status, int limit) {
        var found = new ArrayList<FollowUp>();
        eachOpen(scope.tenant(), status, HourIndex.MAX_LOADS_PER_PAGE, f -> {
            if (scope.covers(f.tenant, f.region, f.site)) {
                found.add(f);
            }
            return found.size() < limit;
        });
        return found;
    }

    /**
     * How many of the tenant's follow-ups are in an open status, from its set by key: the cost
     * follows the open follow-ups, not history (ADR 0607).
     */
    long count(String tenant, String status) {
        var n = new long[1];
        eachOpen(tenant, status, Integer.MAX_VALUE, f -> {
            n[0]++;
            return true;
        });
        return n[0];
    }

    /**
     * The tenant's follow-ups in {@code status} by due time, loaded from its set by {@code _id} (at
     * most {@code maxLoads}) and handed to {@code take} until it answers false. An entry whose
     * follow-up moved on is taken off (a status never goes back); one never stored is skipped.
     */
    private void eachOpen(String tenant, String status, int maxLoads, Predicate<FollowUp> take) {
        var key = openKey(tenant, status);
        var ids = open.values(key).stream()
                .sorted()
                .map(ShardedIds::idOf)
                .distinct()
                .toList();
        for (var start = 0; start < ids.size() && start < maxLoads; start += LOAD_CHUNK) {
            var chunk = ids.subList(start, Math.min(ids.size(), start + LOAD_CHUNK));
            var loaded = byIds(chunk);
            for (var id : chunk) {
                var f = loaded.get(id);
                if (f == null || !tenant.equals(f.tenant)) {
                    continue; // not stored (yet): an insert may still be on its way
                }
                if (!status.equals(f.status)) {
                    open.remove(key, value(f)); // moved on, and a status never goes back
                } else if (!take.test(f)) {
                    return;
                }
            }
        }
    }

    /**
     * Files every follow-up stored before these lookups, once per store, before the service takes
     * traffic (one read of the collection at the first start of this version). Repeating it (two
     * replicas starting together) lists nothing twice.
     */
    @EventListener(ApplicationReadyEvent.class)
    void fileEarlierFollowUps() {
        if (mongo.findById(INDEXED, Document.class, LOOKUPS) != null) {
            return;
        }
        var query = new Query();
        query.fields().include("_id", "tenant", "region", "site", "dueAt", "status");
        var batch = new ArrayList<HourIndex.Recorded>();
        var opened = new LinkedHashMap<String, List<String>>();
        try (var all = mongo.stream(query, Document.class, "followups")) {
            all.forEach(d -> {
                var tenant = d.getString("tenant");
                if (tenant == null) {
                    return;
                }
                var id = d.get("_id").toString();
                var due = d.getDate("dueAt") == null ? null : d.getDate("dueAt").toInstant();
                if (due != null) {
                    batch.add(new HourIndex.Recorded(tenant, id, due, d.getString("region"), d.getString("site")));
                }
                var status = d.getString("status") == null ? PLANNED : d.getString("status");
                if (status != null && OPEN.contains(status)) {
                    opened.computeIfAbsent(openKey(tenant, status), k -> new ArrayList<>())
                            .add(ShardedIds.timed(due, id));
                }
                if (batch.size() == 10_000) {
                    byDue.recordAll(batch);
                    batch.clear();
                }
            });
        }
        byDue.recordAll(batch);
        opened.forEach(open::addAll);
        mongo.upsert(new Query(Criteria.where("_id").is(INDEXED)), new Update().set("at", new Date()), LOOKUPS);
    }

    private Map<String, FollowUp> byIds(List<String> ids) {
        var found = new HashMap<String, FollowUp>();
        mongo.find(new Query(Criteria.where("_id").in(ids)), FollowUp.class).forEach(f -> found.put(f.id, f));
        return found;
    }

    static Instant dueOf(FollowUp f) {
        return f.dueAt == null ? Instant.EPOCH : f.dueAt;
    }

    static String openKey(String tenant, String status) {
        return "open|" + tenant + "|" + status;
    }

    private static String value(FollowUp f) {
        return ShardedIds.timed(f.dueAt, f.id);
    }
}
