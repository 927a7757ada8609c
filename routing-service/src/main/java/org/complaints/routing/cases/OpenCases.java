package org.complaints.routing.cases;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.complaints.support.lookup.ShardedIds;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The tenant's open cases, by key (ADR 0607): a {@link ShardedIds} set {@code open-case|tenant} in
 * {@link MongoCaseRepository#LOOKUPS}, so that the open-case gauge counts what is open by reading
 * the set and loading its cases, at a cost that follows the open work, not history.
 *
 * <p>Kept without transactions, as {@link CaseOwners}: the case carries whether it is listed
 * ({@link Case#listedOpen}, written with the case), so only a save that opens or closes it writes
 * here. It joins the set before the write that opens it; after the write that closes it, it leaves
 * the set, is read back and joins again if a later save reopened it in between. A crash leaves at
 * worst a stale entry (a case not stored, or closed), which the count skips when it loads the case;
 * never a missing one. The count does not remove stale entries itself: it could race a reopening.
 */
final class OpenCases {

    private static final int LOAD_CHUNK = 200;

    private final MongoTemplate mongo;
    private final ShardedIds ids;

    OpenCases(MongoTemplate mongo, String collection) {
        this.mongo = mongo;
        this.ids = new ShardedIds(mongo, collection);
    }

    /** Before writing the case: records whether it is open and, when it opens, lists it. */
    void file(Case c) {
        var wasListed = c.listedOpen;
        c.listedOpen = open(c);
        if (c.listedOpen && !wasListed) {
            ids.add(key(c.tenant), c.id);
        }
    }

    /** After writing the case: when this write closed it, off the set, unless reopened meanwhile. */
    void settle(Case saved, boolean wasListed) {
        if (!wasListed || saved.listedOpen) {
            return;
        }
        ids.remove(key(saved.tenant), saved.id);
        var query = new Query(Criteria.where("_id").is(saved.id));
        query.fields().include("state");
        var now = mongo.findOne(query, Case.class);
        if (now != null && open(now)) {
            ids.add(key(saved.tenant), saved.id);
        }
    }

    /** Lists cases that are open but not listed (stored before this set existed); a backfill. */
    void addAll(String tenant, Collection<String> caseIds) {
        ids.addAll(key(tenant), caseIds);
    }

    /** The tenants' open cases by level, from the cases the sets name, each loaded by key. */
    Map<String, Map<String, Long>> byTenantAndLevel(Collection<String> tenants) {
        var counts = new HashMap<String, Map<String, Long>>();
        for (var tenant : tenants) {
            var listed = List.copyOf(ids.values(key(tenant)));
            for (var start = 0; start < listed.size(); start += LOAD_CHUNK) {
                var query = new Query(
                        Criteria.where("_id").in(listed.subList(start, Math.min(listed.size(), start + LOAD_CHUNK))));
                query.fields().include("tenant", "state", "level");
                for (var c : mongo.find(query, Case.class)) {
                    if (tenant.equals(c.tenant) && open(c) && c.level != null) {
                        counts.computeIfAbsent(tenant, t -> new HashMap<>()).merge(c.level, 1L, Long::sum);
                    }
                }
            }
        }
        return counts;
    }

    static boolean open(Case c) {
        return c.state != null && !c.state.terminal();
    }

    private static String key(String tenant) {
        return "open-case|" + tenant;
    }
}
