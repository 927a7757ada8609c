package org.complaints.compensation.remedy;

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

/** The one place compensation's domain refusals become RFC 9457 problem details. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class CompensationProblems {

    @ExceptionHandler(Refusal.class)
    ResponseEntity<ProblemDetail> refused(Refusal refusal, HttpServletRequest request) {
        var problem = toProblem(refusal);
        var body = problem.toProblemDetail();
        body.setInstance(URI.create(request.getRequestURI()));
        RequestIds.current().ifPresent(id -> body.setProperty("requestId", id));
        return ResponseEntity.status(problem.status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body);
    }

    static ProblemException toProblem(Refusal refusal) {
        var status = switch (refusal.kind()) {
            case BAD_INPUT -> HttpStatus.BAD_REQUEST;
            case INVALID -> HttpStatus.UNPROCESSABLE_CONTENT;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case CONFLICT -> HttpStatus.CONFLICT;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
        var fields = refusal.field() == null
                ? List.<ProblemException.FieldProblem>of()
                : List.of(new ProblemException.FieldProblem(refusal.field(), refusal.getMessage()));
        return new ProblemException(status, refusal.code(), refusal.getMessage(), fields);
    }
}
