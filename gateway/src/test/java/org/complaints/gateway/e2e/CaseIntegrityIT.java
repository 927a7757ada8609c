package org.complaints.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 10 across services, through the gateway: the clocks count from when the customer
 * complained, the complaint mirrors its case, compensation refuses what routing would refuse, and
 * a reopened case finishes its second round (scenario 21, {@link FollowupScenariosIT}).
 */
class CaseIntegrityIT {

    static RunningSuite suite;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = RunningSuite.get();
    }

    @Test
    @DisplayName(
            "receivedAt two hours ago: the complaint keeps it and the case's clocks count from it (SLA-G3 at +3 s)")
    void clocksCountFromReceipt() throws Exception {
        var partner = Api.partner(suite, RunningSuite.E2E_RETAIL_KEY);
        var receivedAt = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        var body = Map.of(
                "channel",
                "COMPANY_HOTLINE",
                "site",
                "e2e-store",
                "customer",
                Map.of("id", "c-" + System.nanoTime(), "name", "钱先生", "phone", "13700000001"),
                "content",
                "热水器安装预约两次未上门",
                "circumstances",
                List.of("SERVICE_NEED_ONLY"),
                "receivedAt",
                receivedAt.toString());
        var filed = partner.with("Idempotency-Key", Complaints.key()).post("/api/v1/complaints", body);
        assertThat(filed.status()).as(filed.toString()).isEqualTo(201);
        assertThat(Instant.parse(filed.json().get("receivedAt").asText())).isEqualTo(receivedAt);
        assertThat(Instant.parse(filed.json().get("recordedAt").asText())).isAfter(receivedAt.plusSeconds(7000));

        var kase = caseOf(partner, filed.json().get("id").asText());
        assertThat(Instant.parse(kase.get("receivedAt").asText())).isEqualTo(receivedAt);
        var firstRaise = dueTimes(kase, "SLA-G3").getFirst();
        assertThat(firstRaise).isEqualTo(receivedAt.plusSeconds(3));
    }

    @Test
    @DisplayName("a case closed before its clocks fall due stays unchanged through three sweeps past every due time")
    void closedCaseStaysUnchangedThroughSweeps() throws Exception {
        var partner = Api.partner(suite, RunningSuite.E2E_RETAIL_KEY);
        // Received a little ahead of our clock (within the allowed skew), so SLA-G3 (+3 s) falls due
        // only after the case has been closed.
        var receivedAt = Instant.now().plus(Duration.ofSeconds(30)).truncatedTo(ChronoUnit.SECONDS);
        var filed = partner.with("Idempotency-Key", Complaints.key())
                .post(
                        "/api/v1/complaints",
                        Map.of(
                                "channel",
                                "COMPANY_HOTLINE",
                                "site",
                                "e2e-store",
                                "customer",
                                Map.of("id", "c-" + System.nanoTime(), "name", "周女士", "phone", "13700000003"),
                                "content",
                                "门店不接受以旧换新券",
                                "circumstances",
                                List.of("SERVICE_NEED_ONLY"),
                                "receivedAt",
                                receivedAt.toString()));
        assertThat(filed.status()).as(filed.toString()).isEqualTo(201);
        var complaintId = filed.json().get("id").asText();
        var caseId = caseOf(partner, complaintId).get("caseId").asText();

        var supervisor = Api.staff(suite, "e2e.supervisor");
        var decided = supervisor.post(
                "/api/v1/complaints/" + complaintId + "/validity",
                Map.of("valid", false, "reason", "voucher terms exclude this product", "reply", "explained terms"));
        assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
        var closed = await(partner, "/api/v1/cases/" + caseId, c -> "CLOSED_NOT_ESTABLISHED".equals(text(c, "state")));
        var lastDue = dueTimes(closed, "SLA-G3").getLast();
        assertThat(Instant.now()).as("closed before SLA-G3 fell due").isBefore(lastDue);
        assertThat(closed.get("deadlines"))
                .as("no clock left pending")
                .allSatisfy(d -> assertThat(text(d, "status")).isNotEqualTo("PENDING"));

        // Sweeps run every second here: wait for three of them past the last original due time.
        Thread.sleep(Duration.between(Instant.now(), lastDue.plusSeconds(4)).toMillis());

        var after = partner.get("/api/v1/cases/" + caseId).json();
        for (var field : List.of("state", "level", "sequence", "version", "deadlines", "escalations", "tasks")) {
            assertThat(after.get(field)).as(field).isEqualTo(closed.get(field));
        }
        assertThat(after.get("escalations")).isEmpty();
        var complaint = partner.get("/api/v1/complaints/" + complaintId).json();
        assertThat(text(complaint, "caseState")).isEqualTo("CLOSED_NOT_ESTABLISHED");
        assertThat(text(complaint, "canonicalLevel")).isEqualTo(text(closed, "level"));
    }

    @Test
    @DisplayName(
            "RT-06 / SLA-X2: the third complaint on one product forms an incident that raises and re-plans all three cases, each with its legal report")
    void groupIncidentReplansEveryCase() throws Exception {
        var partner = Api.partner(suite, "demo-generic-hotline-key");
        var sku = "SKU-" + System.nanoTime();
        var complaintIds = new java.util.ArrayList<String>();
        var caseIds = new java.util.ArrayList<String>();
        for (var i = 0; i < 3; i++) {
            var filed = partner.with("Idempotency-Key", Complaints.key())
                    .post(
                            "/api/v1/complaints",
                            Map.of(
                                    "channel",
                                    "PHONE",
                                    "site",
                                    "cd-counter-1",
                                    "customer",
                                    Map.of("id", "c-" + System.nanoTime(), "name", "客户" + i, "phone", "1360000001" + i),
                                    "content",
                                    "同一批次电水壶底座漏电 " + i,
                                    "product",
                                    Map.of("sku", sku, "name", "电水壶"),
                                    "demand",
                                    Map.of("kind", "REFUND", "text", "要求退货")));
            assertThat(filed.status()).as(filed.toString()).isEqualTo(201);
            complaintIds.add(filed.json().get("id").asText());
            caseIds.add(caseOf(partner, complaintIds.getLast()).get("caseId").asText());
        }

        String incident = null;
        for (var caseId : caseIds) {
            var raised = await(partner, "/api/v1/cases/" + caseId, c -> "MAJOR".equals(text(c, "level")));
            incident = incident == null ? text(raised, "incidentId") : incident;
            assertThat(text(raised, "incidentId"))
                    .as("one incident")
                    .isNotNull()
                    .isEqualTo(incident);
            assertThat(raised.get("tasks"))
                    .as("SLA-X2 legal report of " + caseId)
                    .anySatisfy(t -> assertThat(text(t, "rule")).isEqualTo("SLA-X2"));
            var pending = new java.util.HashSet<String>();
            raised.get("deadlines").forEach(d -> {
                if ("PENDING".equals(text(d, "status"))) {
                    pending.add(text(d, "rule"));
                }
            });
            assertThat(pending)
                    .as("clocks re-planned for MAJOR")
                    .contains("SLA-B3")
                    .doesNotContain("SLA-B1");
        }
        for (var complaintId : complaintIds) {
            var mirrored =
                    await(partner, "/api/v1/complaints/" + complaintId, c -> "MAJOR".equals(text(c, "canonicalLevel")));
            assertThat(text(mirrored, "incidentId")).isEqualTo(incident);
        }
    }

    @Test
    @DisplayName(
            "the complaint mirrors its case: ACCEPTED after acceptance, CLOSED after closure (status and caseState)")
    void complaintMirrorsItsCase() throws Exception {
        var partner = Api.partner(suite, "demo-dealer-crm-key");
        var filed = partner.with("Idempotency-Key", Complaints.key())
                .post("/api/v1/complaints", Complaints.walkIn("sh-minhang", "保养后仪表盘报警"));
        assertThat(filed.status()).as(filed.toString()).isEqualTo(201);
        var complaintId = filed.json().get("id").asText();
        var caseId = ComplaintJourneyIT.awaitRouted(partner, complaintId)
                .json()
                .get("routing")
                .get("caseId")
                .asText();
        var director = Api.staff(suite, "dealer.director");
        var tech = Api.staff(suite, "dealer.tech");

        assertThat(director.post("/api/v1/cases/" + caseId + "/acceptance", Map.of())
                        .status())
                .isEqualTo(200);
        await(partner, "/api/v1/complaints/" + complaintId, c -> "ACCEPTED".equals(text(c, "caseState")));

        assertThat(tech.post("/api/v1/cases/" + caseId + "/contacts", Map.of("channel", "PHONE", "note", "called"))
                        .status())
                .isEqualTo(200);
        var resolved = tech.post(
                "/api/v1/cases/" + caseId + "/resolution",
                Map.of(
                        "resolution",
                        Map.of(
                                "rootCause", "Sensor connector not reseated after service",
                                "defectCorrection", "Connector reseated and fault code cleared",
                                "longTermMeasure",
                                        Map.of(
                                                "action",
                                                "Connector check added to the service checklist, signed by the technician",
                                                "owner",
                                                "沈瑜",
                                                "dueDate",
                                                "2026-12-31"))));
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
        var closed = director.post("/api/v1/cases/" + caseId + "/closure", Map.of("reason", "customer satisfied"));
        assertThat(closed.status()).as(closed.toString()).isEqualTo(200);

        var mirrored = await(partner, "/api/v1/complaints/" + complaintId, c -> "CLOSED".equals(text(c, "caseState")));
        assertThat(mirrored.get("status").asText()).isEqualTo("CLOSED");
    }

    @Test
    @DisplayName("compensation proposed in a state routing refuses → 409 naming the state; nothing is parked")
    void compensationRefusesWhatRoutingRefuses() throws Exception {
        var partner = Api.partner(suite, "demo-generic-hotline-key");
        var filed = partner.with("Idempotency-Key", Complaints.key())
                .post(
                        "/api/v1/complaints",
                        Map.of(
                                "channel", "PHONE",
                                "site", "cd-counter-1",
                                "customer",
                                        Map.of("id", "c-" + System.nanoTime(), "name", "孙女士", "phone", "13600000002"),
                                "content", "柜台人员态度冷漠",
                                "demand", Map.of("kind", "APOLOGY", "text", "要求道歉")));
        assertThat(filed.status()).as(filed.toString()).isEqualTo(201);
        var caseId = ComplaintJourneyIT.awaitRouted(
                        partner, filed.json().get("id").asText())
                .json()
                .get("routing")
                .get("caseId")
                .asText();
        var agent = Api.staff(suite, "generic.agent");
        var state = agent.get("/api/v1/cases/" + caseId).json().get("state").asText();

        var proposed = agent.post(
                "/api/v1/compensations",
                Map.of(
                        "caseId",
                        caseId,
                        "options",
                        List.of(Map.of("kind", "VOUCHER", "amount", Map.of("amount", "50", "currency", "CNY")))));
        assertThat(proposed.status()).as(proposed.toString()).isEqualTo(409);
        assertThat(proposed.contentType()).startsWith("application/problem+json");
        assertThat(proposed.json().get("detail").asText()).contains(state);
        assertThat(agent.get("/api/v1/compensations?caseId=" + caseId).json().size())
                .as("nothing stored")
                .isZero();

        var parked = Api.staff(suite, "generic.gm").get("/api/v1/operations/compensation/relay/parked");
        assertThat(parked.status()).as(parked.toString()).isEqualTo(200);
        assertThat(parked.body()).doesNotContain(caseId);
    }

    private static JsonNode caseOf(Api api, String complaintId) throws Exception {
        var caseId = ComplaintJourneyIT.awaitRouted(api, complaintId)
                .json()
                .get("routing")
                .get("caseId")
                .asText();
        return await(api, "/api/v1/cases/" + caseId, c -> true);
    }

    private static List<Instant> dueTimes(JsonNode kase, String rule) {
        var times = new java.util.ArrayList<Instant>();
        for (var deadline : kase.get("deadlines")) {
            if (rule.equals(text(deadline, "rule"))) {
                times.add(Instant.parse(deadline.get("dueAt").asText()));
            }
        }
        assertThat(times).as(rule + " in " + kase.get("deadlines")).isNotEmpty();
        times.sort(null);
        return times;
    }

    private static String text(JsonNode node, String field) {
        return Api.text(node, field);
    }

    private static JsonNode await(Api api, String path, Predicate<JsonNode> done) throws Exception {
        return api.await(path, done, Duration.ofSeconds(40));
    }
}
