package org.complaints.routing.notifications;

/**
 * What a caller asks to be notified, in or out of process. Exactly one of {@code person} and
 * {@code role} names the recipient; {@code eventId} makes the call idempotent (it becomes the
 * notification's id).
 */
public record NewNotification(
        String eventId,
        String region,
        String site,
        String person,
        String role,
        String kind,
        String caseId,
        String complaintId,
        String text) {

    public static NewNotification toRole(
            String eventId,
            String region,
            String site,
            String role,
            NotificationKind kind,
            String caseId,
            String text) {
        return new NewNotification(eventId, region, site, null, role, kind.name(), caseId, null, text);
    }
}
