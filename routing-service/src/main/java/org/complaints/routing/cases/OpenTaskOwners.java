package org.complaints.routing.cases;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.complaints.routing.tasks.Task;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Which cases hold an open task of an owner ({@code role:<role>} or a person), so that the work list
 * reaches them by key on the embedded store (ADR 0026), in {@link OwnerLookups} of kind
 * {@code owner}. Their size follows the open work, not history.
 *
 * <p>Kept without transactions: every save adds the case to the owners of its open tasks before
 * and again after writing the case, and takes it off the owners whose tasks on it are all closed
 * after writing, then reads the case back and adds it again if a later save reopened work for that
 * owner in between. A crash leaves at worst a stale entry, which the work list drops when it loads
 * the case; never a missing one.
 */
final class OpenTaskOwners {

    private final MongoTemplate mongo;
    private final OwnerLookups lookups;

    OpenTaskOwners(MongoTemplate mongo, String collection) {
        this.mongo = mongo;
        this.lookups = new OwnerLookups(mongo, collection, "owner");
    }

    /** Before and after writing the case: it is on the list of every owner of one of its open tasks. */
    void file(Case c) {
        for (var owner : openOwners(c)) {
            lookups.add(c.tenant, owner, c.id);
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
        closed.forEach(owner -> lookups.remove(c.tenant, owner, c.id));
        var now = mongo.findById(c.id, Case.class);
        if (now != null) {
            var reopened = openOwners(now);
            closed.stream().filter(reopened::contains).forEach(owner -> lookups.add(c.tenant, owner, c.id));
        }
    }

    /** The ids of the tenant's cases that may hold an open task of one of the owners. */
    Set<String> casesOf(String tenant, Collection<String> owners) {
        return lookups.casesOf(tenant, owners);
    }

    private static Set<String> openOwners(Case c) {
        return c.tasks.stream()
                .filter(t -> Task.OPEN.equals(t.status()) || Task.OVERDUE.equals(t.status()))
                .map(Task::assignee)
                .filter(owner -> owner != null)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
