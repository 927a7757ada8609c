package org.complaints.routing.cases;

import java.util.Map;

/** {@code POST /cases/{id}/events} from another service, idempotent by {@code eventId}. */
public record CaseEvent(String eventId, String type, String reason, Map<String, Object> data) {}
