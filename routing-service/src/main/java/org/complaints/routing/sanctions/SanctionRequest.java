package org.complaints.routing.sanctions;

import java.math.BigDecimal;

/**
 * {@code POST /cases/{id}/sanctions}: the staff member sanctioned ({@code person}, a user id), the
 * measure ({@code text}) and, for a fine, the {@code amount}.
 */
@io.swagger.v3.oas.annotations.media.Schema(name = "RecordSanctionRequest")
public record SanctionRequest(String person, String text, Amount amount) {

    @io.swagger.v3.oas.annotations.media.Schema(name = "SanctionAmount")
    public record Amount(BigDecimal amount, String currency) {}
}
