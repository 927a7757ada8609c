package org.complaints.routing.notifications;

import java.time.Instant;

/**
 * The {@value Notification#CREATED_EVENT} event, as the notifications' relay publishes it (ADR 0251):
 * published in process. {@code eventId} is stable across attempts, so a consumer
 * de-duplicates on it. No personal data: the text was checked when the notification was created.
 */
public record NotificationCreated(
        String eventId,
        String notificationId,
        String tenant,
        String region,
        String site,
        String recipient,
        NotificationKind kind,
        String caseId,
        String complaintId,
        String text,
        Instant createdAt) {

    static NotificationCreated of(Notification n) {
        return new NotificationCreated(
                Notification.createdEventId(n.id()),
                n.id(),
                n.tenant(),
                n.region(),
                n.site(),
                n.recipient(),
                n.kind(),
                n.caseId(),
                n.complaintId(),
                n.text(),
                n.createdAt());
    }
}
