package org.complaints.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 6 / LC-11 / KP-01: a seeded month of complaints across two sites, two regions and four
 * departments, filed through the gateway, and the monthly report's counts checked exactly, for the
 * tenant and scoped to a region and a department.
 */
class MonthlyReportIT {

    static final List<String> CHANNELS = List.of("COMPANY_HOTLINE", "WEBSITE", "APP");
    static final Map<String, String> DEPARTMENT_OF = Map.of(
            "TRANSPORT_DELIVERY",
            "logistics",
            "INVOICE_PAYMENT",
            "finance",
            "PRODUCT_QUALITY",
            "manufacturer",
            "STOCK_AVAILABILITY",
            "purchasing");
    static final List<String> SUBJECTS =
            List.of("TRANSPORT_DELIVERY", "INVOICE_PAYMENT", "PRODUCT_QUALITY", "STOCK_AVAILABILITY");
    static final int COMPLAINTS = 120;

    static RunningSuite suite;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = RunningSuite.get();
    }

    @Test
    @DisplayName(
            "the monthly report of a seeded month matches the filed complaints exactly, tenant-wide and per region and department")
    void reportCountsMatchTheSeededMonth() throws Exception {
        var partner = Api.partner(suite, RunningSuite.REPORT_KEY);
        var byChannel = new HashMap<String, Integer>();
        var byLevel = new HashMap<String, Integer>();
        var byDepartment = new HashMap<String, Integer>();
        var eastByDepartment = new HashMap<String, Integer>();
        var ids = new ArrayList<String>();
        for (var i = 0; i < COMPLAINTS; i++) {
            var east = i % 2 == 0;
            var channel = CHANNELS.get(i % 3);
            var subject = SUBJECTS.get(i % 4);
            var urgent = i % 5 == 0;
            var body = new HashMap<String, Object>(Map.of(
                    "channel",
                    channel,
                    "site",
                    east ? "report-east" : "report-south",
                    "customer",
                    Map.of("id", "report-" + i, "name", "客户" + i, "phone", "1390000" + String.format("%04d", i)),
                    "category",
                    Map.of("subjectType", subject),
                    "content",
                    "fixture complaint " + i));
            if (urgent) {
                body.put(
                        "demand", Map.of("kind", "COMPENSATION", "amount", Map.of("amount", "100", "currency", "CNY")));
            }
            var filed = partner.with("Idempotency-Key", "report-fixture-" + i).post("/api/v1/complaints", body);
            assertThat(filed.status()).as(filed.toString()).isIn(200, 201);
            ids.add(filed.json().get("id").asText());
            byChannel.merge(channel, 1, Integer::sum);
            byLevel.merge(urgent ? "URGENT" : "GENERAL", 1, Integer::sum);
            byDepartment.merge(DEPARTMENT_OF.get(subject), 1, Integer::sum);
            if (east) {
                eastByDepartment.merge(DEPARTMENT_OF.get(subject), 1, Integer::sum);
            }
        }
        for (var id : ids) {
            ComplaintJourneyIT.awaitRouted(partner, id);
        }

        // ADR 0520: months are counted in the tenant's zone (its sites are in Shanghai)
        var month = YearMonth.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        var report = partner.get("/api/v1/reports/monthly?month=" + month);
        assertThat(report.status()).as(report.toString()).isEqualTo(200);
        var json = report.json();
        assertThat(json.get("complaints").get("total").asInt()).isEqualTo(COMPLAINTS);
        byChannel.forEach((channel, n) -> assertThat(
                        json.get("complaints").get("byChannel").get(channel).asInt())
                .as(channel)
                .isEqualTo(n));
        byLevel.forEach((level, n) -> assertThat(
                        json.get("complaints").get("byLevel").get(level).asInt())
                .as(level)
                .isEqualTo(n));
        assertThat(json.get("cases").get("total").asInt()).isEqualTo(COMPLAINTS);
        byDepartment.forEach((dept, n) -> assertThat(
                        json.get("cases").get("byDepartment").get(dept).asInt())
                .as(dept)
                .isEqualTo(n));

        var east = partner.get("/api/v1/reports/monthly?month=" + month + "&region=east")
                .json();
        assertThat(east.get("complaints").get("total").asInt()).isEqualTo(COMPLAINTS / 2);
        eastByDepartment.forEach((dept, n) -> assertThat(
                        east.get("cases").get("byDepartment").get(dept).asInt())
                .as("east " + dept)
                .isEqualTo(n));

        var logistics = partner.get("/api/v1/reports/monthly?month=" + month + "&department=logistics")
                .json();
        assertThat(logistics.get("cases").get("total").asInt()).isEqualTo(byDepartment.get("logistics"));

        var csv = partner.get("/api/v1/reports/monthly?month=" + month + "&format=csv");
        assertThat(csv.body()).contains("complaints.total," + COMPLAINTS);
    }
}
