package org.complaints.routing.notifications;

import java.time.Instant;
import java.util.List;
import org.complaints.support.delivery.Delivery;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A message to one person or one role of a tenant, about a case or complaint: a broken promise,
 * an escalation, an at-risk clock, an overdue task, a safety alert. Created once per
 * {@link #id} (the caller's event id), read by its recipient inside their region and site, and
 * marked read once ({@link #readAt}; a role-addressed notification is read for the whole role, like
 * a shared queue). The text is short and carries no personal data; the case or complaint it
 * refers to is where the details live (ADR 0220). The unique ({@code _id}, readAt) index lets the
 * embedded store serve the mark-read compare-and-set by key. The insert also carries the
 * {@value #CREATED_EVENT} outbox event in {@code deliveries}, which the notifications' relay publishes
 * and removes (ADR 0251).
 *
 * @param recipient {@code person:<user id>} or {@code role:<role>}
 */
@Document("notifications")
@CompoundIndex(name = "id_read", def = "{'_id': 1, 'readAt': 1}", unique = true)
public record Notification(
        @Id String id,
        String tenant,
        String region,
        String site,
        String recipient,
        NotificationKind kind,
        String caseId,
        String complaintId,
        String text,
        Instant createdAt,
        Instant readAt,
        String readBy,
        List<Delivery> deliveries) {

    public static final String PERSON = "person:";
    public static final String ROLE = "role:";
    /** The outbox event each notification carries from its insert until the relay published it (ADR 0251). */
    public static final String CREATED_EVENT = "NOTIFICATION_CREATED";

    /** The published event's id: the same on every attempt, so a consumer de-duplicates on it. */
    public static String createdEventId(String notificationId) {
        return "notification-created:" + notificationId;
    }
}
