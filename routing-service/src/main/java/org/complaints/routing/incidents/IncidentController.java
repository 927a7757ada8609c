package org.complaints.routing.incidents;

import java.util.List;
import org.complaints.routing.policy.Permission;
import org.complaints.routing.policy.RoutingPermissions;
import org.complaints.routing.policy.RoutingPolicy;
import org.complaints.routing.tasks.TaskCompletion;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.scope.CallerScope;
import org.complaints.support.tenant.TenantPolicies;
import org.complaints.support.web.ProblemException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Group-complaint incidents (RT-06), read by the callers the table's {@code INCIDENT_READ} lists;
 * their SLA-X1 tasks completed by their owners and the {@code COMPLETE_TASK} roles.
 */
@RestController
@io.swagger.v3.oas.annotations.tags.Tag(name = "Incidents")
class IncidentController {

    private final IncidentRepository incidents;
    private final IncidentTasks tasks;
    private final TenantPolicies<RoutingPolicy> policies;

    IncidentController(IncidentRepository incidents, IncidentTasks tasks, TenantPolicies<RoutingPolicy> policies) {
        this.incidents = incidents;
        this.tasks = tasks;
        this.policies = policies;
    }

    @io.swagger.v3.oas.annotations.Operation(
            operationId = "getIncident",
            summary = "A group-complaint incident (RT-06)")
    @GetMapping("/incidents/{id}")
    Incident.IncidentView incident(CallerIdentity caller, @PathVariable String id) {
        RoutingPermissions.require(caller, policies.of(caller), Permission.INCIDENT_READ);
        return incidents
                .findByIdAndTenant(id, caller.tenant())
                .filter(incident -> tasks.visible(CallerScope.of(caller), incident))
                .map(Incident::view)
                .orElseThrow(() -> ProblemException.notFound("incident", id));
    }

    @io.swagger.v3.oas.annotations.Operation(operationId = "listIncidents", summary = "Incidents in the caller's scope")
    @GetMapping("/incidents")
    List<Incident.IncidentView> incidents(CallerIdentity caller) {
        RoutingPermissions.require(caller, policies.of(caller), Permission.INCIDENT_READ);
        return incidents.latest(caller.tenant(), 100).stream()
                .filter(incident -> tasks.visible(CallerScope.of(caller), incident))
                .map(Incident::view)
                .toList();
    }

    /** Completes an SLA-X1 task with evidence; answers the incident. */
    @io.swagger.v3.oas.annotations.Operation(
            operationId = "completeIncidentTask",
            summary = "Complete an incident task with evidence (SLA-X1)")
    @PostMapping("/incidents/{id}/tasks/{taskId}/completion")
    Incident.IncidentView completeTask(
            CallerIdentity caller,
            @PathVariable String id,
            @PathVariable String taskId,
            @RequestBody(required = false) TaskCompletion body) {
        var evidence = body == null ? null : body.evidence();
        return tasks.complete(caller, id, taskId, evidence).view();
    }
}
