package org.complaints.routing.sanctions;

import java.math.BigDecimal;

/**
 * {@code POST /cases/{id}/sanctions}: the staff member sanctioned ({@code person}, a user id), the
 * measure ({@code text}) and, for a fine, the {@code amount}.
 */
public record SanctionRequest(String person, String text, Amount amount) {

    public record Amount(BigDecimal amount, String currency) {}
}
