package org.complaints.routing.cases;

import org.complaints.routing.notifications.NewNotification;
import org.complaints.routing.notifications.NotificationKind;
import org.complaints.routing.notifications.Notifications;
import org.complaints.support.delivery.Delivery;
import org.complaints.support.delivery.DeliveryHandler;
import org.springframework.stereotype.Component;

/**
 * SLA-X7: warns a clock's owner that it is at risk, with an {@link NotificationKind#AT_RISK}
 * notification whose id is the warning's event id (one per clock and round, so a racing sweeper or a
 * resend creates nothing twice). A warning whose clock settled or whose case ended before the relay
 * got to it is dropped: the warning would no longer be true.
 */
@Component
class AtRiskNotification implements DeliveryHandler {

    private final CaseRepository cases;
    private final Notifications notifications;

    AtRiskNotification(CaseRepository cases, Notifications notifications) {
        this.cases = cases;
        this.notifications = notifications;
    }

    @Override
    public String kind() {
        return Case.AT_RISK;
    }

    @Override
    public void deliver(String caseId, Delivery delivery) {
        var c = cases.findById(caseId).orElse(null);
        if (c == null || c.state.terminal()) {
            return;
        }
        c.atRiskWarnings.stream()
                .filter(w -> w.eventId().equals(delivery.eventId()))
                .filter(w -> stillPending(c, w))
                .findFirst()
                .ifPresent(w -> notifications.notify(
                        c.tenant,
                        NewNotification.to(
                                w.eventId(),
                                c.region,
                                c.site,
                                w.to(),
                                NotificationKind.AT_RISK,
                                c.id,
                                "The " + w.clock() + " deadline (" + w.rule() + ") is at risk: due " + w.dueAt())));
    }

    private static boolean stillPending(Case c, Case.AtRiskWarning w) {
        return c.deadlines.stream()
                .anyMatch(d -> d.rule().equals(w.rule()) && d.roundOrFirst() == w.round() && d.pending());
    }
}
