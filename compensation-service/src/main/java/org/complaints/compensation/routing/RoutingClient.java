package org.complaints.compensation.routing;

import java.util.List;
import java.util.Map;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * Compensation's slice of routing's API (docs/contracts.md): the case view, read with the caller's
 * own identity (so routing applies its scope too), and the internal event and notification endpoints
 * the relay posts to as a system identity. Pinned by WireMock stubs in CompensationIT and CaseStatesIT.
 */
@FeignClient(name = "routing-service")
public interface RoutingClient {

    @GetMapping("/cases/{caseId}")
    CaseState get(@PathVariable String caseId);

    @PostMapping("/internal/v1/cases/{caseId}/events")
    void event(@PathVariable String caseId, @RequestBody CaseEvent event);

    /** Routing keeps the notifications (ADR 0220); a replay of the same event id answers 200. */
    @PostMapping("/internal/v1/notifications")
    void createNotification(@RequestBody NotificationRequest notification);

    /**
     * @param allowedActions routing's action names legal in the current state (e.g. PROPOSE,
     *     OFFER, AGREE, IMPLEMENT); null when routing does not send them (older routing)
     * @param round the handling round (1, then +1 per reopening); null from older routing
     * @param subjectType the complaint's category (CL-10), for the customary remedy (CP-11); null when unclassified
     */
    record CaseState(
            String caseId,
            String complaintId,
            String tenant,
            String region,
            String site,
            String state,
            List<String> allowedActions,
            Integer round,
            String subjectType) {}

    record CaseEvent(String eventId, String type, String reason, Map<String, Object> data) {}

    /**
     * Compensation's slice of routing's {@code POST /internal/v1/notifications}: one of {@code person}
     * and {@code role} names the recipient; {@code eventId} makes a resend harmless; the text carries
     * no personal data.
     */
    record NotificationRequest(
            String eventId,
            String region,
            String site,
            String person,
            String role,
            String kind,
            String caseId,
            String complaintId,
            String text) {}
}
