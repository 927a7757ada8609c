package org.complaints.routing.clients;

import java.time.Instant;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/** Routing's slice of intake's API: the case-state mirror (docs/contracts.md). */
@FeignClient(name = "intake-service", url = "${complaints.services.intake.url}")
public interface IntakeClient {

    @PostMapping("/internal/v1/complaints/{complaintId}/case-state")
    void caseState(@PathVariable String complaintId, @RequestBody CaseState state);

    record CaseState(
            String eventId,
            String caseId,
            String state,
            String level,
            String incidentId,
            int round,
            long sequence,
            Instant at) {}
}
