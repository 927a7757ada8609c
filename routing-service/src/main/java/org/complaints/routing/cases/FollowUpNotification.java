package org.complaints.routing.cases;

import java.util.List;
import org.complaints.routing.clients.FollowupClient;
import org.complaints.support.delivery.Delivery;
import org.complaints.support.delivery.DeliveryHandler;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.identity.CurrentCaller;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Resolved → follow-up plans the round's visits (keyed by case, round and type). Sent until
 * acknowledged; each planned follow-up is then published to partners as {@code follow_up.due}
 * (ADR 0260), once per follow-up however often the plan is resent.
 */
@Component
class FollowUpNotification implements DeliveryHandler {

    private final FollowupClient followup;
    private final CaseRepository cases;
    private final CaseService service;

    FollowUpNotification(FollowupClient followup, CaseRepository cases, @Lazy CaseService service) {
        this.followup = followup;
        this.cases = cases;
        this.service = service;
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
        var planned = new java.util.ArrayList<FollowupClient.Planned>();
        CurrentCaller.runAs(
                CallerIdentity.system("routing-service", c.tenant),
                () -> planned.addAll(planOf(new FollowupClient.PlanRequest(
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
                        request.round(),
                        c.owner))));
        for (var p : planned) {
            if (p.followUpId() == null) {
                continue;
            }
            service.recordFacts(
                    c.tenant,
                    c.id,
                    null,
                    "follow-up-due:" + p.followUpId(),
                    List.of(CaseFacts.Fact.of(
                            PartnerEvent.FOLLOW_UP_DUE,
                            null,
                            "followUpId",
                            p.followUpId(),
                            "followUpType",
                            p.type(),
                            "rule",
                            p.rule(),
                            "round",
                            request.round(),
                            "dueAt",
                            p.dueAt())));
        }
    }

    private List<FollowupClient.Planned> planOf(FollowupClient.PlanRequest request) {
        var planned = followup.plan(request);
        return planned == null ? List.of() : planned;
    }
}
