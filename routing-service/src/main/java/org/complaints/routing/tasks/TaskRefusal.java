package org.complaints.routing.tasks;

/**
 * A task completion or list request refused, as a domain outcome; {@code TaskProblems} turns it
 * into a problem detail and nothing is stored.
 */
public final class TaskRefusal extends RuntimeException {

    public enum Kind {
        NOT_FOUND,
        NOT_ALLOWED,
        ALREADY_DONE,
        INVALID
    }

    private final Kind kind;
    private final String field;
    private final String reason;

    private TaskRefusal(Kind kind, String detail, String field, String reason) {
        super(detail);
        this.kind = kind;
        this.field = field;
        this.reason = reason;
    }

    TaskRefusal(Kind kind, String detail) {
        this(kind, detail, null, null);
    }

    static TaskRefusal notFound(String taskId) {
        return new TaskRefusal(Kind.NOT_FOUND, "task " + taskId + " was not found");
    }

    static TaskRefusal invalid(String field, String message) {
        return new TaskRefusal(Kind.INVALID, "The request is not valid: " + field + " " + message, field, message);
    }

    public Kind kind() {
        return kind;
    }

    /** The offending field of an {@code INVALID} refusal. */
    public String field() {
        return field;
    }

    /** What is wrong with {@link #field}. */
    public String reason() {
        return reason;
    }
}
