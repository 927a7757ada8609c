package org.complaints.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** DOMAIN.md §15 intake scenarios through the gateway with the demo tenants and sample credentials. */
class IntakeScenariosIT {

    static RunningSuite suite;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = RunningSuite.get();
    }

    @Test
    @DisplayName(
            "scenario 15 / §4.1(b): compensation → III, staff damage → IV, court → V external, installation → I, two calls in an hour → III")
    void retailIntakeLevels() throws Exception {
        assertThat(level(retail(Map.of(
                        "demand",
                        Map.of("kind", "COMPENSATION", "amount", Map.of("amount", "300", "currency", "CNY"))))))
                .isEqualTo("III");
        assertThat(level(retail(Map.of("circumstances", List.of("PROPERTY_DAMAGE")))))
                .isEqualTo("IV");
        var court = retail(Map.of("channel", "COURT"));
        assertThat(court.json().get("level").asText()).isEqualTo("V");
        assertThat(court.json().get("external").asBoolean()).isTrue();
        assertThat(level(retail(Map.of("circumstances", List.of("SERVICE_NEED_ONLY")))))
                .isEqualTo("I");
        assertThat(level(retail(Map.of("urgingCallsWithinHour", 2)))).isEqualTo("III");
    }

    @Test
    @DisplayName("scenario 16 / RT-04: the responsibility category routes to its department")
    void responsibilityCategoryPicksTheDepartment() throws Exception {
        var partner = Api.partner(suite, "demo-retail-ticket-key");
        var filed =
                retail(Map.of("category", Map.of("subjectType", "INVOICE_PAYMENT", "responsibilityCategory", "财务")));
        var routed =
                ComplaintJourneyIT.awaitRouted(partner, filed.json().get("id").asText());
        assertThat(routed.json().get("routing").get("department").asText()).isEqualTo("finance");
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

    private static String level(Api.Answer answer) {
        return answer.json().get("level").asText();
    }
}
