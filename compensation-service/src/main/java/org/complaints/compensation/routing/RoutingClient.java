package org.complaints.compensation.routing;

import java.util.Map;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/** Compensation's slice of routing's API (docs/contracts.md), pinned by RoutingClientContractIT. */
@FeignClient(name = "routing-service", url = "${complaints.services.routing.url}")
public interface RoutingClient {

    @GetMapping("/cases/{caseId}")
    CaseState get(@PathVariable String caseId);

    @PostMapping("/cases/{caseId}/events")
    void event(@PathVariable String caseId, @RequestBody CaseEvent event);

    record CaseState(String caseId, String complaintId, String tenant, String region, String site, String state) {}

    record CaseEvent(String eventId, String type, String reason, Map<String, Object> data) {}
}
