package org.complaints.routing.cases;

import org.complaints.routing.notifications.NewNotification;
import org.complaints.routing.notifications.NotificationKind;
import org.complaints.routing.notifications.Notifications;
import org.complaints.support.delivery.Delivery;
import org.complaints.support.delivery.DeliveryHandler;
import org.springframework.stereotype.Component;

/**
 * Tells the supervisor the ladder named that a side-route task went overdue: a
 * {@link NotificationKind#TASK_OVERDUE} notification whose id is the delivery's event id, so a
 * resend after a crash finds it already there.
 */
@Component
class TaskOverdueNotification implements DeliveryHandler {

    private final CaseRepository cases;
    private final Notifications notifications;

    TaskOverdueNotification(CaseRepository cases, Notifications notifications) {
        this.cases = cases;
        this.notifications = notifications;
    }

    @Override
    public String kind() {
        return Case.TASK_OVERDUE;
    }

    @Override
    public void deliver(String caseId, Delivery delivery) {
        var c = cases.findById(caseId).orElse(null);
        if (c == null) {
            return;
        }
        c.tasks.stream()
                .filter(t -> t.overdueEventId(c.id).equals(delivery.eventId()) && t.escalatedTo() != null)
                .findFirst()
                .ifPresent(t -> notifications.notify(
                        c.tenant,
                        NewNotification.to(
                                delivery.eventId(),
                                c.region,
                                c.site,
                                t.escalatedTo(),
                                NotificationKind.TASK_OVERDUE,
                                c.id,
                                t.overdueText())));
    }
}
