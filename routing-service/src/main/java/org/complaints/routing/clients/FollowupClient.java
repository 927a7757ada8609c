package org.complaints.routing.clients;

import java.time.Instant;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/** Routing's slice of follow-up's API (docs/contracts.md). */
@FeignClient(name = "followup-service", url = "${complaints.services.followup.url}")
public interface FollowupClient {

    @PostMapping("/internal/v1/follow-ups/plans")
    void plan(@RequestBody PlanRequest request);

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
            int round) {}
}
