package org.complaints.routing.cases;

import org.complaints.routing.clients.FollowupClient;
import org.complaints.support.delivery.Delivery;
import org.complaints.support.delivery.DeliveryHandler;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.identity.CurrentCaller;
import org.springframework.stereotype.Component;

/** Resolved → follow-up plans the round's visits (keyed by case, round and type). Sent until acknowledged. */
@Component
class FollowUpNotification implements DeliveryHandler {

    private final FollowupClient followup;
    private final CaseRepository cases;

    FollowUpNotification(FollowupClient followup, CaseRepository cases) {
        this.followup = followup;
        this.cases = cases;
    }

    @Override
    public String kind() {
        return Case.PLAN_FOLLOW_UP;
    }

    @Override
    public void deliver(String caseId, Delivery delivery) {
        var c = cases.findById(caseId).orElse(null);
        if (c == null) {
            return;
        }
        var request = c.followUpRequests.stream()
                .filter(r -> r.eventId().equals(delivery.eventId()))
                .findFirst()
                .orElseGet(() -> new Case.FollowUpRequest(
                        delivery.eventId(),
                        c.round,
                        c.resolvedAt,
                        c.resolution != null && Boolean.TRUE.equals(c.resolution.rework())));
        CurrentCaller.runAs(
                CallerIdentity.system("routing-service", c.tenant),
                () -> followup.plan(new FollowupClient.PlanRequest(
                        delivery.eventId(),
                        c.id,
                        c.complaintId,
                        c.tenant,
                        c.region,
                        c.site,
                        c.department,
                        c.level,
                        c.channel,
                        request.resolvedAt(),
                        request.rework(),
                        request.round())));
    }
}
