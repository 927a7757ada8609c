package org.complaints.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 through the gateway with the real services: a site supervisor's roster (LC-51, OT-30),
 * the site calendar (SLA-G2) for partners with {@code cases:read}, and a sanction (KP-05) that
 * reaches the monthly report through follow-up's call to routing's internal summary.
 */
class SiteRostersIT {

    static final List<String> EVERY_DAY =
            List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY");

    static RunningSuite suite;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = RunningSuite.get();
    }

    @Test
    @DisplayName(
            "LC-51 / OT-30 / SLA-G2: the Tianhe supervisor reads the roster, an overlapping one is 422, the desk may not replace it, another site is 404; partners read calendars with cases:read only")
    void rostersAndCalendarsThroughTheGateway() throws Exception {
        var supervisor = Api.staff(suite, "retail.supervisor.gz");
        var roster = supervisor.get("/api/v1/sites/gz-tianhe/roster");
        assertThat(roster.status()).as(roster.toString()).isEqualTo(200);
        assertThat(roster.json().get("windows").size()).isPositive();

        var overlapping = supervisor.put(
                "/api/v1/sites/gz-tianhe/roster",
                Map.of("windows", List.of(window("10:00", "14:00"), window("13:00", "22:00"))));
        assertThat(overlapping.status()).as(overlapping.toString()).isEqualTo(422);
        assertThat(overlapping.contentType()).startsWith("application/problem+json");
        var desk = Api.staff(suite, "retail.desk.gz")
                .put("/api/v1/sites/gz-tianhe/roster", Map.of("windows", List.of(window("10:00", "22:00"))));
        assertThat(desk.status()).as(desk.toString()).isEqualTo(403);
        assertThat(supervisor.get("/api/v1/sites/gz-tianhe/roster").json())
                .as("nothing changed")
                .isEqualTo(roster.json());
        assertThat(supervisor.get("/api/v1/sites/sh-xujiahui/roster").status()).isEqualTo(404);

        var calendar = Api.partner(suite, "demo-retail-ticket-key")
                .get("/api/v1/sites/gz-tianhe/calendar?from=2026-10-01&to=2026-10-07");
        assertThat(calendar.status()).as(calendar.toString()).isEqualTo(200);
        assertThat(calendar.json().get("days").findValuesAsString("date")).hasSize(7);
        calendar.json()
                .get("days")
                .forEach(d -> assertThat(d.get("majorHoliday").asBoolean())
                        .as(d.toString())
                        .isTrue());
        assertThat(Api.partner(suite, "demo-retail-east-key")
                        .get("/api/v1/sites/sh-xujiahui/calendar")
                        .status())
                .as("no cases:read scope")
                .isEqualTo(403);
    }

    @Test
    @DisplayName(
            "KP-05: a sanction the Tianhe supervisor records on a case appears per person in the month's report; a service desk may not record one")
    void sanctionReachesTheMonthlyReport() throws Exception {
        var partner = Api.partner(suite, "demo-retail-ticket-key");
        var nonce = UUID.randomUUID().toString().substring(0, 8);
        var filed = partner.with("Idempotency-Key", "sanction-" + nonce)
                .post(
                        "/api/v1/complaints",
                        Map.of(
                                "channel", "COMPANY_HOTLINE",
                                "site", "gz-tianhe",
                                "customer", Map.of("id", "sanction-" + nonce, "name", "客户", "phone", "13900000000"),
                                "category", Map.of("subjectType", "SERVICE_ATTITUDE"),
                                "content", "服务台无人接单"));
        assertThat(filed.status()).as(filed.toString()).isIn(200, 201);
        var caseId = ComplaintJourneyIT.awaitRouted(
                        partner, filed.json().get("id").asText())
                .json()
                .get("routing")
                .get("caseId")
                .asText();

        var person = "desk.e2e." + nonce;
        var sanction = Map.of(
                "person", person, "text", "服务台午餐空岗，处罚绩效50元", "amount", Map.of("amount", "50", "currency", "CNY"));
        var refused = Api.staff(suite, "retail.desk.gz").post("/api/v1/cases/" + caseId + "/sanctions", sanction);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        var supervisor = Api.staff(suite, "retail.supervisor.gz");
        var recorded = supervisor.post("/api/v1/cases/" + caseId + "/sanctions", sanction);
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);

        // A department of its own makes this report's scope new, so it is generated now.
        var month = YearMonth.now(java.time.ZoneId.of("Asia/Shanghai")).toString(); // the tenant's zone (ADR 0520)
        var report =
                supervisor.get("/api/v1/reports/monthly?month=" + month + "&site=gz-tianhe&department=e2e-" + nonce);
        assertThat(report.status()).as(report.toString()).isEqualTo(200);
        var mine = new java.util.ArrayList<tools.jackson.databind.JsonNode>();
        report.json().get("sanctions").get("byPerson").forEach(p -> {
            if (person.equals(p.get("person").asText())) {
                mine.add(p);
            }
        });
        assertThat(mine).singleElement().satisfies(p -> {
            assertThat(p.get("count").asLong()).isEqualTo(1);
            assertThat(p.get("totals").get("CNY").decimalValue()).isEqualByComparingTo("50");
        });
    }

    private static Map<String, Object> window(String start, String end) {
        return Map.of("days", EVERY_DAY, "start", start, "end", end, "acceptors", List.of("retail.desk.gz"));
    }
}
