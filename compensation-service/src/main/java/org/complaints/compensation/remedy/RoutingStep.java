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
 * </ul>
 */
enum RoutingStep {
    PROPOSE("COMPENSATION_PROPOSED"),
    REQUEST_APPROVAL("COMPENSATION_PENDING_APPROVAL"),
    OFFER("COMPENSATION_APPROVED"),
    OFFER_REJECTED("OFFER_REJECTED_BY_CUSTOMER"),
    AGREE("AGREEMENT_SIGNED"),
    IMPLEMENT("REMEDY_DELIVERED");

    private final String eventType;

    RoutingStep(String eventType) {
        this.eventType = eventType;
    }

    String eventType() {
        return eventType;
    }
}
