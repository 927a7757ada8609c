package org.complaints.routing.cases;

import org.complaints.routing.notifications.NewNotification;
import org.complaints.routing.notifications.NotificationKind;
import org.complaints.routing.notifications.Notifications;
import org.complaints.support.delivery.Delivery;
import org.complaints.support.delivery.DeliveryHandler;
import org.springframework.stereotype.Component;

/**
 * OT-30 / LC-51: tells the acceptance clock's recipient (retail: the cs-supervisor role) that a
 * ticket found nobody on duty at the desk: an {@link NotificationKind#UNSTAFFED_DESK} notification
 * whose id is the delivery's event id, so a resend after a crash finds it already there.
 */
@Component
class UnstaffedDeskNotification implements DeliveryHandler {

    private final CaseRepository cases;
    private final Notifications notifications;

    UnstaffedDeskNotification(CaseRepository cases, Notifications notifications) {
        this.cases = cases;
        this.notifications = notifications;
    }

    @Override
    public String kind() {
        return Case.UNSTAFFED_DESK;
    }

    @Override
    public void deliver(String caseId, Delivery delivery) {
        var c = cases.findById(caseId).orElse(null);
        if (c == null) {
            return;
        }
        c.escalations.stream()
                .filter(e -> "UNSTAFFED_DESK".equals(e.kind()))
                .findFirst()
                .ifPresent(e -> notifications.notify(
                        c.tenant,
                        NewNotification.to(
                                delivery.eventId(),
                                c.region,
                                c.site,
                                e.to(),
                                NotificationKind.UNSTAFFED_DESK,
                                c.id,
                                e.reason())));
    }
}
