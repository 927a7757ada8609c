package org.complaints.intake.routing;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/** Intake's slice of routing's API (docs/contracts.md); pinned by RoutingClientContractIT. */
@FeignClient(name = "routing-service", url = "${complaints.services.routing.url}")
public interface RoutingClient {

    @PostMapping("/cases")
    CaseOpened open(@RequestBody OpenCaseRequest request);

    @PostMapping("/cases/{caseId}/events")
    void event(@PathVariable String caseId, @RequestBody CaseEvent event);
}
