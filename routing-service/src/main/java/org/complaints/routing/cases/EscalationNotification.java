package org.complaints.routing.cases;

import org.complaints.routing.notifications.NewNotification;
import org.complaints.routing.notifications.NotificationKind;
import org.complaints.routing.notifications.Notifications;
import org.complaints.support.delivery.Delivery;
import org.complaints.support.delivery.DeliveryHandler;
import org.springframework.stereotype.Component;

/**
 * Tells an escalation's recipient (named by the ladder, or by the step) that the case came to them:
 * an {@link NotificationKind#ESCALATION} notification whose id is the delivery's event id
 * ({@code escalation:<case>:<position>}), so a resend finds it already there. The text is built from
 * the escalation's rule, clock and levels only, never from a staff member's free-text reason.
 */
@Component
class EscalationNotification implements DeliveryHandler {

    private final CaseRepository cases;
    private final Notifications notifications;

    EscalationNotification(CaseRepository cases, Notifications notifications) {
        this.cases = cases;
        this.notifications = notifications;
    }

    @Override
    public String kind() {
        return Case.ESCALATION_NOTICE;
    }

    @Override
    public void deliver(String caseId, Delivery delivery) {
        var c = cases.findById(caseId).orElse(null);
        if (c == null) {
            return;
        }
        for (var i = 0; i < c.escalations.size(); i++) {
            if (c.escalationEventId(i).equals(delivery.eventId())) {
                var e = c.escalations.get(i);
                notifications.notify(
                        c.tenant,
                        NewNotification.to(
                                delivery.eventId(),
                                c.region,
                                c.site,
                                e.to(),
                                NotificationKind.ESCALATION,
                                c.id,
                                text(e)));
                return;
            }
        }
    }

    static String text(Case.Escalation e) {
        return switch (e.kind()) {
            case "BREACH" -> "The " + e.clock() + " deadline was missed (" + e.rule() + ", due " + e.dueAt() + ")";
            case "LEVEL_RAISE" ->
                "The case level rose from " + e.fromLevel() + " to " + e.toLevel() + " (" + e.rule() + ")";
            case "CONFLICT" -> "The customer rejected the proposal; the case is handed to you (" + e.rule() + ")";
            default -> "The case was escalated to you at " + e.at();
        };
    }
}
