package org.complaints.intake.routing;

import java.time.Instant;
import java.util.List;

/** Routing's answer to opening a case. */
public record CaseOpened(
        String caseId,
        String complaintId,
        String state,
        String level,
        String department,
        String owner,
        List<Deadline> deadlines) {

    public record Deadline(String clock, Instant dueAt, String rule) {}
}
