package org.complaints.routing.cases;

import java.util.List;

/**
 * A step the case refuses, as a domain outcome: the controllers turn it into a problem detail
 * ({@code CaseProblems}); nothing of the case is stored when it is thrown.
 */
public final class CaseRefusal extends RuntimeException {

    public enum Kind {
        ILLEGAL_TRANSITION,
        NOT_ALLOWED,
        INVALID,
        FOLLOW_UP_REQUIRED,
        LEVEL_NEVER_LOWERED,
        INCOMPLETE_RESOLUTION,
        BANNED_PHRASE,
        STALE_VERSION,
        NOT_FOUND,
        /** OT-02: a solution proposed without acknowledging the earlier complaints' open commitments. */
        UNACKNOWLEDGED_COMMITMENTS,
        /** A service the step depends on did not answer; nothing changed, retry later. */
        UNAVAILABLE,
        /** CM-16: a reply letter with an empty required section. */
        INCOMPLETE_LETTER,
        /** CM-04: liability accepted before the facts are verified. */
        LIABILITY_BEFORE_FACTS,
        /** CM-15: a statement already sent or withheld. */
        STATEMENT_DECIDED
    }

    public record Field(String field, String message) {}

    private final Kind kind;
    private final List<Field> fields;

    CaseRefusal(Kind kind, String detail, List<Field> fields) {
        super(detail);
        this.kind = kind;
        this.fields = List.copyOf(fields);
    }

    CaseRefusal(Kind kind, String detail) {
        this(kind, detail, List.of());
    }

    static CaseRefusal invalid(String field, String message) {
        return new CaseRefusal(
                Kind.INVALID, "The request is not valid: " + field + " " + message, List.of(new Field(field, message)));
    }

    static CaseRefusal illegal(Action action, State from) {
        return new CaseRefusal(
                Kind.ILLEGAL_TRANSITION,
                action + " is not allowed in state " + from + " (DOMAIN.md §2.8, docs/case-states.md).");
    }

    public static CaseRefusal notFound(String what, String id) {
        return new CaseRefusal(Kind.NOT_FOUND, what + " " + id + " was not found");
    }

    public Kind kind() {
        return kind;
    }

    public List<Field> fields() {
        return fields;
    }
}
