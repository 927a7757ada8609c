package org.complaints.compensation.compensation;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** An amount in a currency, exact to the cent (never floating point). */
public record Money(BigDecimal amount, String currency) {

    public Money {
        if (amount != null) {
            amount = amount.setScale(2, RoundingMode.UNNECESSARY);
        }
    }

    /** Whole cents, for atomic arithmetic in the store. */
    public long minor() {
        return amount.movePointRight(2).longValueExact();
    }

    public static Money ofMinor(long minor, String currency) {
        return new Money(BigDecimal.valueOf(minor, 2), currency);
    }
}
