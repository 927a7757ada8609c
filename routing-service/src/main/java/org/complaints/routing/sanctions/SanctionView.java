package org.complaints.routing.sanctions;

import java.math.BigDecimal;
import java.time.Instant;

/** A sanction as the API shows it. */
public record SanctionView(
        String id,
        String caseId,
        String region,
        String site,
        String person,
        String text,
        SanctionRequest.Amount amount,
        String recordedBy,
        Instant at) {

    static SanctionView of(Sanction s) {
        return new SanctionView(
                s.id,
                s.caseId,
                s.region,
                s.site,
                s.person,
                s.text,
                s.amountMinor == null
                        ? null
                        : new SanctionRequest.Amount(BigDecimal.valueOf(s.amountMinor, 2), s.currency),
                s.recordedBy,
                s.at);
    }
}
