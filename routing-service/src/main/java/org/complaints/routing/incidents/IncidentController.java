package org.complaints.routing.incidents;

import java.util.List;
import org.complaints.routing.policy.Permission;
import org.complaints.routing.policy.RoutingPermissions;
import org.complaints.routing.policy.RoutingPolicy;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.scope.CallerScope;
import org.complaints.support.tenant.Site;
import org.complaints.support.tenant.TenantDirectory;
import org.complaints.support.tenant.TenantPolicies;
import org.complaints.support.web.ProblemException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Group-complaint incidents (RT-06), read by the callers the table's {@code INCIDENT_READ} lists. */
@RestController
class IncidentController {

    private final IncidentRepository incidents;
    private final TenantDirectory tenants;
    private final TenantPolicies<RoutingPolicy> policies;

    IncidentController(IncidentRepository incidents, TenantDirectory tenants, TenantPolicies<RoutingPolicy> policies) {
        this.incidents = incidents;
        this.tenants = tenants;
        this.policies = policies;
    }

    @GetMapping("/incidents/{id}")
    Incident.IncidentView incident(CallerIdentity caller, @PathVariable String id) {
        RoutingPermissions.require(caller, policies.of(caller), Permission.INCIDENT_READ);
        return incidents
                .findByIdAndTenant(id, caller.tenant())
                .filter(incident -> inScope(caller, incident))
                .map(Incident::view)
                .orElseThrow(() -> ProblemException.notFound("incident", id));
    }

    @GetMapping("/incidents")
    List<Incident.IncidentView> incidents(CallerIdentity caller) {
        RoutingPermissions.require(caller, policies.of(caller), Permission.INCIDENT_READ);
        return incidents.latest(caller.tenant(), 100).stream()
                .filter(incident -> inScope(caller, incident))
                .map(Incident::view)
                .toList();
    }

    /** An incident belongs to one site; the caller sees it when its regions and sites cover that site. */
    private boolean inScope(CallerIdentity caller, Incident incident) {
        var region = tenants.find(caller.tenant())
                .flatMap(t -> t.site(incident.site))
                .map(Site::region)
                .orElse(null);
        return CallerScope.of(caller).covers(incident.tenant, region, incident.site);
    }
}
