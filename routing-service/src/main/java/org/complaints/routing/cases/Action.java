package org.complaints.routing.cases;

import static org.complaints.routing.cases.State.ACCEPTED;
import static org.complaints.routing.cases.State.AGREED;
import static org.complaints.routing.cases.State.AWAITING_CUSTOMER_CONSENT;
import static org.complaints.routing.cases.State.CLOSED;
import static org.complaints.routing.cases.State.CLOSED_NOT_ESTABLISHED;
import static org.complaints.routing.cases.State.FOLLOW_UP;
import static org.complaints.routing.cases.State.HANDED_OVER;
import static org.complaints.routing.cases.State.IMPLEMENTING;
import static org.complaints.routing.cases.State.INVESTIGATING;
import static org.complaints.routing.cases.State.PENDING_APPROVAL;
import static org.complaints.routing.cases.State.REGISTERED;
import static org.complaints.routing.cases.State.RESOLVED;
import static org.complaints.routing.cases.State.RESPONDED;
import static org.complaints.routing.cases.State.SECOND_HANDLING;
import static org.complaints.routing.cases.State.SOLUTION_PROPOSED;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.complaints.routing.policy.Permission;

/**
 * Everything that can happen to a case, and the §2.8 state table: for each action the states it
 * may start from and the state it leads to. Anything not in the table is an illegal transition.
 * {@code docs/case-states.md} is generated from this table ({@code CaseStatesDocumentTest}).
 */
public enum Action {
    HAND_OVER,
    ACCEPT,
    ASSIGN,
    CONTACT,
    LOG_CONTACT,
    URGE,
    INVESTIGATE,
    PROPOSE,
    REQUEST_APPROVAL,
    OFFER,
    OFFER_REJECTED,
    AGREE,
    IMPLEMENT,
    RESOLVE,
    FOLLOW_UP_SATISFIED,
    FOLLOW_UP_UNSATISFIED,
    CLOSE,
    WITHDRAW,
    NOT_ESTABLISHED,
    REOPEN,
    MESSAGE,
    ESCALATE,
    RAISE_LEVEL,
    FLAG,
    SAFETY_ALERT,
    PARAPHRASE,
    ACCEPT_LIABILITY,
    LETTER,
    APPROVE_STATEMENT,
    VALIDATE;

    private static final Set<State> NOT_TERMINAL = EnumSet.complementOf(EnumSet.of(CLOSED, CLOSED_NOT_ESTABLISHED));
    private static final Set<State> OPEN_WORK = EnumSet.of(
            RESPONDED,
            INVESTIGATING,
            SOLUTION_PROPOSED,
            PENDING_APPROVAL,
            AWAITING_CUSTOMER_CONSENT,
            AGREED,
            IMPLEMENTING);
    private static final Map<Action, Map<State, State>> TABLE = new EnumMap<>(Action.class);

    static {
        to(HAND_OVER, HANDED_OVER, REGISTERED);
        to(ACCEPT, ACCEPTED, REGISTERED, HANDED_OVER);
        keep(ASSIGN, NOT_TERMINAL);
        to(CONTACT, RESPONDED, ACCEPTED, SECOND_HANDLING);
        keep(LOG_CONTACT, OPEN_WORK);
        keep(URGE, NOT_TERMINAL);
        to(INVESTIGATE, INVESTIGATING, ACCEPTED, RESPONDED, SECOND_HANDLING);
        // From PENDING_APPROVAL: the approver rejected every option, the handler drafts anew (§2.8 S8a → S8).
        to(PROPOSE, SOLUTION_PROPOSED, RESPONDED, INVESTIGATING, SOLUTION_PROPOSED, PENDING_APPROVAL, SECOND_HANDLING);
        to(REQUEST_APPROVAL, PENDING_APPROVAL, RESPONDED, INVESTIGATING, SOLUTION_PROPOSED, SECOND_HANDLING);
        to(
                OFFER,
                AWAITING_CUSTOMER_CONSENT,
                RESPONDED,
                INVESTIGATING,
                SOLUTION_PROPOSED,
                PENDING_APPROVAL,
                SECOND_HANDLING);
        to(OFFER_REJECTED, SOLUTION_PROPOSED, AWAITING_CUSTOMER_CONSENT, SOLUTION_PROPOSED);
        to(AGREE, AGREED, AWAITING_CUSTOMER_CONSENT);
        to(IMPLEMENT, IMPLEMENTING, AGREED);
        to(RESOLVE, RESOLVED, RESPONDED, INVESTIGATING, SOLUTION_PROPOSED, AGREED, IMPLEMENTING, SECOND_HANDLING);
        to(FOLLOW_UP_SATISFIED, FOLLOW_UP, RESOLVED, FOLLOW_UP);
        keep(FOLLOW_UP_SATISFIED, EnumSet.of(CLOSED));
        to(FOLLOW_UP_UNSATISFIED, SECOND_HANDLING, RESOLVED, FOLLOW_UP, CLOSED);
        to(CLOSE, CLOSED, RESOLVED, FOLLOW_UP);
        to(WITHDRAW, CLOSED, NOT_TERMINAL.toArray(State[]::new));
        to(NOT_ESTABLISHED, CLOSED_NOT_ESTABLISHED, NOT_TERMINAL.toArray(State[]::new));
        to(REOPEN, SECOND_HANDLING, RESOLVED, FOLLOW_UP, CLOSED);
        keep(MESSAGE, NOT_TERMINAL);
        keep(ESCALATE, NOT_TERMINAL);
        keep(RAISE_LEVEL, NOT_TERMINAL);
        keep(FLAG, NOT_TERMINAL);
        keep(SAFETY_ALERT, NOT_TERMINAL);
        keep(PARAPHRASE, NOT_TERMINAL);
        keep(ACCEPT_LIABILITY, NOT_TERMINAL);
        keep(LETTER, NOT_TERMINAL);
        keep(APPROVE_STATEMENT, NOT_TERMINAL);
        keep(VALIDATE, NOT_TERMINAL);
    }

    private static void to(Action action, State to, State... from) {
        var row = TABLE.computeIfAbsent(action, a -> new EnumMap<>(State.class));
        Arrays.stream(from).forEach(s -> row.put(s, to));
    }

    private static void keep(Action action, Set<State> from) {
        var row = TABLE.computeIfAbsent(action, a -> new EnumMap<>(State.class));
        from.forEach(s -> row.put(s, s));
    }

    /** This step's row in the preset's permission table (same name; checked in {@link Case#apply}). */
    public Permission permission() {
        return Permission.valueOf(name());
    }

    /** The state this action leads to from {@code from}, or empty when it is not allowed there. */
    public Optional<State> next(State from) {
        return Optional.ofNullable(TABLE.getOrDefault(this, Map.of()).get(from));
    }

    public boolean allowedFrom(State from) {
        return next(from).isPresent();
    }

    /** The actions legal in a state, in table order (the case view's {@code allowedActions}). */
    public static List<Action> allowedIn(State state) {
        return Arrays.stream(values()).filter(a -> a.allowedFrom(state)).toList();
    }

    /** The whole table, action → (from → to), read-only. */
    public static Map<Action, Map<State, State>> table() {
        return Collections.unmodifiableMap(TABLE);
    }
}
