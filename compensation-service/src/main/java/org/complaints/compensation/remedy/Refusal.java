package org.complaints.compensation.remedy;

/**
 * A command the compensation rules refuse, as a domain outcome: what kind of refusal, a stable
 * code, the field it concerns (if any) and a sentence for the caller. {@link CompensationProblems}
 * turns it into a problem detail at the web edge; nothing here knows HTTP.
 */
public class Refusal extends RuntimeException {

    public enum Kind {
        /** The input is malformed or out of range (amount digits, scale). */
        BAD_INPUT,
        /** The input is well-formed but breaks a rule (option count, currency, ceiling, dates). */
        INVALID,
        /** Unknown, or outside the caller's tenant, region or site. */
        NOT_FOUND,
        /** The caller's roles do not allow it. */
        FORBIDDEN,
        /** The state of the compensation, the case or the budget does not allow it now. */
        CONFLICT,
        /** A service this one depends on did not answer. */
        UNAVAILABLE
    }

    private final Kind kind;
    private final String code;
    private final String field;

    public Refusal(Kind kind, String code, String field, String detail) {
        super(detail);
        this.kind = kind;
        this.code = code;
        this.field = field;
    }

    static Refusal badInput(String field, String problem) {
        return new Refusal(
                Kind.BAD_INPUT, "invalid-amount", field, "The request is not valid: " + field + " " + problem);
    }

    static Refusal invalid(String field, String problem) {
        return new Refusal(
                Kind.INVALID, "validation-failed", field, "The request is not valid: " + field + " " + problem);
    }

    static Refusal notFound(String what, String id) {
        return new Refusal(Kind.NOT_FOUND, "not-found", null, what + " " + id + " was not found");
    }

    static Refusal forbidden(String detail) {
        return new Refusal(Kind.FORBIDDEN, "forbidden", null, detail);
    }

    static Refusal conflict(String code, String detail) {
        return new Refusal(Kind.CONFLICT, code, null, detail);
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }
}
