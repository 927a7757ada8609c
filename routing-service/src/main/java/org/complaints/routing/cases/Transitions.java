package org.complaints.routing.cases;

import static org.complaints.routing.cases.State.ACCEPTED;
import static org.complaints.routing.cases.State.AGREED;
import static org.complaints.routing.cases.State.AWAITING_CUSTOMER_CONSENT;
import static org.complaints.routing.cases.State.CLOSED;
import static org.complaints.routing.cases.State.FOLLOW_UP;
import static org.complaints.routing.cases.State.HANDED_OVER;
import static org.complaints.routing.cases.State.IMPLEMENTING;
import static org.complaints.routing.cases.State.INVESTIGATING;
import static org.complaints.routing.cases.State.PENDING_APPROVAL;
import static org.complaints.routing.cases.State.REGISTERED;
import static org.complaints.routing.cases.State.REOPENED;
import static org.complaints.routing.cases.State.RESOLVED;
import static org.complaints.routing.cases.State.RESPONDED;
import static org.complaints.routing.cases.State.SOLUTION_PROPOSED;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The §2.8 state machine as a table: for each action, the states it may start from and the state
 * it leads to ({@code null} = the state does not change). Anything else is an illegal transition.
 */
public final class Transitions {

    record Step(Set<State> from, State to) {}

    private static final Set<State> OPEN_WORK = EnumSet.of(
            ACCEPTED,
            RESPONDED,
            INVESTIGATING,
            SOLUTION_PROPOSED,
            PENDING_APPROVAL,
            AWAITING_CUSTOMER_CONSENT,
            AGREED,
            IMPLEMENTING,
            REOPENED);
    private static final Set<State> NOT_TERMINAL =
            EnumSet.complementOf(EnumSet.of(CLOSED, State.CLOSED_NOT_ESTABLISHED));

    static final Map<String, Step> STEPS = Map.ofEntries(
            Map.entry("HAND_OVER", new Step(EnumSet.of(REGISTERED), HANDED_OVER)),
            Map.entry("ACCEPT", new Step(EnumSet.of(REGISTERED, HANDED_OVER), ACCEPTED)),
            Map.entry("ASSIGN", new Step(NOT_TERMINAL, null)),
            Map.entry("CONTACT", new Step(EnumSet.of(REGISTERED, HANDED_OVER, ACCEPTED, REOPENED), RESPONDED)),
            Map.entry("LOG_CONTACT", new Step(OPEN_WORK, null)),
            Map.entry("URGE", new Step(NOT_TERMINAL, null)),
            Map.entry("INVESTIGATE", new Step(EnumSet.of(ACCEPTED, RESPONDED, REOPENED), INVESTIGATING)),
            Map.entry(
                    "PROPOSE",
                    new Step(EnumSet.of(RESPONDED, INVESTIGATING, SOLUTION_PROPOSED, REOPENED), SOLUTION_PROPOSED)),
            Map.entry(
                    "REQUEST_APPROVAL",
                    new Step(EnumSet.of(RESPONDED, INVESTIGATING, SOLUTION_PROPOSED, REOPENED), PENDING_APPROVAL)),
            Map.entry(
                    "OFFER",
                    new Step(
                            EnumSet.of(SOLUTION_PROPOSED, PENDING_APPROVAL, RESPONDED, INVESTIGATING, REOPENED),
                            AWAITING_CUSTOMER_CONSENT)),
            Map.entry(
                    "OFFER_REJECTED",
                    new Step(EnumSet.of(AWAITING_CUSTOMER_CONSENT, SOLUTION_PROPOSED), SOLUTION_PROPOSED)),
            Map.entry("AGREE", new Step(EnumSet.of(AWAITING_CUSTOMER_CONSENT), AGREED)),
            Map.entry("IMPLEMENT", new Step(EnumSet.of(AGREED), IMPLEMENTING)),
            Map.entry(
                    "RESOLVE",
                    new Step(
                            EnumSet.of(RESPONDED, INVESTIGATING, SOLUTION_PROPOSED, AGREED, IMPLEMENTING, REOPENED),
                            RESOLVED)),
            Map.entry("FOLLOW_UP_SATISFIED", new Step(EnumSet.of(RESOLVED, FOLLOW_UP), FOLLOW_UP)),
            Map.entry("FOLLOW_UP_UNSATISFIED", new Step(EnumSet.of(RESOLVED, FOLLOW_UP), REOPENED)),
            Map.entry("CLOSE", new Step(EnumSet.of(RESOLVED, FOLLOW_UP), CLOSED)),
            Map.entry("NOT_ESTABLISHED", new Step(NOT_TERMINAL, State.CLOSED_NOT_ESTABLISHED)),
            Map.entry("REOPEN", new Step(EnumSet.of(RESOLVED, FOLLOW_UP, CLOSED), REOPENED)),
            Map.entry("MESSAGE", new Step(NOT_TERMINAL, null)),
            Map.entry("ESCALATE", new Step(NOT_TERMINAL, null)),
            Map.entry("RAISE_LEVEL", new Step(NOT_TERMINAL, null)));

    private Transitions() {}

    /** The next state, or null when the action keeps the state; throws for an illegal transition. */
    static State next(String action, State from) {
        var step = STEPS.get(action);
        if (step == null || !step.from().contains(from)) {
            throw new IllegalTransition(action, from);
        }
        return step.to() == null ? from : step.to();
    }

    static final class IllegalTransition extends RuntimeException {
        IllegalTransition(String action, State from) {
            super(action + " is not allowed in state " + from);
        }
    }
}
