package org.complaints.routing.clients;

import java.time.Instant;
import java.util.List;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/** Routing's slice of follow-up's API (docs/contracts.md). */
@FeignClient(name = "followup-service")
public interface FollowupClient {

    /** The round's follow-ups as planned (a replay answers the same ones). */
    @PostMapping("/internal/v1/follow-ups/plans")
    List<Planned> plan(@RequestBody PlanRequest request);

    /** One planned follow-up, as much of follow-up's view as routing reads. */
    record Planned(String followUpId, String type, String rule, Instant dueAt) {}

    record PlanRequest(
            String eventId,
            String caseId,
            String complaintId,
            String tenant,
            String region,
            String site,
            String department,
            String level,
            String channel,
            Instant resolvedAt,
            boolean reworkDone,
            int round,
            String responsible) {}
}
