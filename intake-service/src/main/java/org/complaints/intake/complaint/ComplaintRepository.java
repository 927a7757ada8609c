package org.complaints.intake.complaint;

import java.util.Optional;
import org.springframework.data.mongodb.repository.MongoRepository;

interface ComplaintRepository extends MongoRepository<Complaint, String> {

    Optional<Complaint> findByTenantAndIdempotencyKey(String tenant, String idempotencyKey);
}
