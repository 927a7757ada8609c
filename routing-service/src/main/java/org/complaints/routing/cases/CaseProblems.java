package org.complaints.routing.cases;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.complaints.support.web.ProblemException;
import org.complaints.support.web.RequestIds;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The one place where a case's refusal becomes an RFC 9457 problem detail. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class CaseProblems {

    @ExceptionHandler(CaseRefusal.class)
    ResponseEntity<ProblemDetail> refused(CaseRefusal refusal, HttpServletRequest request) {
        var problem = toProblem(refusal).toProblemDetail();
        problem.setInstance(URI.create(request.getRequestURI()));
        RequestIds.current().ifPresent(id -> problem.setProperty("requestId", id));
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    static ProblemException toProblem(CaseRefusal r) {
        var fields = r.fields().stream()
                .map(f -> new ProblemException.FieldProblem(f.field(), f.message()))
                .toList();
        return switch (r.kind()) {
            case ILLEGAL_TRANSITION -> ProblemException.conflict("illegal-transition", r.getMessage());
            case NOT_ALLOWED -> ProblemException.forbidden(r.getMessage());
            case INVALID ->
                new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "validation-failed", r.getMessage(), fields);
            case FOLLOW_UP_REQUIRED -> ProblemException.conflict("follow-up-required", r.getMessage());
            case LEVEL_NEVER_LOWERED -> ProblemException.conflict("level-never-lowered", r.getMessage());
            case INCOMPLETE_RESOLUTION ->
                new ProblemException(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "vague-or-missing-corrective-measure",
                        r.getMessage(),
                        fields);
            case BANNED_PHRASE ->
                new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "banned-phrase", r.getMessage(), fields);
            case STALE_VERSION -> new ProblemException(HttpStatus.PRECONDITION_FAILED, "stale-version", r.getMessage());
            case NOT_FOUND -> new ProblemException(HttpStatus.NOT_FOUND, "not-found", r.getMessage());
            case UNACKNOWLEDGED_COMMITMENTS ->
                new ProblemException(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "earlier-commitments-not-acknowledged",
                        r.getMessage(),
                        fields);
            case INCOMPLETE_LETTER ->
                new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "incomplete-letter", r.getMessage(), fields);
            case LIABILITY_BEFORE_FACTS -> ProblemException.conflict("verify-facts-first", r.getMessage());
            case STATEMENT_DECIDED -> ProblemException.conflict("statement-already-decided", r.getMessage());
            case UNAVAILABLE ->
                new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "dependency-unavailable", r.getMessage());
        };
    }
}
