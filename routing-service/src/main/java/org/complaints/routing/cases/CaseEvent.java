package org.complaints.routing.cases;

import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /internal/v1/cases/{id}/events} from another service, idempotent by {@code eventId}.
 * A follow-up outcome may name its handling round in {@code data.round}.
 */
public record CaseEvent(String eventId, String type, String reason, Map<String, Object> data) {

    private static final Map<String, Action> ACTIONS = Map.of(
            "COMPENSATION_PROPOSED", Action.PROPOSE,
            "COMPENSATION_PENDING_APPROVAL", Action.REQUEST_APPROVAL,
            "COMPENSATION_APPROVED", Action.OFFER,
            "OFFER_REJECTED_BY_CUSTOMER", Action.OFFER_REJECTED,
            "AGREEMENT_SIGNED", Action.AGREE,
            "REMEDY_DELIVERED", Action.IMPLEMENT,
            "FOLLOW_UP_SATISFIED", Action.FOLLOW_UP_SATISFIED,
            "FOLLOW_UP_UNSATISFIED", Action.FOLLOW_UP_UNSATISFIED,
            "COMPLAINT_NOT_ESTABLISHED", Action.NOT_ESTABLISHED,
            "COMPLAINT_WITHDRAWN", Action.WITHDRAW);

    /** The action an event type triggers on the case. */
    public static Optional<Action> action(String type) {
        return Optional.ofNullable(type == null ? null : ACTIONS.get(type));
    }

    public static Map<String, Action> types() {
        return ACTIONS;
    }
}
