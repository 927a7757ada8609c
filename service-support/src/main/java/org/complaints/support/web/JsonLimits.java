package org.complaints.support.web;

import java.time.Instant;

/**
 * What a request body may contain ({@code complaints.web.json.*}): checked while the body is read,
 * before any field reaches a record, a {@code BigDecimal} operation or the store.
 *
 * @param maxDepth deepest nesting of objects and arrays
 * @param maxNumberLength longest number literal, in characters
 * @param maxStringLength longest string value, in characters
 * @param maxNameLength longest object key, in characters
 * @param maxArrayLength most elements of one array
 * @param maxDocumentBytes largest body
 * @param maxIntegerDigits most digits before the decimal point of a decimal amount
 * @param maxScale most digits after the decimal point of a decimal amount
 * @param earliest earliest accepted instant (inclusive)
 * @param latest latest accepted instant (exclusive)
 */
public record JsonLimits(
        int maxDepth,
        int maxNumberLength,
        int maxStringLength,
        int maxNameLength,
        int maxArrayLength,
        long maxDocumentBytes,
        int maxIntegerDigits,
        int maxScale,
        Instant earliest,
        Instant latest) {

    public static final JsonLimits DEFAULTS = new JsonLimits(
            32,
            40,
            20_000,
            100,
            1_000,
            1_048_576,
            15,
            6,
            Instant.parse("2000-01-01T00:00:00Z"),
            Instant.parse("2100-01-01T00:00:00Z"));

    /** Whether {@code instant} lies in [earliest, latest). */
    public boolean inRange(Instant instant) {
        return !instant.isBefore(earliest) && instant.isBefore(latest);
    }
}
