package org.complaints.routing.incidents;

import org.complaints.routing.notifications.NewNotification;
import org.complaints.routing.notifications.NotificationKind;
import org.complaints.routing.notifications.Notifications;
import org.complaints.support.delivery.Delivery;
import org.complaints.support.delivery.DeliveryHandler;
import org.springframework.stereotype.Component;

/**
 * Tells the supervisor the ladder named that an incident task went overdue (SLA-X1): a
 * {@link NotificationKind#TASK_OVERDUE} notification whose id is the delivery's event id, so a
 * resend finds it already there.
 */
@Component
class IncidentTaskOverdueNotification implements DeliveryHandler {

    private final IncidentRepository incidents;
    private final IncidentTasks tasks;
    private final Notifications notifications;

    IncidentTaskOverdueNotification(IncidentRepository incidents, IncidentTasks tasks, Notifications notifications) {
        this.incidents = incidents;
        this.tasks = tasks;
        this.notifications = notifications;
    }

    @Override
    public String kind() {
        return Incident.TASK_OVERDUE;
    }

    @Override
    public void deliver(String incidentId, Delivery delivery) {
        var incident = incidents.findById(incidentId).orElse(null);
        if (incident == null) {
            return;
        }
        incident.tasks.stream()
                .filter(t -> t.overdueEventId(incident.id).equals(delivery.eventId()) && t.escalatedTo() != null)
                .findFirst()
                .ifPresent(t -> notifications.notify(
                        incident.tenant,
                        NewNotification.to(
                                delivery.eventId(),
                                tasks.region(incident),
                                incident.site,
                                t.escalatedTo(),
                                NotificationKind.TASK_OVERDUE,
                                null,
                                t.overdueText())));
    }
}
