package org.complaints.intake.complaint;

import java.util.Locale;
import org.complaints.intake.classification.Level;

/**
 * How a complaint's {@link Complaint.Status} follows its case (ADR 0105). Routing's case states
 * (DOMAIN §2.8) collapse to the six a partner needs: the case exists but nobody works it yet
 * ({@code ROUTED}), someone works it ({@code IN_PROGRESS}), a remedy is delivered and the
 * follow-up may still run ({@code RESOLVED}), done ({@code CLOSED}), not valid (LC-31,
 * {@code NOT_ESTABLISHED}), second handling (ESC-08, {@code SECOND_HANDLING}). A state this service does
 * not know yet (a newer routing) counts as {@code IN_PROGRESS}, so the mirror never refuses an event.
 */
final class CaseStatus {

    private CaseStatus() {}

    static Complaint.Status of(String caseState) {
        if (caseState == null) {
            return Complaint.Status.ROUTED;
        }
        return switch (caseState.toUpperCase(Locale.ROOT)) {
            case "REGISTERED", "HANDED_OVER", "VALIDITY_CHECK" -> Complaint.Status.ROUTED;
            case "RESOLVED", "FOLLOW_UP" -> Complaint.Status.RESOLVED;
            case "CLOSED", "WITHDRAWN" -> Complaint.Status.CLOSED;
            case "CLOSED_NOT_ESTABLISHED" -> Complaint.Status.NOT_ESTABLISHED;
            case "SECOND_HANDLING" -> Complaint.Status.SECOND_HANDLING;
            default -> Complaint.Status.IN_PROGRESS;
        };
    }

    /**
     * The level a reader sees: the case's once routing raised it (RT-06, ESC timers), never lower
     * than the intake level (CL-03: levels only rise).
     */
    static String level(Complaint c) {
        if (c.caseMirror == null || c.caseMirror.level() == null) {
            return c.level;
        }
        try {
            var intake = Level.valueOf(c.level);
            var routed = Level.valueOf(c.caseMirror.level());
            return routed.atLeast(intake).name();
        } catch (IllegalArgumentException | NullPointerException unknown) {
            return c.level;
        }
    }
}
