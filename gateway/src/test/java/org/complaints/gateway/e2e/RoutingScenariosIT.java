package org.complaints.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** DOMAIN.md §15 routing scenarios through the gateway, durations shortened by tenant configuration. */
class RoutingScenariosIT {

    static RunningSuite suite;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = RunningSuite.get();
    }

    @Test
    @DisplayName(
            "scenario 12 / SLA-G3: an unaccepted level-I ticket climbs II → III → IV and stops (60 min configured as 3 s)")
    void unacceptedTicketClimbsToMajorAndStops() throws Exception {
        var partner = Api.partner(suite, RunningSuite.E2E_RETAIL_KEY);
        var body = Map.of(
                "channel", "COMPANY_HOTLINE",
                "site", "e2e-store",
                "customer", Map.of("id", "c-" + System.nanoTime(), "name", "赵先生", "phone", "13700000000"),
                "content", "空调安装预约",
                "circumstances", List.of("SERVICE_NEED_ONLY"));
        var filed = partner.with("Idempotency-Key", Complaints.key()).post("/api/v1/complaints", body);
        assertThat(filed.status()).as(filed.toString()).isEqualTo(201);
        assertThat(filed.json().get("level").asText()).isEqualTo("I");
        var complaintId = filed.json().get("id").asText();

        var kase =
                awaitCase(partner, complaintId, c -> c.get("level").asText().equals("MAJOR"), Duration.ofSeconds(40));
        assertThat(kase.get("levelName").asText()).isEqualTo("IV");
        assertThat(kase.get("escalations").findValuesAsString("toLevel"))
                .containsSubsequence("GENERAL", "URGENT", "MAJOR");

        Thread.sleep(5_000);
        var later = awaitCase(partner, complaintId, c -> true, Duration.ofSeconds(5));
        assertThat(later.get("level").asText()).as("V only by channel").isEqualTo("MAJOR");
    }

    @Test
    @DisplayName("scenario 7 / LC-07: the responsible person may not close (403); the service director closes")
    void onlyTheServiceDirectorClosesThroughTheGateway() throws Exception {
        var partner = Api.partner(suite, "demo-dealer-crm-key");
        var filed = partner.with("Idempotency-Key", Complaints.key())
                .post("/api/v1/complaints", Complaints.walkIn("sh-minhang", "刹车异响"));
        var caseId = ComplaintJourneyIT.awaitRouted(
                        partner, filed.json().get("id").asText())
                .json()
                .get("routing")
                .get("caseId")
                .asText();
        var director = Api.staff(suite, "dealer.director");
        var tech = Api.staff(suite, "dealer.tech");

        assertThat(director.post("/api/v1/cases/" + caseId + "/acceptance", Map.of())
                        .status())
                .isEqualTo(200);
        assertThat(tech.post("/api/v1/cases/" + caseId + "/contacts", Map.of("channel", "PHONE", "note", "called back"))
                        .status())
                .isEqualTo(200);
        var vague = tech.post("/api/v1/cases/" + caseId + "/resolution", resolution("加强培训"));
        assertThat(vague.status()).as("LC-10").isEqualTo(422);
        var resolved = tech.post(
                "/api/v1/cases/" + caseId + "/resolution",
                resolution("Brake pads replaced with OEM part; parts check added to intake form, owner 沈瑜"));
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);

        var denied = tech.post("/api/v1/cases/" + caseId + "/closure", Map.of());
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.contentType()).startsWith("application/problem+json");
        var closed = director.post("/api/v1/cases/" + caseId + "/closure", Map.of("reason", "customer satisfied"));
        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.json().get("state").asText()).isEqualTo("CLOSED");
    }

    private static Map<String, Object> resolution(String measure) {
        return Map.of(
                "resolution",
                Map.of(
                        "rootCause", "Worn pads not caught at inspection",
                        "defectCorrection", "Pads replaced",
                        "longTermMeasure", Map.of("action", measure, "owner", "沈瑜", "dueDate", "2026-12-31")));
    }

    private static JsonNode awaitCase(Api api, String complaintId, Predicate<JsonNode> done, Duration timeout)
            throws Exception {
        var deadline = Instant.now().plus(timeout);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            var answer = api.get("/api/v1/cases?complaintId=" + complaintId);
            if (answer.status() == 200 && !answer.json().get("items").isEmpty()) {
                last = answer.json().get("items").get(0);
                if (done.test(last)) {
                    return last;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("case of " + complaintId + " did not reach the expected state: " + last);
    }
}
