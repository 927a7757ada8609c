package org.complaints.compensation.remedy;

import java.util.Arrays;

/** The remedy forms of DOMAIN.md §7.2; some carry an amount, some do not. */
public enum RemedyKind {
    REFUND(true),
    EXCHANGE(true),
    REPAIR(true),
    MONETARY_COMPENSATION(true),
    DISCOUNT(true),
    GIFT(true),
    VOUCHER(true),
    LOYALTY_POINTS(true),
    COMPANY_BEARS_EXTRA_COST(true),
    LOAN_SUBSTITUTE(true),
    APOLOGY(false);

    private final boolean hasAmount;

    RemedyKind(boolean hasAmount) {
        this.hasAmount = hasAmount;
    }

    public boolean hasAmount() {
        return hasAmount;
    }

    static boolean known(String value) {
        return Arrays.stream(values()).anyMatch(k -> k.name().equals(value));
    }
}
