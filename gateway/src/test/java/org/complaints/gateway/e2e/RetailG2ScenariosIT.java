package org.complaints.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * DOMAIN.md §15 scenarios 13 and 14 (SLA-G2) through the gateway on the e2e-g2 tenant: the retail
 * preset's rule as shipped but for its 30 minutes after acceptance, configured as 4 seconds. A
 * service request accepted and not contacted in time jumps straight from I to III once the customer
 * has called twice; one call, or a contact in time, leaves it at I.
 */
class RetailG2ScenariosIT {

    static final String KEY = "e2e-g2-partner-key";
    /** The tenant's SLA-G2 span (e2e-tenants.yml), standing for the preset's 30 minutes. */
    static final Duration G2 = Duration.ofSeconds(4);

    static RunningSuite suite;

    @BeforeAll
    static void start() throws Exception {
        suite = RunningSuite.get();
    }

    @Test
    @DisplayName(
            "scenario 13 / SLA-G2: a service request accepted, not contacted, with two customer calls jumps directly"
                    + " from I to III at acceptance + 30 min (4 s here), rule SLA-G2; with one call it stays at I")
    void twoCallsWithoutContactJumpToUrgent() throws Exception {
        var escalations = Metrics.sum(
                suite, "routing-service", "complaints_escalations_total", "tenant=\"e2e-g2\"", "rule=\"SLA-G2\"");
        var desk = Api.staff(suite, "g2.desk");
        var caseId = acceptedServiceRequest(desk);
        var accepted = acceptedAt(desk.get("/api/v1/cases/" + caseId).json());
        assertThat(desk.post("/api/v1/cases/" + caseId + "/urgings", Map.of("reason", "客户来电催促"))
                        .status())
                .isEqualTo(200);
        assertThat(desk.post("/api/v1/cases/" + caseId + "/urgings", Map.of("reason", "客户再次来电"))
                        .status())
                .isEqualTo(200);

        var raised = desk.await("/api/v1/cases/" + caseId, c -> "URGENT".equals(Api.text(c, "level")), Await.BOUND);
        assertThat(Api.text(raised, "levelName")).isEqualTo("III");
        var g2 = DealerScenariosIT.escalation(raised, "SLA-G2", "LEVEL_RAISE");
        assertThat(Api.text(g2, "fromLevel")).as("directly from I").isEqualTo("SERVICE_REQUEST");
        assertThat(Api.text(g2, "toLevel")).isEqualTo("URGENT");
        var due = DealerScenariosIT.due(raised, "SLA-G2");
        assertThat(due).isEqualTo(accepted.plus(G2));
        assertThat(Instant.parse(Api.text(g2, "at")))
                .as("at acceptance + 30 min")
                .isEqualTo(due);
        assertThat(raised.get("escalations").findValuesAsString("toLevel")).doesNotContain("GENERAL");
        assertThat(Metrics.sum(
                        suite,
                        "routing-service",
                        "complaints_escalations_total",
                        "tenant=\"e2e-g2\"",
                        "rule=\"SLA-G2\""))
                .isGreaterThan(escalations);

        // Variant: one call only → the rule waits (ARMED) and the ticket stays at I.
        var once = acceptedServiceRequest(desk);
        assertThat(desk.post("/api/v1/cases/" + once + "/urgings", Map.of("reason", "客户来电催促"))
                        .status())
                .isEqualTo(200);
        var waiting = desk.await(
                "/api/v1/cases/" + once,
                c -> "ARMED".equals(Api.text(DealerScenariosIT.deadline(c, "SLA-G2"), "status")),
                Await.BOUND);
        assertThat(Api.text(waiting, "level")).isEqualTo("SERVICE_REQUEST");
        assertThat(waiting.get("escalations").findValuesAsString("rule")).doesNotContain("SLA-G2");
    }

    @Test
    @DisplayName("scenario 14 / SLA-G2: a contact with a negotiation note inside 30 min (4 s here) meets the rule; two"
            + " customer calls afterwards do not escalate")
    void timelyContactPreventsEscalation() throws Exception {
        var desk = Api.staff(suite, "g2.desk");
        var caseId = acceptedServiceRequest(desk);
        var contacted = desk.post(
                "/api/v1/cases/" + caseId + "/contacts", Map.of("channel", "PHONE", "note", "已与客户协商，明天上午上门安装"));
        assertThat(contacted.status()).as(contacted.toString()).isEqualTo(200);
        var rule = DealerScenariosIT.deadline(contacted.json(), "SLA-G2");
        assertThat(Api.text(rule, "status")).isEqualTo("MET");
        for (var call : List.of("客户来电询问", "客户再次来电")) {
            assertThat(desk.post("/api/v1/cases/" + caseId + "/urgings", Map.of("reason", call))
                            .status())
                    .isEqualTo(200);
        }
        // Past the due time and a sweep: still level I, no SLA-G2 escalation.
        var due = Instant.parse(Api.text(rule, "dueAt"));
        var later = desk.await("/api/v1/cases/" + caseId, c -> Instant.now().isAfter(due.plusSeconds(2)), Await.BOUND);
        assertThat(Api.text(later, "level")).isEqualTo("SERVICE_REQUEST");
        assertThat(later.get("urgings").asInt()).isEqualTo(2);
        assertThat(later.get("escalations").findValuesAsString("rule")).doesNotContain("SLA-G2");
    }

    /** A level-I service request (installation, no dissatisfaction) accepted by the desk; its case id. */
    private static String acceptedServiceRequest(Api desk) throws Exception {
        var partner = Api.partner(suite, KEY);
        var filed = partner.with("Idempotency-Key", Complaints.key())
                .post(
                        "/api/v1/complaints",
                        Map.of(
                                "channel", "COMPANY_HOTLINE",
                                "site", "g2-store",
                                "customer",
                                        Map.of("id", "g2-" + UUID.randomUUID(), "name", "赵先生", "phone", "13700000000"),
                                "content", "空调安装预约",
                                "circumstances", List.of("SERVICE_NEED_ONLY")));
        assertThat(filed.status()).as(filed.toString()).isEqualTo(201);
        assertThat(Api.text(filed.json(), "level")).isEqualTo("I");
        var caseId = ComplaintJourneyIT.awaitRouted(partner, Api.text(filed.json(), "id"))
                .json()
                .get("routing")
                .get("caseId")
                .asText();
        var accepted = desk.post("/api/v1/cases/" + caseId + "/acceptance", Map.of());
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        return caseId;
    }

    /** When the desk accepted the ticket (the case's audit trail). */
    private static Instant acceptedAt(JsonNode kase) {
        for (var entry : kase.get("audit")) {
            if ("ACCEPT".equals(Api.text(entry, "action"))) {
                return Instant.parse(Api.text(entry, "at"));
            }
        }
        throw new AssertionError("not accepted: " + kase.get("audit"));
    }
}
