package org.complaints.routing.incidents;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.complaints.routing.policy.RoutingPolicy;
import org.complaints.routing.system.RoutingMetrics;
import org.complaints.routing.tasks.Task;
import org.complaints.routing.tasks.Tasks;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.scope.CallerScope;
import org.complaints.support.tenant.Site;
import org.complaints.support.tenant.TenantDirectory;
import org.complaints.support.tenant.TenantPolicies;
import org.complaints.support.web.ProblemException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;

/**
 * The application service of incident tasks (SLA-X1): completion by the owner or the table's
 * roles, and the sweep's overdue step; each a version-checked save of the incident, escalations
 * counted only once it succeeded. An incident belongs to one site; callers see it when their
 * regions and sites cover that site.
 */
@Service
public class IncidentTasks {

    private final IncidentRepository incidents;
    private final TenantDirectory tenants;
    private final TenantPolicies<RoutingPolicy> policies;
    private final RoutingMetrics metrics;
    private final Clock clock;

    public IncidentTasks(
            IncidentRepository incidents,
            TenantDirectory tenants,
            TenantPolicies<RoutingPolicy> policies,
            RoutingMetrics metrics,
            Clock clock) {
        this.incidents = incidents;
        this.tenants = tenants;
        this.policies = policies;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Completes one task with evidence. One already past its due time turns overdue first, at its
     * due time, as the sweep would have done, so its supervisor hears of it whichever came first.
     */
    public Incident complete(CallerIdentity caller, String incidentId, String taskId, String evidence) {
        var incident = incidents
                .findByIdAndTenant(incidentId, caller.tenant())
                .filter(i -> visible(CallerScope.of(caller), i))
                .orElseThrow(() -> ProblemException.notFound("incident", incidentId));
        var policy = policies.of(incident.tenant);
        var now = clock.instant();
        var overdue = incident.markOverdue(now.minusNanos(1), policy.ladder());
        incident.completeTask(
                taskId,
                new Tasks.Completer(
                        caller.subject(),
                        caller.roles(),
                        caller.kind() == CallerIdentity.Kind.STAFF,
                        caller.isSystem()),
                evidence,
                policy,
                now);
        var saved = incidents.save(incident);
        counted(incident, overdue);
        return saved;
    }

    /** The sweep's step for one due incident; false when nothing turned overdue or another runner saved first. */
    public boolean overdue(Incident incident, Instant now) {
        var overdue = incident.markOverdue(now, policies.of(incident.tenant).ladder());
        try {
            incidents.save(incident);
        } catch (OptimisticLockingFailureException raced) {
            return false;
        }
        counted(incident, overdue);
        return !overdue.isEmpty();
    }

    boolean visible(CallerScope scope, Incident incident) {
        return scope.covers(incident.tenant, region(incident), incident.site);
    }

    String region(Incident incident) {
        return tenants.find(incident.tenant)
                .flatMap(t -> t.site(incident.site))
                .map(Site::region)
                .orElse(null);
    }

    private void counted(Incident incident, List<Task> overdue) {
        overdue.forEach(t -> metrics.escalated(incident.tenant, t.rule()));
    }
}
