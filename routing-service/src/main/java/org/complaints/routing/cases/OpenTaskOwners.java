package org.complaints.routing.cases;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;
import org.complaints.routing.tasks.Task;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Which cases hold an open task of an owner ({@code role:<role>} or a person), so that the work list
 * reaches them by key on the embedded store (ADR 0026): one {@code owner|tenant|assignee} document
 * per owner in {@code case_lookups}, listing case ids. Its size follows the open work, not history.
 *
 * <p>Kept without transactions: every save adds the case to the owners of its open tasks before
 * and again after writing the case, and takes it off the owners whose tasks on it are all closed
 * after writing, then reads the case back and adds it again if a later save reopened work for that
 * owner in between. A crash leaves at worst a stale entry, which the work list drops when it loads
 * the case; never a missing one.
 */
final class OpenTaskOwners {

    private static final String CASES = "cases";

    private final MongoTemplate mongo;
    private final String collection;

    OpenTaskOwners(MongoTemplate mongo, String collection) {
        this.mongo = mongo;
        this.collection = collection;
    }

    /** Before and after writing the case: it is on the list of every owner of one of its open tasks. */
    void file(Case c) {
        for (var owner : openOwners(c)) {
            mongo.upsert(byId(key(c.tenant, owner)), new Update().addToSet(CASES, c.id), collection);
        }
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
            mongo.updateFirst(byId(key(c.tenant, owner)), new Update().pull(CASES, c.id), collection);
        }
        var now = mongo.findById(c.id, Case.class);
        if (now != null) {
            var reopened = openOwners(now);
            closed.stream()
                    .filter(reopened::contains)
                    .forEach(owner ->
                            mongo.upsert(byId(key(c.tenant, owner)), new Update().addToSet(CASES, c.id), collection));
        }
    }

    /** The ids of the tenant's cases that may hold an open task of one of the owners. */
    Set<String> casesOf(String tenant, Collection<String> owners) {
        var keys = owners.stream().map(owner -> key(tenant, owner)).toList();
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

    private static Query byId(String id) {
        return new Query(Criteria.where("_id").is(id));
    }
}
