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

    /** To a recipient as the ladder names one: {@code role:<role>}, else a person ({@code person:} optional). */
    public static NewNotification to(
            String eventId,
            String region,
            String site,
            String recipient,
            NotificationKind kind,
            String caseId,
            String text) {
        if (recipient.startsWith(Notification.ROLE)) {
            return toRole(eventId, region, site, recipient.substring(Notification.ROLE.length()), kind, caseId, text);
        }
        var person = recipient.startsWith(Notification.PERSON)
                ? recipient.substring(Notification.PERSON.length())
                : recipient;
        return new NewNotification(eventId, region, site, person, null, kind.name(), caseId, null, text);
    }

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
