package org.complaints.routing.cases;

import java.net.URI;
import org.complaints.routing.policy.Permission;
import org.complaints.routing.policy.RoutingPermissions;
import org.complaints.routing.policy.RoutingPolicy;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.tenant.TenantPolicies;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Service-to-service endpoints (never routed by the gateway): intake opens cases, compensation and
 * follow-up send events, and a peer may read a case (docs/contracts.md).
 */
@RestController
class InternalCaseController {

    private final CaseService service;
    private final TenantPolicies<RoutingPolicy> policies;

    InternalCaseController(CaseService service, TenantPolicies<RoutingPolicy> policies) {
        this.service = service;
        this.policies = policies;
    }

    @PostMapping(value = "/internal/v1/cases", consumes = "application/json")
    ResponseEntity<CaseView> open(CallerIdentity caller, @RequestBody OpenCaseRequest request) {
        var opened = service.open(caller, request);
        var view = view(opened.kase());
        return ResponseEntity.status(opened.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create("/cases/" + view.caseId()))
                .eTag(CaseController.etag(view.version()))
                .body(view);
    }

    @GetMapping("/internal/v1/cases/{id}")
    CaseView get(CallerIdentity caller, @PathVariable String id) {
        RoutingPermissions.require(caller, policies.of(caller), Permission.CASE_READ);
        return view(service.get(caller, id));
    }

    @PostMapping("/internal/v1/cases/{id}/events")
    CaseView event(CallerIdentity caller, @PathVariable String id, @RequestBody CaseEvent event) {
        return view(service.event(caller, id, event));
    }

    private CaseView view(Case c) {
        return service.view(c);
    }
}
