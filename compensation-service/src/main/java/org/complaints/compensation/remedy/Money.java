package org.complaints.compensation.remedy;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An amount in a currency, exact to the cent (never floating point). Amounts are bounded (at most
 * {@value #MAX_INTEGER_DIGITS} integer digits and {@value #MAX_SCALE} decimal places) so that every
 * amount fits a long of cents and a Decimal128, and the bound is checked on the digits before any
 * arithmetic: {@code 1e3000000} is refused in microseconds instead of being rescaled.
 */
public record Money(BigDecimal amount, String currency) {

    public static final int MAX_INTEGER_DIGITS = 12;
    public static final int MAX_SCALE = 2;

    public Money {
        if (amount != null) {
            var problem = problemWith(amount);
            if (problem != null) {
                throw new IllegalArgumentException("amount " + problem);
            }
            amount = amount.setScale(MAX_SCALE, RoundingMode.UNNECESSARY);
        }
    }

    /**
     * Why the number is not an acceptable amount, or null when it is. Only reads precision and
     * scale (no rescaling), so hostile exponents cost nothing.
     */
    public static String problemWith(BigDecimal value) {
        var integerDigits = (long) value.precision() - value.scale();
        if (integerDigits > MAX_INTEGER_DIGITS) {
            return "has more than " + MAX_INTEGER_DIGITS + " integer digits";
        }
        if (value.scale() > MAX_SCALE) {
            // precision is bounded here (integer digits <= 12), so stripping is cheap unless the
            // scale itself is huge; a scale beyond any real cent count is refused outright
            if (value.scale() > 64 || value.stripTrailingZeros().scale() > MAX_SCALE) {
                return "has more than " + MAX_SCALE + " decimal places";
            }
        }
        return null;
    }

    /** Whole cents, for atomic arithmetic in the store. */
    public long minor() {
        return amount.movePointRight(2).longValueExact();
    }

    public static Money ofMinor(long minor, String currency) {
        return new Money(BigDecimal.valueOf(minor, 2), currency);
    }
}
