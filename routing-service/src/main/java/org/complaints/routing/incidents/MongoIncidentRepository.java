package org.complaints.routing.incidents;

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
    public Optional<Incident> findByIdAndTenant(String id, String tenant) {
        return Optional.ofNullable(mongo.findOne(
                new Query(Criteria.where("_id").is(id).and("tenant").is(tenant)), Incident.class));
    }

    @Override
    public Incident insert(Incident incident) {
        return mongo.insert(incident);
    }

    @Override
    public void addCases(String incidentId, Collection<String> caseIds) {
        mongo.updateFirst(
                new Query(Criteria.where("_id").is(incidentId)),
                new Update().addToSet("caseIds").each(new ArrayList<>(caseIds)),
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
}
