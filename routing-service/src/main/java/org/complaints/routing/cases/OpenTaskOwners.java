package org.complaints.routing.cases;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.bson.Document;
import org.complaints.routing.tasks.Task;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Which cases hold an open task of an owner ({@code role:<role>} or a person), so that the work list
 * reaches them by key on the embedded store (ADR 0026): {@value #SHARDS} {@code owner|tenant|assignee#s<n>}
 * documents per owner in {@code case_lookups}, each listing the case ids whose hash falls in it
 * (ADR 0288: the embedded store re-encodes a whole document on every update, so a role holding
 * thousands of open cases in one document made every new case cost as much as that list). Their
 * size follows the open work, not history. An {@code owner|tenant|assignee} document written before
 * the shards is still read and cleared, never added to.
 *
 * <p>Kept without transactions: every save adds the case to the owners of its open tasks before
 * and again after writing the case, and takes it off the owners whose tasks on it are all closed
 * after writing, then reads the case back and adds it again if a later save reopened work for that
 * owner in between. A crash leaves at worst a stale entry, which the work list drops when it loads
 * the case; never a missing one.
 */
final class OpenTaskOwners {

    private static final String CASES = "cases";
    static final int SHARDS = 64;

    private final MongoTemplate mongo;
    private final String collection;

    OpenTaskOwners(MongoTemplate mongo, String collection) {
        this.mongo = mongo;
        this.collection = collection;
    }

    /** Before and after writing the case: it is on the list of every owner of one of its open tasks. */
    void file(Case c) {
        for (var owner : openOwners(c)) {
            add(c.tenant, owner, c.id);
        }
    }

    private void add(String tenant, String owner, String caseId) {
        mongo.upsert(byId(shard(key(tenant, owner), caseId)), new Update().addToSet(CASES, caseId), collection);
    }

    /** After writing the case: off the lists of owners whose tasks on it are all closed. */
    void settle(Case c) {
        var open = openOwners(c);
        var closed = c.tasks.stream()
                .map(Task::assignee)
                .filter(owner -> owner != null && !open.contains(owner))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (closed.isEmpty()) {
            return;
        }
        for (var owner : closed) {
            var key = key(c.tenant, owner);
            mongo.updateMulti(
                    new Query(Criteria.where("_id").in(key, shard(key, c.id))),
                    new Update().pull(CASES, c.id),
                    collection);
        }
        var now = mongo.findById(c.id, Case.class);
        if (now != null) {
            var reopened = openOwners(now);
            closed.stream().filter(reopened::contains).forEach(owner -> add(c.tenant, owner, c.id));
        }
    }

    /** The ids of the tenant's cases that may hold an open task of one of the owners. */
    Set<String> casesOf(String tenant, Collection<String> owners) {
        var keys = new ArrayList<String>();
        for (var owner : owners) {
            var key = key(tenant, owner);
            keys.add(key);
            IntStream.range(0, SHARDS).forEach(n -> keys.add(key + "#s" + n));
        }
        var ids = new LinkedHashSet<String>();
        for (var doc : mongo.find(new Query(Criteria.where("_id").in(keys)), Document.class, collection)) {
            ids.addAll(doc.getList(CASES, String.class, List.of()));
        }
        return ids;
    }

    private static Set<String> openOwners(Case c) {
        return c.tasks.stream()
                .filter(t -> Task.OPEN.equals(t.status()) || Task.OVERDUE.equals(t.status()))
                .map(Task::assignee)
                .filter(owner -> owner != null)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    static String key(String tenant, String owner) {
        return "owner|" + tenant + "|" + owner;
    }

    private static String shard(String key, String caseId) {
        return key + "#s" + Math.floorMod(caseId.hashCode(), SHARDS);
    }

    private static Query byId(String id) {
        return new Query(Criteria.where("_id").is(id));
    }
}
