package org.complaints.routing.cases;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    private final MongoTemplate mongo;

    MongoCaseRepository(MongoTemplate mongo) {
        this.mongo = mongo;
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
        return mongo.insert(c);
    }

    @Override
    public Case save(Case c) {
        return mongo.save(c);
    }

    @Override
    public List<Case> findDue(Instant now, int limit) {
        return mongo.find(dueQuery(now, limit), Case.class);
    }

    @Override
    public void postpone(String id, Instant until) {
        mongo.updateFirst(new Query(Criteria.where("_id").is(id)), new Update().set("nextDueAt", until), Case.class);
    }

    /** Filters on {@code nextDueAt} alone (its index); terminal cases carry none. */
    static Query dueQuery(Instant now, int limit) {
        return new Query(Criteria.where("nextDueAt").lte(now))
                .with(Sort.by("nextDueAt"))
                .limit(limit);
    }

    @Override
    public List<Case> findOnProduct(String tenant, String site, String productRef, Instant since) {
        var query = new Query(Criteria.where("tenant")
                .is(tenant)
                .and("site")
                .is(site)
                .and("productRef")
                .is(productRef)
                .and("receivedAt")
                .gte(since));
        query.fields().include("_id", "incidentId");
        return mongo.find(query, Case.class);
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
