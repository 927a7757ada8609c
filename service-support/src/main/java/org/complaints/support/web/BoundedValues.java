package org.complaints.support.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Deserializers that bound a value before anything computes with it: decimal amounts by digits
 * and scale (so {@code 1e3000000} is refused from its exponent alone, before any rescaling, and
 * nothing beyond Decimal128 reaches the store) and instants by {@link JsonLimits#earliest()} and
 * {@link JsonLimits#latest()}.
 */
public final class BoundedValues {

    private BoundedValues() {}

    public static SimpleModule module(JsonLimits limits) {
        var module = new SimpleModule("complaints-bounded-values");
        module.addDeserializer(BigDecimal.class, new DecimalDeserializer(limits));
        module.addDeserializer(Instant.class, new InstantDeserializer(limits));
        return module;
    }

    /** The decimal, or a {@link RejectedValue} reason; shared with the query-parameter formatter. */
    static BigDecimal decimal(
            String text, JsonLimits limits, java.util.function.Function<String, RuntimeException> reject) {
        if (text.isEmpty() || text.length() > limits.maxNumberLength()) {
            throw reject.apply("must be a number of at most " + limits.maxNumberLength() + " characters");
        }
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw reject.apply("must be a number");
        }
        // precision and scale are read, not computed: no arithmetic on the untrusted value yet.
        if (value.scale() > limits.maxScale()) {
            throw reject.apply("must have at most " + limits.maxScale() + " decimal places");
        }
        if ((long) value.precision() - value.scale() > limits.maxIntegerDigits()) {
            throw reject.apply("must have at most " + limits.maxIntegerDigits() + " digits before the decimal point");
        }
        return value;
    }

    /** The instant, or a reason naming the accepted range. */
    static Instant instant(
            String text, JsonLimits limits, java.util.function.Function<String, RuntimeException> reject) {
        var rangeReason = "must be an ISO-8601 instant between " + limits.earliest() + " and " + limits.latest();
        if (text.length() > 64) {
            throw reject.apply(rangeReason);
        }
        Instant value;
        try {
            value = Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                value = OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException | ArithmeticException again) {
                throw reject.apply(rangeReason);
            }
        }
        if (!limits.inRange(value)) {
            throw reject.apply(rangeReason);
        }
        return value;
    }

    static final class DecimalDeserializer extends StdScalarDeserializer<BigDecimal> {

        private final JsonLimits limits;

        DecimalDeserializer(JsonLimits limits) {
            super(BigDecimal.class);
            this.limits = limits;
        }

        @Override
        public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) {
            var token = p.currentToken();
            if (token != JsonToken.VALUE_NUMBER_INT
                    && token != JsonToken.VALUE_NUMBER_FLOAT
                    && token != JsonToken.VALUE_STRING) {
                throw new RejectedValue(p, "must be a number");
            }
            // Amounts are accepted as JSON numbers or as numeric strings ("20.00").
            return decimal(p.getString().strip(), limits, reason -> new RejectedValue(p, reason));
        }
    }

    static final class InstantDeserializer extends StdScalarDeserializer<Instant> {

        private final JsonLimits limits;

        InstantDeserializer(JsonLimits limits) {
            super(Instant.class);
            this.limits = limits;
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw new RejectedValue(p, "must be an ISO-8601 instant string");
            }
            return instant(p.getString().strip(), limits, reason -> new RejectedValue(p, reason));
        }
    }
}
