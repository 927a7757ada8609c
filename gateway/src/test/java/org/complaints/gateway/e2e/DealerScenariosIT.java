package org.complaints.gateway.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * DOMAIN.md §15 dealer scenarios 1-5 and 8 through the gateway, each at the scenario's own local
 * time: the e2e-dealer tenant is the dealer preset as shipped (30 min / 3 h / 72 h, end of work
 * 18:00 on a Monday-to-Saturday site in Asia/Shanghai) and only accepts complaints dated back years
 * ({@code receivedAt}, an operator's override for a migrated backlog), so each complaint is filed as
 * received on Monday 2025-03-03 and every due time is checked to the minute. Every clock of such a
 * complaint has already run out when routing opens it: the sweep fires each at its own due time,
 * which is how the breaches, their webhook events and metrics are checked without waiting.
 */
class DealerScenariosIT {

    static final String KEY = "e2e-dealer-partner-key";
    static final String SITE = "e2ed-minhang";
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final String HOOK = "/hooks/dealer-breaches";

    static RunningSuite suite;
    static final WireMockServer receiver = new WireMockServer(wireMockConfig().dynamicPort());

    @BeforeAll
    static void start() throws Exception {
        suite = RunningSuite.get();
        receiver.start();
        receiver.stubFor(
                WireMock.post(urlPathEqualTo(HOOK)).willReturn(aResponse().withStatus(204)));
        var subscribed = Api.partner(suite, KEY)
                .post(
                        "/api/v1/webhooks/subscriptions",
                        Map.of("url", receiver.baseUrl() + HOOK, "eventTypes", List.of("sla.breached")));
        assertThat(subscribed.status()).as(subscribed.toString()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        receiver.stop();
    }

    @Test
    @DisplayName(
            "scenario 1 / LC-03 + SLA-D1..D3 + LC-12: a major care-call complaint goes at once to the service director,"
                    + " first response due 09:30, resolution 03-06 09:00; the missed 09:30 fires sla.breached and the metric;"
                    + " after closure the record goes to customer care for archiving")
    void majorCareFollowUpComplaint() throws Exception {
        var firstResponseBreaches = breaches("FIRST_RESPONSE");
        var care = Api.staff(suite, "e2ed.care");
        var body = complaint("CARE_FOLLOW_UP_CALL", "回访中客户投诉刹车异响，要求立即处理", at("2025-03-03T09:00"));
        body.put("requestedLevel", "MAJOR");
        var filed = file(care, body);
        assertThat(Api.text(filed, "canonicalLevel")).isEqualTo("MAJOR");
        assertThat(Api.text(filed, "level")).as("the dealer's name").isEqualTo("重大");
        var caseId = caseIdOf(care, Api.text(filed, "id"));
        var director = Api.staff(suite, "e2ed.director");

        // LC-03 / SLA-D1: routed at once, by the system, to the site's service director.
        var kase = read(director, caseId);
        assertThat(Api.text(kase, "owner")).isEqualTo("role:service-director");
        assertThat(Api.text(kase, "state")).isEqualTo("HANDED_OVER");
        assertThat(kase.get("audit").findValuesAsString("by")).contains("routing-service");
        assertThat(Instant.parse(Api.text(kase, "receivedAt"))).isEqualTo(at("2025-03-03T09:00"));
        assertThat(due(kase, "SLA-D1")).isEqualTo(at("2025-03-03T09:00"));
        assertThat(due(kase, "SLA-D2")).as("firstResponseDueAt").isEqualTo(at("2025-03-03T09:30"));
        assertThat(due(kase, "SLA-D3")).as("resolutionDueAt").isEqualTo(at("2025-03-06T09:00"));

        // No first response by 09:30: the breach is stamped at 09:30, escalated to the service
        // director, sent to the partner as sla.breached and counted.
        kase = director.await(
                "/api/v1/cases/" + caseId,
                c -> "BREACHED".equals(deadline(c, "SLA-D2").get("status").asText()),
                Await.BOUND);
        var breach = escalation(kase, "SLA-D2", "BREACH");
        assertThat(Api.text(breach, "clock")).isEqualTo("FIRST_RESPONSE");
        assertThat(Instant.parse(Api.text(breach, "at"))).isEqualTo(at("2025-03-03T09:30"));
        assertThat(Api.text(breach, "to")).isEqualTo("role:service-director");
        var event = awaitWebhook(caseId, "SLA-D2");
        assertThat(Api.text(event.get("data"), "clock")).isEqualTo("FIRST_RESPONSE");
        assertThat(Instant.parse(Api.text(event.get("data"), "dueAt"))).isEqualTo(at("2025-03-03T09:30"));
        assertThat(breaches("FIRST_RESPONSE")).isGreaterThan(firstResponseBreaches);

        // Filed as it happens, the system's hand-over at opening is in time (SLA-D1 met).
        var live = complaint("CARE_FOLLOW_UP_CALL", "回访中客户投诉变速箱顿挫", null);
        live.put("requestedLevel", "MAJOR");
        var liveCase = read(director, caseIdOf(care, Api.text(file(care, live), "id")));
        assertThat(Api.text(liveCase, "state")).isEqualTo("HANDED_OVER");
        assertThat(deadline(liveCase, "SLA-D1").get("status").asText()).isEqualTo("MET");

        // Closed by the service director → handed to customer care (客户关爱部) for filing (LC-12, SLA-D3).
        assertThat(director.post("/api/v1/cases/" + caseId + "/acceptance", Map.of())
                        .status())
                .isEqualTo(200);
        assertThat(director.post(
                                "/api/v1/cases/" + caseId + "/contacts",
                                Map.of("channel", "PHONE", "note", "已致电客户，约定到店检测"))
                        .status())
                .isEqualTo(200);
        var resolved = director.post(
                "/api/v1/cases/" + caseId + "/resolution",
                resolution("Caliper bolts not torqued to spec", "Torque wrench calibration every 3 months"));
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
        var closed = director.post("/api/v1/cases/" + caseId + "/closure", Map.of("reason", "客户满意"));
        assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
        assertThat(Api.text(closed.json(), "state")).isEqualTo("CLOSED");
        var filing = task(closed.json(), "ARCHIVE_FILING");
        assertThat(Api.text(filing, "owner")).isEqualTo("role:customer-care-officer");
        assertThat(Api.text(filing, "rule")).isEqualTo("LC-12");
        assertThat(Api.text(filing, "status")).isEqualTo("OPEN");
        var filed2 = care.post(
                "/api/v1/cases/" + caseId + "/tasks/" + Api.text(filing, "id") + "/completion",
                Map.of("evidence", "《抱怨/投诉单》与解决方案已归档，客户关爱部档案柜 2025-03"));
        assertThat(filed2.status()).as(filed2.toString()).isEqualTo(200);
        var archived = task(filed2.json(), "ARCHIVE_FILING");
        assertThat(Api.text(archived, "status")).isEqualTo("DONE");
        assertThat(Api.text(archived, "completedBy")).isNotBlank();
    }

    @Test
    @DisplayName(
            "scenario 2 / LC-04: a care-call complaint without vehicle, customer, channel or content is refused naming"
                    + " the field (vehicleInfo, customerInfo, channel, content), and nothing is stored")
    void mandatoryFields() throws Exception {
        var care = Api.staff(suite, "e2ed.care");
        var complete = complaint("CARE_FOLLOW_UP_CALL", "回访中客户抱怨保养后漏油", at("2025-03-03T09:00"));
        var missing = new LinkedHashMap<String, Map<String, Object>>();
        missing.put("vehicle", Complaints.without(complete, "vehicle"));
        missing.put("vehicle ", Complaints.with(complete, "vehicle", Map.of("vin", "", "plate", " ")));
        missing.put("customer", Complaints.without(complete, "customer"));
        missing.put("channel", Complaints.without(complete, "channel"));
        missing.put("content", Complaints.with(complete, "content", "  "));
        var names = Map.of(
                "vehicle", "vehicleInfo",
                "vehicle ", "vehicleInfo",
                "customer", "customerInfo",
                "channel", "channel",
                "content", "content");
        for (var entry : missing.entrySet()) {
            var key = Complaints.key();
            var refused = care.with("Idempotency-Key", key).post("/api/v1/complaints", entry.getValue());
            assertThat(refused.status()).as(entry.getKey() + ": " + refused).isEqualTo(422);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("fields").findValuesAsString("field"))
                    .containsExactly(entry.getKey().strip());
            assertThat(refused.body()).contains(names.get(entry.getKey()));
            // Nothing was stored under the key: the complete body with it is a first filing.
            var accepted = care.with("Idempotency-Key", key).post("/api/v1/complaints", complete);
            assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
        }
    }

    @Test
    @DisplayName(
            "scenario 3 / LC-03 + SLA-D3/D4: a general complaint at reception at 15:20 is due for hand-over at 18:00,"
                    + " resolution 03-06 15:20, an assumed first response 03-04 15:20; handed over after 18:00 it is breached")
    void generalReceptionComplaint() throws Exception {
        var handOverBreaches = breaches("HAND_OVER");
        var advisor = Api.staff(suite, "e2ed.advisor");
        var filed = file(advisor, complaint("SERVICE_ADVISOR_RECEPTION", "接车时客户抱怨等待时间过长", at("2025-03-03T15:20")));
        assertThat(Api.text(filed, "canonicalLevel")).isEqualTo("GENERAL");
        assertThat(Api.text(filed, "level")).isEqualTo("一般");
        var caseId = caseIdOf(advisor, Api.text(filed, "id"));
        var director = Api.staff(suite, "e2ed.director");
        var kase = read(director, caseId);
        assertThat(Api.text(kase, "state"))
                .as("handed over by the advisor, not by the system")
                .isEqualTo("REGISTERED");
        assertThat(due(kase, "SLA-D4")).as("handOverDueAt").isEqualTo(at("2025-03-03T18:00"));
        assertThat(due(kase, "SLA-D3")).as("resolutionDueAt").isEqualTo(at("2025-03-06T15:20"));
        var assumed = deadline(kase, "SLA-D2-DEFAULT");
        assertThat(Instant.parse(Api.text(assumed, "dueAt"))).isEqualTo(at("2025-03-04T15:20"));
        assertThat(assumed.get("assumed").asBoolean()).isTrue();
        assertThat(deadline(kase, "SLA-D4").get("assumed").asBoolean()).isFalse();
        assertThat(kase.get("deadlines").findValuesAsString("rule")).doesNotContain("SLA-D1", "SLA-D2");

        var handedOver = advisor.post("/api/v1/cases/" + caseId + "/hand-over", Map.of("reason", "交服务总监"));
        assertThat(handedOver.status()).as(handedOver.toString()).isEqualTo(200);
        assertThat(Api.text(handedOver.json(), "state")).isEqualTo("HANDED_OVER");
        var late = deadline(handedOver.json(), "SLA-D4");
        assertThat(Api.text(late, "status")).isEqualTo("BREACHED");
        assertThat(Duration.parse(Api.text(late, "lateBy"))).isPositive();
        var breach = escalation(handedOver.json(), "SLA-D4", "BREACH");
        assertThat(Api.text(breach, "clock")).isEqualTo("HAND_OVER");
        assertThat(Instant.parse(Api.text(breach, "at"))).isEqualTo(at("2025-03-03T18:00"));
        assertThat(Api.text(breach, "to")).isEqualTo("role:service-director");
        assertThat(Instant.parse(Api.text(awaitWebhook(caseId, "SLA-D4").get("data"), "dueAt")))
                .isEqualTo(at("2025-03-03T18:00"));
        assertThat(breaches("HAND_OVER")).isGreaterThan(handOverBreaches);
        assertThat(handOverMetric())
                .as("complaints_handover_sla_breached_total")
                .isPositive();
    }

    @Test
    @DisplayName(
            "scenario 4 / LC-03 + RT-02 + SLA-D5/D6: a brand 400-hotline ticket received by the service director at 10:00"
                    + " goes straight to the responsible person; first response due 13:00, closure 03-06 10:00; a later"
                    + " first response is a breach")
    void brandHotlineTicket() throws Exception {
        var director = Api.staff(suite, "e2ed.director");
        var body = complaint("BRAND_HOTLINE_400", "400热线转来：发动机故障灯常亮", at("2025-03-03T10:00"));
        body.put("brandTicketNumber", "SVW-400-0001");
        // RT-02: receiving the ticket, the service director picks the responsible domain himself.
        body.put("category", Map.of("subjectType", "PRODUCT_QUALITY", "responsibleDomain", "TECHNICAL"));
        assertThat(Api.staff(suite, "e2ed.advisor")
                        .with("Idempotency-Key", Complaints.key())
                        .post("/api/v1/complaints", body)
                        .status())
                .as("received by the service director only")
                .isEqualTo(403);
        var filed = file(director, body);
        assertThat(Api.text(filed, "brandTicketNumber")).isEqualTo("SVW-400-0001");
        var caseId = caseIdOf(director, Api.text(filed, "id"));
        var kase = read(director, caseId);
        assertThat(Api.text(kase, "owner"))
                .as("RT-02: the technical domain's person")
                .isEqualTo("张诚");
        assertThat(kase.get("deadlines").findValuesAsString("clock")).doesNotContain("HAND_OVER");
        assertThat(due(kase, "SLA-D5")).as("firstResponseDueAt").isEqualTo(at("2025-03-03T13:00"));
        assertThat(due(kase, "SLA-D6")).as("closeDueAt").isEqualTo(at("2025-03-06T10:00"));

        var tech = Api.staff(suite, "e2ed.tech");
        assertThat(tech.post("/api/v1/cases/" + caseId + "/acceptance", Map.of())
                        .status())
                .isEqualTo(200);
        var responded =
                tech.post("/api/v1/cases/" + caseId + "/contacts", Map.of("channel", "PHONE", "note", "已联系客户，安排明天到店"));
        assertThat(responded.status()).as(responded.toString()).isEqualTo(200);
        var firstResponse = deadline(responded.json(), "SLA-D5");
        assertThat(Api.text(firstResponse, "status")).isEqualTo("BREACHED");
        assertThat(Instant.parse(Api.text(firstResponse, "settledAt"))).isAfter(at("2025-03-03T13:00"));
        assertThat(Instant.parse(Api.text(escalation(responded.json(), "SLA-D5", "BREACH"), "at")))
                .isEqualTo(at("2025-03-03T13:00"));
        assertThat(awaitWebhook(caseId, "SLA-D5").get("data").get("clock").asText())
                .isEqualTo("FIRST_RESPONSE");
    }

    @Test
    @DisplayName(
            "scenario 5 / LC-03 + SLA-D7/D8 + ESC-01 + CH-03: a major consumer-association complaint at 11:00 is due at the"
                    + " service director by 11:30 and closed by 03-06 11:00, opens the brand RBO PR escalation and the"
                    + " marketing manager's media withdrawal; any other recording role is refused")
    void majorConsumerAssociationComplaint() throws Exception {
        var body = complaint("CONSUMER_ASSOCIATION", "消协转来：维修后故障复发，客户要求退车", at("2025-03-03T11:00"));
        body.put("requestedLevel", "MAJOR");
        var key = Complaints.key();
        for (var user : List.of("e2ed.advisor", "e2ed.care", "e2ed.director", "e2ed.tech")) {
            var refused = Api.staff(suite, user).with("Idempotency-Key", key).post("/api/v1/complaints", body);
            assertThat(refused.status()).as(user).isEqualTo(403);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.body()).contains("marketing-manager");
        }
        var marketing = Api.staff(suite, "e2ed.marketing");
        var filed = marketing.with("Idempotency-Key", key).post("/api/v1/complaints", body);
        assertThat(filed.status())
                .as("nothing was stored for the refused callers")
                .isEqualTo(201);
        var caseId = caseIdOf(marketing, Api.text(filed.json(), "id"));
        var kase = read(Api.staff(suite, "e2ed.director"), caseId);
        assertThat(Api.text(kase, "level")).isEqualTo("MAJOR");
        assertThat(due(kase, "SLA-D7")).as("form at the service director by").isEqualTo(at("2025-03-03T11:30"));
        assertThat(due(kase, "SLA-D8")).as("closeDueAt").isEqualTo(at("2025-03-06T11:00"));
        var pr = task(kase, "BRAND_PR_ESCALATION");
        assertThat(Api.text(pr, "rule")).isEqualTo("ESC-01");
        assertThat(Api.text(pr, "owner")).isEqualTo("role:brand-pr");
        var withdrawal = task(kase, "MEDIA_WITHDRAWAL");
        assertThat(Api.text(withdrawal, "owner")).isEqualTo("role:marketing-manager");
        assertThat(escalation(kase, "ESC-01", "SIDE_ROUTE").get("to").asText()).isEqualTo("role:brand-pr");

        var handedOver = marketing.post("/api/v1/cases/" + caseId + "/hand-over", Map.of("reason", "表单交服务总监"));
        assertThat(handedOver.status()).as(handedOver.toString()).isEqualTo(200);
        assertThat(Api.text(deadline(handedOver.json(), "SLA-D7"), "status"))
                .as("delivered after 11:30")
                .isEqualTo("BREACHED");

        // LC-03: C4 also carries general complaints; only a major one goes to the brand PR (ESC-01).
        var general = complaint("CONSUMER_ASSOCIATION", "消协转来：保养收费有异议", at("2025-03-03T11:00"));
        var generalCase =
                read(Api.staff(suite, "e2ed.director"), caseIdOf(marketing, Api.text(file(marketing, general), "id")));
        assertThat(Api.text(generalCase, "level")).isEqualTo("GENERAL");
        assertThat(generalCase.get("tasks").findValuesAsString("task"))
                .contains("MEDIA_WITHDRAWAL")
                .doesNotContain("BRAND_PR_ESCALATION");
    }

    @Test
    @DisplayName("scenario 8 / LC-08 + LC-10 + RC-02/RC-03: 加强培训 and 加强检查,加强培训 are refused naming the vague wording;"
            + " a concrete measure is stored with its root cause and defect correction")
    void vagueMeasuresAreRefused() throws Exception {
        var advisor = Api.staff(suite, "e2ed.advisor");
        var caseId = caseIdOf(
                advisor, Api.text(file(advisor, complaint("SERVICE_ADVISOR_RECEPTION", "轮胎螺栓松动", null)), "id"));
        var director = Api.staff(suite, "e2ed.director");
        assertThat(director.post("/api/v1/cases/" + caseId + "/acceptance", Map.of())
                        .status())
                .isEqualTo(200);
        assertThat(director.post(
                                "/api/v1/cases/" + caseId + "/contacts",
                                Map.of("channel", "PHONE", "note", "已致电客户说明处理方案"))
                        .status())
                .isEqualTo(200);
        var before = read(director, caseId);

        for (var vague : List.of("加强培训", "加强检查,加强培训")) {
            var refused = director.post("/api/v1/cases/" + caseId + "/resolution", resolution("扭力扳手未校准", vague));
            assertThat(refused.status()).as(vague).isEqualTo(422);
            assertThat(Api.text(refused.json(), "type")).endsWith("vague-or-missing-corrective-measure");
            assertThat(refused.json().get("fields").findValuesAsString("field"))
                    .containsExactly("longTermMeasure.action");
            var message = refused.json().get("fields").get(0).get("message").asText();
            assertThat(message).contains("具体措施").contains("banned vague wording");
            for (var phrase : vague.split(",")) {
                assertThat(message).contains(phrase);
            }
        }
        var unchanged = read(director, caseId);
        assertThat(unchanged.get("resolution").isNull()).isTrue();
        assertThat(unchanged.get("version").asLong())
                .isEqualTo(before.get("version").asLong());

        var concrete = "Replace torque wrench calibration interval from 12 to 3 months; owner 张诚; due 2025-04-01";
        var resolved = director.post(
                "/api/v1/cases/" + caseId + "/resolution",
                Map.of(
                        "resolution",
                        Map.of(
                                "rootCause", "扭力扳手超期未校准，轮胎螺栓扭矩不足",
                                "defectCorrection", "重新按规定扭矩紧固全部轮胎螺栓",
                                "longTermMeasure",
                                        Map.of("action", concrete, "owner", "张诚", "dueDate", "2025-04-01"))));
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
        // 《顾客抱怨及返修记录》: 抱怨产生根本原因分析 / 长期质量保证的措施 / 缺点纠正
        var record = read(director, caseId).get("resolution");
        assertThat(Api.text(record, "rootCause")).isEqualTo("扭力扳手超期未校准，轮胎螺栓扭矩不足");
        assertThat(Api.text(record.get("longTermMeasure"), "action")).isEqualTo(concrete);
        assertThat(Api.text(record.get("longTermMeasure"), "owner")).isEqualTo("张诚");
        assertThat(Api.text(record.get("longTermMeasure"), "dueDate")).isEqualTo("2025-04-01");
        assertThat(Api.text(record, "defectCorrection")).isEqualTo("重新按规定扭矩紧固全部轮胎螺栓");
    }

    /** A dealer complaint with everything LC-04 asks, as its recorder fills it; {@code receivedAt} null = now. */
    static Map<String, Object> complaint(String channel, String content, Instant receivedAt) {
        var body = new LinkedHashMap<String, Object>();
        body.put("channel", channel);
        body.put("site", SITE);
        body.put("customer", Map.of("id", "e2ed-" + UUID.randomUUID(), "name", "王先生", "phone", "13800138000"));
        // A vehicle of its own: three complaints on one VIN within a day are a group incident (RT-06).
        body.put(
                "vehicle",
                Map.of("vin", "LSVAA4180E2" + (100000 + (int) (Math.random() * 800000)), "plate", "沪A12345"));
        // The recorder names no responsible domain: the service director decides it (LC-05, RT-01).
        body.put("category", Map.of("subjectType", "PRODUCT_QUALITY"));
        body.put("content", content);
        if (receivedAt != null) {
            body.put("receivedAt", receivedAt.toString());
        }
        return body;
    }

    /** A local time at the site (Asia/Shanghai). */
    static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(ZONE).toInstant();
    }

    /**
     * Files once; a 504 (intake still handing the first complaint to a cold routing) is retried with
     * the same Idempotency-Key, as a client would: the retry answers the stored complaint.
     */
    private static JsonNode file(Api staff, Map<String, Object> body) throws Exception {
        var caller = staff.with("Idempotency-Key", Complaints.key());
        var filed = caller.post("/api/v1/complaints", body);
        if (filed.status() == 504) {
            filed = caller.post("/api/v1/complaints", body);
        }
        assertThat(filed.status()).as(filed.toString()).isIn(200, 201);
        return filed.json();
    }

    private static String caseIdOf(Api api, String complaintId) throws Exception {
        return ComplaintJourneyIT.awaitRouted(api, complaintId)
                .json()
                .get("routing")
                .get("caseId")
                .asText();
    }

    private static JsonNode read(Api api, String caseId) throws Exception {
        var answer = api.get("/api/v1/cases/" + caseId);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }

    private static Map<String, Object> resolution(String rootCause, String measure) {
        return Map.of(
                "resolution",
                Map.of(
                        "rootCause",
                        rootCause,
                        "defectCorrection",
                        "重新紧固并复检",
                        "longTermMeasure",
                        Map.of("action", measure, "owner", "张诚", "dueDate", "2025-04-01")));
    }

    static JsonNode deadline(JsonNode kase, String rule) {
        for (var d : kase.get("deadlines")) {
            if (rule.equals(Api.text(d, "rule"))) {
                return d;
            }
        }
        throw new AssertionError("no deadline " + rule + " in " + kase.get("deadlines"));
    }

    static Instant due(JsonNode kase, String rule) {
        return Instant.parse(Api.text(deadline(kase, rule), "dueAt"));
    }

    static JsonNode escalation(JsonNode kase, String rule, String kind) {
        for (var e : kase.get("escalations")) {
            if (rule.equals(Api.text(e, "rule")) && kind.equals(Api.text(e, "kind"))) {
                return e;
            }
        }
        throw new AssertionError("no " + kind + " escalation by " + rule + " in " + kase.get("escalations"));
    }

    static JsonNode task(JsonNode kase, String task) {
        for (var t : kase.get("tasks")) {
            if (task.equals(Api.text(t, "task"))) {
                return t;
            }
        }
        throw new AssertionError("no task " + task + " in " + kase.get("tasks"));
    }

    /** The partner's sla.breached event of this case and rule, once the receiver has it. */
    private static JsonNode awaitWebhook(String caseId, String rule) throws Exception {
        var deadline = Instant.now().plus(Await.BOUND);
        while (Instant.now().isBefore(deadline)) {
            for (var served : receiver.getAllServeEvents()) {
                var event = Api.JSON.readTree(served.getRequest().getBodyAsString());
                var data = event.get("data");
                if ("sla.breached".equals(Api.text(event, "type"))
                        && caseId.equals(Api.text(data, "caseId"))
                        && rule.equals(Api.text(data, "rule"))) {
                    return event;
                }
            }
            Thread.sleep(300);
        }
        throw new AssertionError("no sla.breached webhook for " + rule + " of case " + caseId);
    }

    /** complaints_sla_breached_total of this tenant and clock, on routing's Prometheus endpoint. */
    private static double breaches(String clock) throws Exception {
        return Metrics.sum(
                suite,
                "routing-service",
                "complaints_sla_breached_total",
                "tenant=\"e2e-dealer\"",
                "clock=\"" + clock + "\"");
    }

    private static double handOverMetric() throws Exception {
        return Metrics.sum(suite, "routing-service", "complaints_handover_sla_breached_total", "tenant=\"e2e-dealer\"");
    }
}
