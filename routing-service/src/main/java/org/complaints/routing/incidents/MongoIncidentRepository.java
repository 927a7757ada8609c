package org.complaints.routing.incidents;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.complaints.support.due.DueBuckets;
import org.complaints.support.due.DuePass;
import org.complaints.support.due.DueSettings;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

@Repository
class MongoIncidentRepository implements IncidentRepository {

    private final MongoTemplate mongo;
    private final DueBuckets due;

    MongoIncidentRepository(MongoTemplate mongo, DueSettings settings, Clock clock) {
        this.mongo = mongo;
        this.due = new DueBuckets(mongo, "incidents", settings, clock);
    }

    @Override
    public Optional<Incident> findById(String id) {
        return Optional.ofNullable(mongo.findById(id, Incident.class));
    }

    @Override
    public Optional<Incident> findByIdAndTenant(String id, String tenant) {
        // By _id alone, then the tenant: a filter naming _id and more is a scan on the embedded store.
        return findById(id).filter(i -> tenant.equals(i.tenant));
    }

    @Override
    public Incident insert(Incident incident) {
        due.file(incident.id, incident.nextDueAt); // first: a crash in between leaves a stale entry
        return mongo.insert(incident);
    }

    @Override
    public Incident save(Incident incident) {
        due.file(incident.id, incident.nextDueAt);
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
    public DuePass duePass(Instant now, int max) {
        return due.pass(now, max, (at, limit) -> {
            var query = new Query(Criteria.where("nextDueAt").lte(at))
                    .with(Sort.by("nextDueAt"))
                    .limit(limit);
            query.fields().include("_id");
            return mongo.find(query, org.bson.Document.class, "incidents").stream()
                    .map(d -> d.getString("_id"))
                    .toList();
        });
    }

    @Override
    public List<Incident> dueAmong(Collection<String> ids, Instant now) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return mongo.find(new Query(Criteria.where("_id").in(ids)), Incident.class).stream()
                .filter(i -> i.nextDueAt != null && !i.nextDueAt.isAfter(now))
                .sorted(Comparator.comparing(i -> i.nextDueAt))
                .toList();
    }

    @Override
    public void postpone(String id, Instant until) {
        due.file(id, until);
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
