package org.complaints.routing.clients;

import java.time.Instant;
import java.util.List;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * Routing's slice of intake's API (docs/contracts.md): the case-state mirror, and the open
 * commitments of a complaint's earlier, linked complaints (OT-02).
 */
@FeignClient(name = "intake-service")
public interface IntakeClient {

    @PostMapping("/internal/v1/complaints/{complaintId}/case-state")
    void caseState(@PathVariable String complaintId, @RequestBody CaseState state);

    @GetMapping("/internal/v1/complaints/{complaintId}/earlier-commitments")
    EarlierCommitments earlierCommitments(@PathVariable String complaintId);

    record CaseState(
            String eventId,
            String caseId,
            String state,
            String level,
            String incidentId,
            int round,
            long sequence,
            Instant at) {}

    /** Only the open items: a promise still OPEN, an agreement not yet delivered. */
    record EarlierCommitments(String complaintId, List<Item> items) {

        public record Item(String id, String kind, String complaintId, Instant dueAt) {}
    }
}
