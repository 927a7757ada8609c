package org.complaints.support.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error leaves a service as an RFC 9457 problem detail with a stable type, the offending
 * fields and the request id. Unexpected failures answer 500 without internals; bad input never
 * reaches that branch.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<Object> problem(ProblemException e, HttpServletRequest request) {
        return respond(e.toProblemDetail(), e.status(), request);
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<Object> staleWrite(OptimisticLockingFailureException e, HttpServletRequest request) {
        var problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.CONFLICT, "The resource was changed by someone else; reload it and try again.");
        problem.setType(ProblemException.typeUri("concurrent-modification"));
        return respond(problem, HttpStatus.CONFLICT, request);
    }

    @ExceptionHandler(DuplicateKeyException.class)
    ResponseEntity<Object> duplicate(DuplicateKeyException e, HttpServletRequest request) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "The resource already exists.");
        problem.setType(ProblemException.typeUri("duplicate"));
        return respond(problem, HttpStatus.CONFLICT, request);
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, ConstraintViolationException.class})
    ResponseEntity<Object> badParameter(Exception e, HttpServletRequest request) {
        var field = e instanceof MethodArgumentTypeMismatchException m ? m.getName() : "parameter";
        var problem = new ProblemException(
                        HttpStatus.BAD_REQUEST,
                        "invalid-parameter",
                        "Parameter " + field + " is not valid.",
                        List.of(new ProblemException.FieldProblem(field, "is not valid")))
                .toProblemDetail();
        return respond(problem, HttpStatus.BAD_REQUEST, request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, HttpServletRequest request) {
        log.error("unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "Unexpected error.");
        problem.setType(ProblemException.typeUri("internal"));
        return respond(problem, HttpStatus.INTERNAL_SERVER_ERROR, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var fields = e.getBindingResult().getFieldErrors().stream()
                .map(f -> new ProblemException.FieldProblem(f.getField(), f.getDefaultMessage()))
                .toList();
        var problem = new ProblemException(
                        HttpStatus.BAD_REQUEST,
                        "validation-failed",
                        "The request is not valid: "
                                + String.join(
                                        ", ",
                                        fields.stream()
                                                .map(f -> f.field() + " " + f.message())
                                                .toList()),
                        fields)
                .toProblemDetail();
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var fields = e.getParameterValidationResults().stream()
                .map(r -> new ProblemException.FieldProblem(
                        r.getMethodParameter().getParameterName(),
                        r.getResolvableErrors().getFirst().getDefaultMessage()))
                .toList();
        var problem = new ProblemException(
                        HttpStatus.BAD_REQUEST, "validation-failed", "The request is not valid.", fields)
                .toProblemDetail();
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var problem = BodyProblems.describe(e).toProblemDetail();
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var problem = body instanceof ProblemDetail p ? p : ProblemDetail.forStatus(status);
        if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
            problem.setType(ProblemException.typeUri(slug(status)));
        }
        RequestIds.current().ifPresent(id -> problem.setProperty("requestId", id));
        return super.handleExceptionInternal(e, problem, headers, status, request);
    }

    private ResponseEntity<Object> respond(ProblemDetail problem, HttpStatusCode status, HttpServletRequest request) {
        instance(request).ifPresent(problem::setInstance);
        RequestIds.current().ifPresent(id -> problem.setProperty("requestId", id));
        return ResponseEntity.status(status)
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /** The request path as the problem's instance, unless it is not a valid URI reference. */
    static java.util.Optional<URI> instance(HttpServletRequest request) {
        try {
            return java.util.Optional.of(new URI(null, null, request.getRequestURI(), null));
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    private static String slug(HttpStatusCode status) {
        var resolved = HttpStatus.resolve(status.value());
        return resolved == null
                ? "http-" + status.value()
                : resolved.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
