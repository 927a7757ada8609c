package org.complaints.intake.routing;

import java.util.Map;

/** An event routing applies to a case, idempotent by {@code eventId}. */
public record CaseEvent(String eventId, String type, String reason, Map<String, Object> data) {}
