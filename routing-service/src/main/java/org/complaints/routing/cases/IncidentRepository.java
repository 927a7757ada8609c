package org.complaints.routing.cases;

import java.util.Optional;
import org.springframework.data.mongodb.repository.MongoRepository;

interface IncidentRepository extends MongoRepository<Incident, String> {

    Optional<Incident> findByIdAndTenant(String id, String tenant);
}
