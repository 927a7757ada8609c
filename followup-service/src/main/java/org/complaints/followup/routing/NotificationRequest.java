package org.complaints.followup.routing;

/**
 * Follow-up's slice of routing's {@code POST /internal/v1/notifications}: one of {@code person} and
 * {@code role} names the recipient; {@code eventId} makes a resend harmless. The text carries no
 * personal data.
 */
public record NotificationRequest(
        String eventId,
        String region,
        String site,
        String person,
        String role,
        String kind,
        String caseId,
        String complaintId,
        String text) {}
