package org.complaints.routing.summaries;

import org.complaints.routing.policy.Permission;
import org.complaints.routing.policy.RoutingPermissions;
import org.complaints.routing.policy.RoutingPolicy;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.tenant.TenantPolicies;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /cases/summary?month=YYYY-MM}: the routing part of the monthly report. */
@RestController
@io.swagger.v3.oas.annotations.tags.Tag(name = "Reports")
class SummaryController {

    private final CaseSummary summaries;
    private final TenantPolicies<RoutingPolicy> policies;

    SummaryController(CaseSummary summaries, TenantPolicies<RoutingPolicy> policies) {
        this.summaries = summaries;
        this.policies = policies;
    }

    @io.swagger.v3.oas.annotations.Operation(
            operationId = "summarizeCases",
            summary = "A month's cases: SLA compliance, root causes, CAPA (YYYY-MM)")
    @GetMapping("/cases/summary")
    CaseSummary.Summary summary(
            CallerIdentity caller,
            @RequestParam String month,
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String site,
            @RequestParam(required = false) String department) {
        RoutingPermissions.require(caller, policies.of(caller), Permission.SUMMARY_READ);
        return summaries.summary(caller, month, region, site, department);
    }
}
