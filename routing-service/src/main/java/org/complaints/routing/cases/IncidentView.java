package org.complaints.routing.cases;

import java.time.Instant;
import java.util.List;

/** A group complaint as callers see it. */
public record IncidentView(
        String incidentId,
        String site,
        String productRef,
        Instant openedAt,
        List<String> caseIds,
        List<Incident.Task> tasks) {}
