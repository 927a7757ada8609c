package org.complaints.routing.cases;

import java.util.Optional;
import org.springframework.data.mongodb.repository.MongoRepository;

interface CaseRepository extends MongoRepository<Case, String> {

    Optional<Case> findByIdAndTenant(String id, String tenant);

    Optional<Case> findByTenantAndComplaintId(String tenant, String complaintId);
}
