package org.complaints.intake.routing;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * Intake's slice of routing's internal API (docs/contracts.md); pinned by RoutingClientContractIT.
 * The endpoints are service-to-service, under {@code /internal/v1}, never routed by the gateway.
 */
@FeignClient(name = "routing-service")
public interface RoutingClient {

    @PostMapping("/internal/v1/cases")
    CaseOpened open(@RequestBody OpenCaseRequest request);

    @PostMapping("/internal/v1/cases/{caseId}/events")
    void event(@PathVariable String caseId, @RequestBody CaseEvent event);

    /** Routing keeps the notifications (ADR 0220); a replay of the same event id answers 200. */
    @PostMapping("/internal/v1/notifications")
    void createNotification(@RequestBody NotificationRequest notification);
}
