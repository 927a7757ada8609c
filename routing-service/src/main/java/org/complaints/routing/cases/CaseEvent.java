package org.complaints.routing.cases;

import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /internal/v1/cases/{id}/events} from another service, idempotent by {@code eventId}.
 * A follow-up outcome may name its handling round in {@code data.round}. {@code COMPENSATION_REJECTED}
 * (the approver rejected every option still waiting) takes the case back to drafting, as a proposal does.
 */
public record CaseEvent(String eventId, String type, String reason, Map<String, Object> data) {

    private static final Map<String, Action> ACTIONS = Map.ofEntries(
            Map.entry("COMPENSATION_PROPOSED", Action.PROPOSE),
            Map.entry("COMPENSATION_REJECTED", Action.PROPOSE),
            Map.entry("COMPENSATION_PENDING_APPROVAL", Action.REQUEST_APPROVAL),
            Map.entry("COMPENSATION_APPROVED", Action.OFFER),
            Map.entry("OFFER_REJECTED_BY_CUSTOMER", Action.OFFER_REJECTED),
            Map.entry("AGREEMENT_SIGNED", Action.AGREE),
            Map.entry("REMEDY_DELIVERED", Action.IMPLEMENT),
            Map.entry("FOLLOW_UP_SATISFIED", Action.FOLLOW_UP_SATISFIED),
            Map.entry("FOLLOW_UP_UNSATISFIED", Action.FOLLOW_UP_UNSATISFIED),
            Map.entry("COMPLAINT_NOT_ESTABLISHED", Action.NOT_ESTABLISHED),
            Map.entry("COMPLAINT_VALID", Action.VALIDATE),
            Map.entry("COMPLAINT_WITHDRAWN", Action.WITHDRAW));

    /** The action an event type triggers on the case. */
    public static Optional<Action> action(String type) {
        return Optional.ofNullable(type == null ? null : ACTIONS.get(type));
    }

    public static Map<String, Action> types() {
        return ACTIONS;
    }
}
