package org.complaints.support.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.PropertyBindingException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Turns an unreadable body into a 400 problem that names the offending field as a JSON pointer
 * ({@code /receivdAt}, {@code /options/0/amount/amount}) with a reason written for the client.
 * The parser's own messages are never echoed: they name Java types and packages.
 */
final class BodyProblems {

    private BodyProblems() {}

    static ProblemException describe(HttpMessageNotReadableException e) {
        var jackson = find(e, JacksonException.class);
        if (jackson == null) {
            return new ProblemException(HttpStatus.BAD_REQUEST, "malformed-body", "The body is not readable JSON.");
        }
        if (jackson instanceof StreamConstraintsException) {
            return JsonBodyGuard.refused("", "exceeds the size limits");
        }
        if (jackson instanceof StreamReadException && !(jackson instanceof MismatchedInputException)) {
            return new ProblemException(HttpStatus.BAD_REQUEST, "malformed-body", "The body is not readable JSON.");
        }
        var pointer = pointer(jackson);
        String reason;
        if (jackson instanceof RejectedValue rejected) {
            reason = rejected.getOriginalMessage();
        } else if (jackson instanceof UnrecognizedPropertyException || jackson instanceof PropertyBindingException) {
            reason = "is not a known field";
        } else if (jackson instanceof InvalidFormatException || jackson instanceof ValueInstantiationException) {
            reason = "is not a valid value";
        } else if (jackson instanceof MismatchedInputException) {
            reason = pointer.isEmpty() ? "is not an object of the expected shape" : "has the wrong type or shape";
        } else {
            reason = "is not valid";
        }
        return JsonBodyGuard.refused(pointer, reason);
    }

    private static String pointer(JacksonException e) {
        var pointer = new StringBuilder();
        for (var reference : e.getPath()) {
            pointer.append('/');
            if (reference.getPropertyName() != null) {
                pointer.append(escape(reference.getPropertyName()));
            } else if (reference.getIndex() >= 0) {
                pointer.append(reference.getIndex());
            }
        }
        if (e instanceof PropertyBindingException binding && binding.getPropertyName() != null) {
            var last = "/" + escape(binding.getPropertyName());
            if (!pointer.toString().endsWith(last)) {
                pointer.append(last);
            }
        }
        return pointer.toString();
    }

    private static String escape(String name) {
        var safe = name.length() > 100 ? name.substring(0, 100) : name;
        return safe.replace("~", "~0").replace("/", "~1");
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (var t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
