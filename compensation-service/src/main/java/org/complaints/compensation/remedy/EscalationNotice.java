package org.complaints.compensation.remedy;

import org.complaints.compensation.routing.RoutingClient;
import org.complaints.support.delivery.Delivery;
import org.complaints.support.delivery.DeliveryHandler;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.identity.CurrentCaller;
import org.springframework.stereotype.Component;

/**
 * Sends an {@value Compensation#ESCALATION_NOTICE} delivery (written by {@link DueSweep} with the
 * escalation) to routing's notifications: CP-02 / ESC-04, an approval left undecided moved one rung
 * up (to the new rung's role; at the top of the ladder the top role hears it still waits) as
 * {@code APPROVAL_OVERDUE}; LC-35, an agreed remedy not delivered by its due time, to the preset's
 * implementation-escalation role as {@code AGREEMENT_OVERDUE}. The event id names the escalation, so
 * a resend finds the notification already there; the text names the rule and due time only, never
 * the customer, the amount or the terms.
 */
@Component
class EscalationNotice implements DeliveryHandler {

    private final RoutingClient routing;
    private final CompensationRepository compensations;

    EscalationNotice(RoutingClient routing, CompensationRepository compensations) {
        this.routing = routing;
        this.compensations = compensations;
    }

    @Override
    public String kind() {
        return Compensation.ESCALATION_NOTICE;
    }

    @Override
    public void deliver(String compensationId, Delivery delivery) {
        var c = compensations.findById(compensationId).orElse(null);
        if (c == null) {
            return;
        }
        for (var i = 0; i < c.escalations.size(); i++) {
            if (c.escalationEventId(i).equals(delivery.eventId())) {
                var request = request(c, c.escalations.get(i), delivery.eventId());
                CurrentCaller.runAs(
                        CallerIdentity.system("compensation-service", c.tenant),
                        () -> routing.createNotification(request));
                return;
            }
        }
    }

    static RoutingClient.NotificationRequest request(Compensation c, Compensation.Escalation e, String eventId) {
        var approval = "CP-02".equals(e.rule());
        var recipient = e.to() != null ? e.to() : e.from();
        var role = recipient.startsWith("role:") ? recipient.substring("role:".length()) : recipient;
        String text;
        if (!approval) {
            text = "An agreed remedy was not delivered by its due time " + e.dueAt() + " (LC-35).";
        } else if (e.to() != null) {
            text = "An approval was not decided by its due time " + e.dueAt() + " and moved up to you (CP-02, ESC-04).";
        } else {
            text = "An approval was not decided by its due time " + e.dueAt()
                    + " and waits at the top of the ladder (CP-02, ESC-04).";
        }
        return new RoutingClient.NotificationRequest(
                eventId,
                c.region,
                c.site,
                null,
                role,
                approval ? "APPROVAL_OVERDUE" : "AGREEMENT_OVERDUE",
                c.caseId,
                null,
                text);
    }
}
