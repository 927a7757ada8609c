package org.complaints.support.web;

import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A business refusal that becomes an RFC 9457 problem detail with a stable {@code type}
 * ({@link #typeUri}) and, where it applies, the offending fields.
 */
public class ProblemException extends RuntimeException {

    public static final String TYPE_BASE = "https://complaints.example.org/problems/";

    private final HttpStatus status;
    private final String type;
    private final List<FieldProblem> fields;

    public record FieldProblem(String field, String message) {}

    public ProblemException(HttpStatus status, String type, String detail, List<FieldProblem> fields) {
        super(detail);
        this.status = status;
        this.type = type;
        this.fields = List.copyOf(fields);
    }

    public ProblemException(HttpStatus status, String type, String detail) {
        this(status, type, detail, List.of());
    }

    public static ProblemException notFound(String what, String id) {
        return new ProblemException(HttpStatus.NOT_FOUND, "not-found", what + " " + id + " was not found");
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(HttpStatus.FORBIDDEN, "forbidden", detail);
    }

    public static ProblemException conflict(String type, String detail) {
        return new ProblemException(HttpStatus.CONFLICT, type, detail);
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "validation-failed",
                "The request is not valid: " + field + " " + message,
                List.of(new FieldProblem(field, message)));
    }

    public static ProblemException unavailable(String dependency, String detail) {
        return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "dependency-unavailable", detail);
    }

    public static URI typeUri(String type) {
        return URI.create(TYPE_BASE + type);
    }

    public HttpStatus status() {
        return status;
    }

    public String type() {
        return type;
    }

    public List<FieldProblem> fields() {
        return fields;
    }

    public ProblemDetail toProblemDetail() {
        var problem = ProblemDetail.forStatusAndDetail(status, getMessage());
        problem.setType(typeUri(type));
        if (!fields.isEmpty()) {
            problem.setProperty("fields", fields);
        }
        return problem;
    }
}
