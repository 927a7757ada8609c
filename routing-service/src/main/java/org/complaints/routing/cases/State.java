package org.complaints.routing.cases;

/** The consolidated case states of DOMAIN.md §2.8. */
public enum State {
    REGISTERED,
    HANDED_OVER,
    ACCEPTED,
    RESPONDED,
    INVESTIGATING,
    SOLUTION_PROPOSED,
    PENDING_APPROVAL,
    AWAITING_CUSTOMER_CONSENT,
    AGREED,
    IMPLEMENTING,
    RESOLVED,
    FOLLOW_UP,
    CLOSED,
    CLOSED_NOT_ESTABLISHED,
    SECOND_HANDLING;

    public boolean terminal() {
        return this == CLOSED || this == CLOSED_NOT_ESTABLISHED;
    }
}
