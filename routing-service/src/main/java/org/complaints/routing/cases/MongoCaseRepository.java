package org.complaints.routing.cases;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.complaints.support.due.DueBuckets;
import org.complaints.support.due.DuePass;
import org.complaints.support.due.DueSettings;
import org.complaints.support.scope.CallerScope;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

@Repository
class MongoCaseRepository implements CaseRepository {

    /** Lookup documents kept beside the cases (RT-06 product groups), read by key. */
    static final String LOOKUPS = "case_lookups";
    /** Latest cases per product and site kept; a group window holds far fewer. */
    static final int PRODUCT_ENTRIES = 500;

    private final MongoTemplate mongo;
    private final DueBuckets due;

    MongoCaseRepository(MongoTemplate mongo, DueSettings settings, Clock clock) {
        this.mongo = mongo;
        this.due = new DueBuckets(mongo, "cases", settings, clock);
    }

    @Override
    public Optional<Case> findById(String id) {
        return Optional.ofNullable(mongo.findById(id, Case.class));
    }

    @Override
    public Optional<Case> findByTenantAndComplaintId(String tenant, String complaintId) {
        return Optional.ofNullable(mongo.findOne(
                new Query(Criteria.where("tenant").is(tenant).and("complaintId").is(complaintId)), Case.class));
    }

    @Override
    public Case insert(Case c) {
        // Both before the case: a crash in between leaves a stale entry, not a lost one.
        due.file(c.id, c.nextDueAt);
        if (c.productRef != null && !c.productRef.isBlank()) {
            mongo.upsert(
                    byId(productKey(c.tenant, c.site, c.productRef)),
                    new Update()
                            .push("entries")
                            .slice(-PRODUCT_ENTRIES)
                            .each(new org.bson.Document("id", c.id).append("receivedAt", Date.from(c.receivedAt))),
                    LOOKUPS);
        }
        return mongo.insert(c);
    }

    @Override
    public Case save(Case c) {
        due.file(c.id, c.nextDueAt);
        return mongo.save(c);
    }

    @Override
    public List<Case> findDue(Instant now, int limit) {
        return mongo.find(dueQuery(now, limit), Case.class);
    }

    @Override
    public DuePass duePass(Instant now, int max) {
        return due.pass(now, max, (at, limit) -> {
            var query = dueQuery(at, limit);
            query.fields().include("_id");
            return mongo.find(query, org.bson.Document.class, "cases").stream()
                    .map(d -> d.getString("_id"))
                    .toList();
        });
    }

    @Override
    public List<Case> dueAmong(Collection<String> ids, Instant now) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return mongo.find(new Query(Criteria.where("_id").in(ids)), Case.class).stream()
                .filter(c -> c.nextDueAt != null && !c.nextDueAt.isAfter(now))
                .sorted(Comparator.comparing(c -> c.nextDueAt))
                .toList();
    }

    @Override
    public void postpone(String id, Instant until) {
        due.file(id, until);
        mongo.updateFirst(new Query(Criteria.where("_id").is(id)), new Update().set("nextDueAt", until), Case.class);
    }

    /** Filters on {@code nextDueAt} alone (its index on MongoDB; a scan on the embedded store); terminal cases carry none. */
    static Query dueQuery(Instant now, int limit) {
        return new Query(Criteria.where("nextDueAt").lte(now))
                .with(Sort.by("nextDueAt"))
                .limit(limit);
    }

    /**
     * By key (ADR 0024): the product's lookup document names the latest cases opened on it; they are
     * loaded by {@code _id} and checked again (an entry whose case was never stored is dropped).
     */
    @Override
    public List<Case> findOnProduct(String tenant, String site, String productRef, Instant since) {
        var lookup = mongo.findById(productKey(tenant, site, productRef), org.bson.Document.class, LOOKUPS);
        if (lookup == null) {
            return List.of();
        }
        var ids = lookup.getList("entries", org.bson.Document.class, List.of()).stream()
                .filter(e -> !e.getDate("receivedAt").toInstant().isBefore(since))
                .map(e -> e.getString("id"))
                .distinct()
                .toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        var query = new Query(Criteria.where("_id").in(ids));
        query.fields().include("_id", "tenant", "site", "productRef", "receivedAt", "incidentId");
        return mongo.find(query, Case.class).stream()
                .filter(c -> tenant.equals(c.tenant) && site.equals(c.site) && productRef.equals(c.productRef))
                .filter(c -> !c.receivedAt.isBefore(since))
                .toList();
    }

    static String productKey(String tenant, String site, String productRef) {
        return "product|" + tenant + "|" + site + "|" + productRef;
    }

    private static Query byId(String id) {
        return new Query(Criteria.where("_id").is(id));
    }

    @Override
    public List<Case> page(CallerScope scope, String state, String level, String site, String cursor, int limit) {
        var criteria = scope.criteria();
        if (state != null) {
            criteria.and("state").is(state);
        }
        if (level != null) {
            criteria.and("level").is(level);
        }
        if (site != null) {
            criteria.and("site").is(site);
        }
        if (cursor != null) {
            criteria.and("_id").lt(cursor);
        }
        return mongo.find(
                new Query(criteria).with(Sort.by(Sort.Direction.DESC, "_id")).limit(limit), Case.class);
    }

    @Override
    public List<Case> withTasks(
            CallerScope scope,
            Collection<String> owners,
            Collection<String> statuses,
            Instant from,
            Instant dueBefore) {
        var task = Criteria.where("assignee").in(owners).and("status").in(statuses);
        if (from != null || dueBefore != null) {
            var due = task.and("dueAt");
            if (from != null) {
                due.gte(from);
            }
            if (dueBefore != null) {
                due.lt(dueBefore);
            }
        }
        var query = new Query(scope.criteria().and("tasks").elemMatch(task));
        query.fields().include("_id", "tenant", "region", "site", "tasks");
        return mongo.find(query, Case.class);
    }

    @Override
    public Map<String, Map<String, Long>> openByTenantAndLevel() {
        var aggregation = Aggregation.newAggregation(
                Aggregation.match(
                        Criteria.where("state").nin(State.CLOSED.name(), State.CLOSED_NOT_ESTABLISHED.name())),
                Aggregation.group("tenant", "level").count().as("count"));
        var counts = new HashMap<String, Map<String, Long>>();
        for (var row : mongo.aggregate(aggregation, Case.class, org.bson.Document.class)) {
            var id = (org.bson.Document) row.get("_id");
            counts.computeIfAbsent(id.getString("tenant"), k -> new HashMap<>())
                    .put(id.getString("level"), ((Number) row.get("count")).longValue());
        }
        return counts;
    }
}
