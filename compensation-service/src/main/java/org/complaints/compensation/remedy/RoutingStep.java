package org.complaints.compensation.remedy;

/**
 * The routing actions compensation's commands trigger (routing's state table, docs/contracts.md),
 * with the event type that carries each to routing.
 *
 * <ul>
 *   <li>propose → PROPOSE, then REQUEST_APPROVAL (an option waits) or OFFER (all approved at once)
 *   <li>approve / modify (approved) → OFFER while the customer has no offer yet
 *   <li>consent yes → AGREE (after a rejection: OFFER again, then AGREE)
 *   <li>consent no → OFFER_REJECTED
 *   <li>delivery → IMPLEMENT
 *   <li>reject, leaving no option of the case waiting → OFFER (an option of this compensation is
 *       approved) or REDRAFT: routing's PROPOSE, back to drafting (§2.8 S8a → S8)
 * </ul>
 */
enum RoutingStep {
    PROPOSE("COMPENSATION_PROPOSED"),
    REQUEST_APPROVAL("COMPENSATION_PENDING_APPROVAL"),
    OFFER("COMPENSATION_APPROVED"),
    OFFER_REJECTED("OFFER_REJECTED_BY_CUSTOMER"),
    AGREE("AGREEMENT_SIGNED"),
    IMPLEMENT("REMEDY_DELIVERED"),
    REDRAFT("PROPOSE", "COMPENSATION_REJECTED");

    private final String action;
    private final String eventType;

    RoutingStep(String eventType) {
        this.action = name();
        this.eventType = eventType;
    }

    RoutingStep(String action, String eventType) {
        this.action = action;
        this.eventType = eventType;
    }

    /** Routing's action name, as its case view lists it in {@code allowedActions}. */
    String action() {
        return action;
    }

    String eventType() {
        return eventType;
    }
}
