package org.complaints.routing.tasks;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
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

/** The one place where a task refusal becomes an RFC 9457 problem detail. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class TaskProblems {

    @ExceptionHandler(TaskRefusal.class)
    ResponseEntity<ProblemDetail> refused(TaskRefusal refusal, HttpServletRequest request) {
        var problem = toProblem(refusal).toProblemDetail();
        problem.setInstance(URI.create(request.getRequestURI()));
        RequestIds.current().ifPresent(id -> problem.setProperty("requestId", id));
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    static ProblemException toProblem(TaskRefusal r) {
        return switch (r.kind()) {
            case NOT_FOUND -> new ProblemException(HttpStatus.NOT_FOUND, "not-found", r.getMessage());
            case NOT_ALLOWED -> ProblemException.forbidden(r.getMessage());
            case ALREADY_DONE -> ProblemException.conflict("task-already-done", r.getMessage());
            case INVALID ->
                new ProblemException(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "validation-failed",
                        r.getMessage(),
                        List.of(new ProblemException.FieldProblem(r.field(), r.reason())));
        };
    }
}
