package org.complaints.followup.routing;

import java.util.Map;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

/** Follow-up's slice of routing's API (docs/contracts.md). */
@FeignClient(name = "routing-service")
public interface RoutingClient {

    @PostMapping("/internal/v1/cases/{caseId}/events")
    void event(@PathVariable String caseId, @RequestBody CaseEvent event);

    /** Routing keeps the notifications (ADR 0220); a replay of the same event id answers 200. */
    @PostMapping("/internal/v1/notifications")
    void createNotification(@RequestBody NotificationRequest notification);

    @GetMapping("/cases/summary")
    Map<String, Object> summary(
            @RequestParam String month,
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String site,
            @RequestParam(required = false) String department);

    /** KP-05: the month's sanctions per person (system identity only; ADR 0242). */
    @GetMapping("/internal/v1/sanctions/summary")
    Map<String, Object> sanctions(
            @RequestParam String month,
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String site);

    record CaseEvent(String eventId, String type, String reason, Map<String, Object> data) {}
}
