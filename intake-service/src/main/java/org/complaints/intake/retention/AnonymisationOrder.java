package org.complaints.intake.retention;

/**
 * LC-12 / OT-50: what intake tells a service when a complaint's retention ended (ADR 0522):
 * anonymise your personal data of this complaint and its case. {@code eventId} makes a resend
 * harmless.
 */
public record AnonymisationOrder(String eventId, String complaintId, String caseId) {}
