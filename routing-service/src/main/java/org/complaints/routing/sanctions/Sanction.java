package org.complaints.routing.sanctions;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A penalty (惩罚结果) a supervisor records against a staff member on a case (KP-05; LC-51's 50-yuan
 * fine for an unstaffed desk): who, what, how much (in hundredths of the currency, so the month's
 * totals are summed exactly by the store), by whom and when. Written once, never changed.
 */
@Document("sanctions")
@CompoundIndex(name = "case", def = "{'tenant': 1, 'caseId': 1, 'at': 1}")
@CompoundIndex(name = "month", def = "{'tenant': 1, 'at': 1}")
public class Sanction {

    @Id
    String id;

    String tenant;
    String region;
    String site;
    String caseId;
    String person;
    String text;
    Long amountMinor;
    String currency;
    String recordedBy;
    Instant at;

    Sanction() {}

    Sanction(
            String id,
            String tenant,
            String region,
            String site,
            String caseId,
            String person,
            String text,
            Long amountMinor,
            String currency,
            String recordedBy,
            Instant at) {
        this.id = id;
        this.tenant = tenant;
        this.region = region;
        this.site = site;
        this.caseId = caseId;
        this.person = person;
        this.text = text;
        this.amountMinor = amountMinor;
        this.currency = currency;
        this.recordedBy = recordedBy;
        this.at = at;
    }

    /** Whether a replay of the same idempotency key asks for the same sanction. */
    boolean sameAs(Sanction other) {
        return java.util.Objects.equals(caseId, other.caseId)
                && java.util.Objects.equals(person, other.person)
                && java.util.Objects.equals(text, other.text)
                && java.util.Objects.equals(amountMinor, other.amountMinor)
                && java.util.Objects.equals(currency, other.currency);
    }
}
