package org.complaints.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * DOMAIN.md §15 intake scenarios through the gateway with the demo tenants and sample credentials
 * (scenarios 15 and 16 are in {@link RemedyScenariosIT}).
 */
class IntakeScenariosIT {

    static RunningSuite suite;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = RunningSuite.get();
    }

    @Test
    @DisplayName("scenario 11 / LC-12: retention runs two years from filing")
    void retentionIsTwoYears() throws Exception {
        var filed = retail(Map.of()).json();
        var created = Instant.parse(filed.get("createdAt").asText());
        assertThat(Instant.parse(filed.get("retentionUntil").asText()))
                .isEqualTo(created.atZone(ZoneOffset.UTC).plusYears(2).toInstant());
    }

    private static Api.Answer retail(Map<String, Object> changes) throws Exception {
        var body = new java.util.LinkedHashMap<String, Object>(Map.of(
                "channel", "COMPANY_HOTLINE",
                "site", "sh-xujiahui",
                "customer", Map.of("id", "c-" + System.nanoTime(), "name", "李女士", "phone", "13900000000"),
                "content", "冰箱送货延误"));
        body.putAll(changes);
        var answer = Api.partner(suite, "demo-retail-ticket-key")
                .with("Idempotency-Key", Complaints.key())
                .post("/api/v1/complaints", body);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return answer;
    }
}
