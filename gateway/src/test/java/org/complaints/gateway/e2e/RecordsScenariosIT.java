package org.complaints.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaints.gateway.e2e.Await.text;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 15, records and reports through the gateway on the dealer tenant {@code e2e-records}
 * (e2e-tenants.yml: two sites, months in Asia/Shanghai, retention cut to 20 s): DOMAIN §15
 * scenarios 10 (the monthly report), 11 (retention), 21 (dual-track follow-up) and 9 (rework
 * follow-up).
 */
class RecordsScenariosIT {

    static final String TENANT = "e2e-records";
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    static RunningSuite suite;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = RunningSuite.get();
    }

    @Test
    @DisplayName(
            "scenario 10 / LC-11 / KP-01 / KP-07: the scheduler freezes the month before per dealer site with review tasks to 服务总监 and 总经理, who sign it off; the running month's report counts the filed cases by channel, severity and responsible person with SLA, escalations, satisfaction and CAPA; a future month is 422")
    void monthlyReport() throws Exception {
        var director = Api.staff(suite, "records.director");
        var gm = Api.staff(suite, "records.gm");
        var thisMonth = YearMonth.now(ZONE);
        var before = thisMonth.minusMonths(1);

        // the scheduler's run for the month before (LC-11: on the 1st, in the tenant's zone)
        var frozen = Await.until(
                director,
                "/api/v1/reports/monthly?month=" + before + "&site=rec-north",
                r -> "FINAL".equals(text(r, "status")));
        assertThat(frozen.get("version").asInt()).isEqualTo(1);
        assertThat(text(frozen, "generatedBy")).isEqualTo("SCHEDULER");
        assertThat(text(frozen, "author")).isEqualTo("customer-care-department");
        assertThat(frozen.get("scope").get("region").asText()).isEqualTo("north");
        assertThat(frozen.get("reviews").findValuesAsString("role"))
                .containsExactly("service-director", "general-manager");
        for (var reviewer : java.util.List.of(director, gm)) {
            var task = Await.item(
                    reviewer,
                    "/api/v1/notifications?limit=200",
                    n -> "REPORT_REVIEW".equals(text(n, "kind")) && "rec-north".equals(text(n, "site")));
            assertThat(text(task, "text")).contains(before.toString());
        }
        var signed = director.post("/api/v1/reports/monthly/sign-offs?month=" + before + "&site=rec-north", Map.of());
        assertThat(signed.status()).as(signed.toString()).isEqualTo(200);
        assertThat(signed.json().get("reviews").get(0).get("status").asText()).isEqualTo("SIGNED_OFF");
        var tech = Api.staff(suite, "records.tech");
        var notReviewer = tech.post("/api/v1/reports/monthly/sign-offs?month=" + before + "&site=rec-north", Map.of());
        assertThat(notReviewer.status()).isEqualTo(403);

        // this month's cases, handled, then counted from the data (not echoed)
        var walkIns = new java.util.ArrayList<String>();
        for (var i = 0; i < 2; i++) {
            walkIns.add(file(director, "WALK_IN", "TECHNICAL", "发动机异响 " + i));
        }
        var reception = file(director, "SERVICE_ADVISOR_RECEPTION", "SERVICE", "保养等待时间过长");
        for (var caseId : walkIns) {
            accept(director, caseId);
            respond(tech, caseId);
            resolve(tech, caseId, "Loose heat shield found at inspection", false);
        }
        var survey = Await.until(
                director,
                "/api/v1/follow-ups?caseId=" + walkIns.getFirst(),
                list -> list.size() == 1 && "PLANNED".equals(text(list.get(0), "status")));
        var care = Api.staff(suite, "records.care");
        var outcome = care.post(
                "/api/v1/follow-ups/" + text(survey.get(0), "followUpId") + "/outcome",
                Map.of(
                        "satisfaction",
                        5,
                        "resolved",
                        true,
                        "valuableFeedback",
                        "Heat shield clips break easily; suggest a metal clip"));
        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(200);

        var report = Await.until(
                director,
                "/api/v1/reports/monthly?month=" + thisMonth + "&site=rec-east",
                r -> r.get("cases").get("total").asInt() == 3
                        && r.get("followUps").get("satisfied").asInt() == 1);
        assertThat(text(report, "status")).isEqualTo("PROVISIONAL");
        assertThat(report.get("complaints").get("byChannel").get("WALK_IN").asInt())
                .isEqualTo(2);
        assertThat(report.get("complaints")
                        .get("byChannel")
                        .get("SERVICE_ADVISOR_RECEPTION")
                        .asInt())
                .isEqualTo(1);
        assertThat(report.get("cases").get("byLevel").get("GENERAL").asInt()).isEqualTo(3);
        var zhang = report.get("responsiblePersons").get("张诚");
        assertThat(zhang.get("cases").asInt()).as("TECHNICAL → 张诚").isEqualTo(2);
        assertThat(zhang.get("satisfaction").get("satisfied").asInt()).isEqualTo(1);
        assertThat(report.get("responsiblePersons").get("钱城").get("cases").asInt())
                .isEqualTo(1);
        var met = 0;
        var breached = 0;
        for (var clock : report.get("cases").get("slaCompliance")) {
            met += clock.get("met").asInt();
            breached += clock.get("breached").asInt();
        }
        assertThat(met).as("the handled cases' clocks").isGreaterThanOrEqualTo(2);
        assertThat(breached).isZero();
        assertThat(report.get("cases").get("escalations").asInt()).isZero();
        assertThat(report.get("cases").get("capa").get("open").asInt())
                .as("resolved, not yet closed")
                .isEqualTo(2);
        assertThat(report.get("followUps").get("satisfactionRate").asDouble()).isEqualTo(1.0);
        assertThat(report.get("valuableFeedback").get("items").findValuesAsString("text"))
                .containsExactly("Heat shield clips break easily; suggest a metal clip");
        assertThat(report.get("rootCauses").findValuesAsString("trend")).containsOnly("NEW");
        assertThat(reception).isNotBlank();

        var future = director.get("/api/v1/reports/monthly?month=" + thisMonth.plusMonths(1));
        assertThat(future.status()).isEqualTo(422);
        assertThat(future.contentType()).startsWith("application/problem+json");
    }

    // --- helpers

    /** Files a complaint as the service director (LC-03 recorder) and returns its case id once routed. */
    static String file(Api recorder, String channel, String domain, String content) throws Exception {
        var body = Complaints.with(
                Complaints.with(Complaints.walkIn("rec-east", content), "channel", channel),
                "category",
                Map.of("subjectType", "PRODUCT_QUALITY", "responsibleDomain", domain));
        var filed = recorder.with("Idempotency-Key", Complaints.key()).post("/api/v1/complaints", body);
        assertThat(filed.status()).as(filed.toString()).isEqualTo(201);
        return ComplaintJourneyIT.awaitRouted(recorder, filed.json().get("id").asText())
                .json()
                .get("routing")
                .get("caseId")
                .asText();
    }

    static void accept(Api director, String caseId) throws Exception {
        var accepted = director.post("/api/v1/cases/" + caseId + "/acceptance", Map.of());
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
    }

    static void respond(Api handler, String caseId) throws Exception {
        var contact = handler.post(
                "/api/v1/cases/" + caseId + "/contacts",
                Map.of("channel", "PHONE", "note", "called the customer back"));
        assertThat(contact.status()).as(contact.toString()).isEqualTo(200);
    }

    static JsonNode resolve(Api handler, String caseId, String rootCause, boolean rework) throws Exception {
        var resolved = handler.post(
                "/api/v1/cases/" + caseId + "/resolution",
                Map.of(
                        "resolution",
                        Map.of(
                                "rootCause",
                                rootCause,
                                "defectCorrection",
                                "Part refitted",
                                "rework",
                                rework,
                                "longTermMeasure",
                                Map.of(
                                        "action",
                                        "Heat-shield clip torque added to the 10,000 km inspection sheet",
                                        "owner",
                                        "张诚",
                                        "dueDate",
                                        "2027-06-30"))));
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
        return resolved.json();
    }

    static Instant instant(JsonNode node, String field) {
        return Instant.parse(text(node, field));
    }
}
