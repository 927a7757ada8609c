package org.complaints.compensation.remedy;

import org.complaints.compensation.routing.RoutingClient;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.scope.CallerScope;
import org.springframework.stereotype.Component;

/**
 * Reads the case a command is about, as routing sees it once every event compensation already
 * owes routing for that case has been handed over (so the state it answers with is not behind
 * compensation's own earlier steps). A case outside the caller's scope is not found.
 */
@Component
class CaseGate {

    private final RoutingClient routing;
    private final RoutingNotifications notifications;

    CaseGate(RoutingClient routing, RoutingNotifications notifications) {
        this.routing = routing;
        this.notifications = notifications;
    }

    CaseSnapshot snapshot(CallerIdentity caller, String caseId) {
        var flushed = notifications.flush(caller.tenant(), caseId);
        RoutingClient.CaseState view;
        try {
            view = routing.get(caseId);
        } catch (feign.FeignException.NotFound e) {
            throw Refusal.notFound("case", caseId);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof feign.FeignException.NotFound) {
                throw Refusal.notFound("case", caseId);
            }
            throw new Refusal(
                    Refusal.Kind.UNAVAILABLE,
                    "dependency-unavailable",
                    null,
                    "routing-service is unavailable, so the case state cannot be checked; retry later.");
        }
        if (view == null || view.state() == null) {
            throw new Refusal(
                    Refusal.Kind.UNAVAILABLE,
                    "dependency-unavailable",
                    null,
                    "routing-service answered without the case state; retry later.");
        }
        var tenant = view.tenant() == null ? caller.tenant() : view.tenant();
        if (!CallerScope.of(caller).covers(tenant, view.region(), view.site())) {
            throw Refusal.notFound("case", caseId);
        }
        return new CaseSnapshot(
                view.caseId() == null ? caseId : view.caseId(),
                view.complaintId(),
                tenant,
                view.region(),
                view.site(),
                view.state(),
                view.allowedActions(),
                flushed,
                view.subjectType());
    }
}
