package org.complaints.compensation.remedy;

import java.math.BigDecimal;

/**
 * Turns a number from a request into {@link Money}: digits and scale are checked on the parsed
 * value's precision and scale before any arithmetic (a 400 naming the field), then the business
 * rules (positive, the tenant's currency: 422 naming the field).
 */
final class Amounts {

    private Amounts() {}

    /** A bounded number, or a 400 naming the field. */
    static BigDecimal bounded(String field, BigDecimal value) {
        if (value == null) {
            throw Refusal.invalid(field, "is required");
        }
        var problem = Money.problemWith(value);
        if (problem != null) {
            throw Refusal.badInput(field, problem);
        }
        return value;
    }

    /** A positive amount in the expected currency. */
    static Money positive(String field, CompensationRequests.AmountInput input, String currency) {
        if (input == null || input.amount() == null) {
            throw Refusal.invalid(field, "a positive amount is required");
        }
        var amount = bounded(field + ".amount", input.amount());
        if (amount.signum() <= 0) {
            throw Refusal.invalid(field + ".amount", "must be positive");
        }
        if (!currency.equals(input.currency())) {
            throw Refusal.invalid(
                    field + ".currency",
                    "must be " + currency + ", not " + shortened(input.currency()) + " (the currency stays)");
        }
        return new Money(amount, currency);
    }

    private static String shortened(String value) {
        if (value == null) {
            return "none";
        }
        return value.length() > 8 ? value.substring(0, 8) + "…" : value;
    }
}
