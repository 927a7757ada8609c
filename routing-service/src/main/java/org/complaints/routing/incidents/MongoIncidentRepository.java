package org.complaints.routing.incidents;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

@Repository
class MongoIncidentRepository implements IncidentRepository {

    private final MongoTemplate mongo;

    MongoIncidentRepository(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Optional<Incident> findById(String id) {
        return Optional.ofNullable(mongo.findById(id, Incident.class));
    }

    @Override
    public Optional<Incident> findByIdAndTenant(String id, String tenant) {
        return Optional.ofNullable(mongo.findOne(
                new Query(Criteria.where("_id").is(id).and("tenant").is(tenant)), Incident.class));
    }

    @Override
    public Incident insert(Incident incident) {
        return mongo.insert(incident);
    }

    @Override
    public Incident save(Incident incident) {
        return mongo.save(incident);
    }

    @Override
    public void addCases(String incidentId, Collection<String> caseIds) {
        mongo.updateFirst(
                new Query(Criteria.where("_id").is(incidentId)),
                new Update().addToSet("caseIds").each(new ArrayList<>(caseIds)).inc("version", 1),
                Incident.class);
    }

    @Override
    public List<Incident> latest(String tenant, int limit) {
        return mongo.find(
                new Query(Criteria.where("tenant").is(tenant))
                        .with(Sort.by(Sort.Direction.DESC, "openedAt"))
                        .limit(limit),
                Incident.class);
    }

    @Override
    public List<Incident> findDue(Instant now, int limit) {
        return mongo.find(
                new Query(Criteria.where("nextDueAt").lte(now))
                        .with(Sort.by("nextDueAt"))
                        .limit(limit),
                Incident.class);
    }

    @Override
    public void postpone(String id, Instant until) {
        mongo.updateFirst(
                new Query(Criteria.where("_id").is(id)), new Update().set("nextDueAt", until), Incident.class);
    }

    @Override
    public List<Incident> withTasks(
            String tenant,
            Collection<String> sites,
            Collection<String> owners,
            Collection<String> statuses,
            Instant from,
            Instant dueBefore) {
        var criteria = Criteria.where("tenant").is(tenant);
        if (!sites.isEmpty()) {
            criteria.and("site").in(sites);
        }
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
        var query = new Query(criteria.and("tasks").elemMatch(task));
        query.fields().include("_id", "tenant", "site", "tasks");
        return mongo.find(query, Incident.class);
    }
}
