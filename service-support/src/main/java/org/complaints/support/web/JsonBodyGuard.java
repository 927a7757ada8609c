package org.complaints.support.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.List;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads every JSON request body once with a bounded parser before any converter binds it:
 * nesting depth, number, string and key lengths, array sizes and the body size are limited, and an
 * object key that MongoDB would treat as an operator or a path ({@code $...}, {@code a.b}, or one
 * with a NUL) is refused anywhere in the body, including inside free-form maps. Each refusal is a
 * 400 problem naming the JSON pointer of the offending value; nothing is stored.
 */
@ControllerAdvice
public class JsonBodyGuard extends RequestBodyAdviceAdapter {

    private final JsonLimits limits;
    private final JsonFactory factory;

    public JsonBodyGuard(JsonLimits limits) {
        this.limits = limits;
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxDepth())
                        .maxNumberLength(limits.maxNumberLength())
                        .maxStringLength(limits.maxStringLength())
                        .maxNameLength(limits.maxNameLength())
                        .maxDocumentLength(limits.maxDocumentBytes())
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    @Override
    public boolean supports(
            MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public HttpInputMessage beforeBodyRead(
            HttpInputMessage message,
            MethodParameter parameter,
            Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType)
            throws IOException {
        var contentType = message.getHeaders().getContentType();
        if (contentType != null && !isJson(contentType)) {
            return message;
        }
        var body = readBounded(message.getBody());
        check(body);
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public HttpHeaders getHeaders() {
                return message.getHeaders();
            }
        };
    }

    /** Throws a 400 {@link ProblemException} naming the first offending place of {@code body}. */
    public void check(byte[] body) {
        if (body.length == 0) {
            return;
        }
        try (var parser = factory.createParser(ObjectReadContext.empty(), body)) {
            var arraySizes = new ArrayDeque<int[]>();
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                // An array's slot counts its elements; an object's slot is -1 and never counts.
                if (isValueStart(token) && !arraySizes.isEmpty() && arraySizes.peek()[0] >= 0) {
                    if (++arraySizes.peek()[0] > limits.maxArrayLength()) {
                        throw refused(pointer(parser), "has more than " + limits.maxArrayLength() + " elements");
                    }
                }
                switch (token) {
                    case START_ARRAY -> arraySizes.push(new int[1]);
                    case END_ARRAY -> arraySizes.pop();
                    case START_OBJECT -> arraySizes.push(new int[] {-1});
                    case END_OBJECT -> arraySizes.pop();
                    case PROPERTY_NAME -> checkKey(parser);
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getString();
                    default -> {}
                }
            }
        } catch (StreamConstraintsException e) {
            throw refused("", constraintReason(e));
        } catch (JacksonException e) {
            throw malformed();
        }
    }

    private void checkKey(JsonParser parser) {
        var key = parser.currentName();
        if (key.startsWith("$") || key.indexOf('.') >= 0 || key.indexOf('\u0000') >= 0) {
            throw refused(pointer(parser), "is not an allowed key (no '$' prefix, '.' or NUL)");
        }
    }

    private static boolean isValueStart(JsonToken token) {
        return token == JsonToken.START_ARRAY || token == JsonToken.START_OBJECT || token.isScalarValue();
    }

    private String constraintReason(StreamConstraintsException e) {
        var message = String.valueOf(e.getOriginalMessage()).toLowerCase(java.util.Locale.ROOT);
        if (message.contains("nesting")) {
            return "is nested deeper than " + limits.maxDepth() + " levels";
        }
        if (message.contains("number")) {
            return "contains a number longer than " + limits.maxNumberLength() + " characters";
        }
        if (message.contains("name")) {
            return "contains a key longer than " + limits.maxNameLength() + " characters";
        }
        if (message.contains("string")) {
            return "contains a string longer than " + limits.maxStringLength() + " characters";
        }
        return "exceeds the size limits";
    }

    private static String pointer(JsonParser parser) {
        return parser.streamReadContext().pathAsPointer().toString();
    }

    private byte[] readBounded(InputStream in) throws IOException {
        var bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxDocumentBytes() + 1));
        if (bytes.length > limits.maxDocumentBytes()) {
            throw new ProblemException(
                    HttpStatus.CONTENT_TOO_LARGE,
                    "body-too-large",
                    "The body exceeds the limit of " + limits.maxDocumentBytes() + " bytes.");
        }
        return bytes;
    }

    private static boolean isJson(MediaType type) {
        return type.getSubtype().equals("json") || type.getSubtype().endsWith("+json");
    }

    static ProblemException refused(String pointer, String reason) {
        var field = pointer.isEmpty() ? "/" : pointer;
        return new ProblemException(
                HttpStatus.BAD_REQUEST,
                "invalid-body",
                "The body is not valid: " + field + " " + reason + ".",
                List.of(new ProblemException.FieldProblem(field, reason)));
    }

    private static ProblemException malformed() {
        return new ProblemException(HttpStatus.BAD_REQUEST, "malformed-body", "The body is not readable JSON.");
    }
}
