package org.complaints.followup.followup;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.complaints.support.delivery.DeliveryRelay;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.identity.IdentityTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Follow-up plans, outcomes and the monthly report, with the other services stubbed. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class FollowupIT {

    static final WireMockServer others = new WireMockServer(wireMockConfig().dynamicPort());
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    static {
        others.start();
    }

    @DynamicPropertySource
    static void urls(DynamicPropertyRegistry registry) {
        registry.add("complaints.services.routing.url", others::baseUrl);
        registry.add("complaints.services.intake.url", others::baseUrl);
        registry.add("complaints.services.compensation.url", others::baseUrl);
    }

    @AfterAll
    static void stop() {
        others.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    IdentityTokens tokens;

    @Autowired
    DeliveryRelay relay;

    @Autowired
    OverdueSweep sweep;

    @Autowired
    net.javacrumbs.shedlock.core.LockProvider locks;

    @Autowired
    org.complaints.support.due.DueBuckets followUpDue;

    @Autowired
    FollowUpLists lists;

    @Autowired
    MongoTemplate mongo;

    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void routingAcknowledges() {
        others.resetAll();
        others.stubFor(post(urlPathMatching("/internal/v1/cases/.*/events"))
                .willReturn(aResponse().withStatus(200).withBody("{}")));
    }

    @Test
    @DisplayName(
            "SLA-X3 (scenario 21): resolved 2025-05-10 15:00 → survey the same day, phone call due 2025-05-17 15:00")
    void dualTrackFeedback() throws Exception {
        var plan = plan("demo-generic", "cd-counter-1", local("2025-05-10T15:00"), false);
        assertThat(plan.findValuesAsString("type")).containsExactly("SATISFACTION_SURVEY", "PHONE_CALL");
        assertThat(Instant.parse(plan.get(0).get("dueAt").asText())).isEqualTo(local("2025-05-10T23:59:59"));
        assertThat(Instant.parse(plan.get(1).get("dueAt").asText())).isEqualTo(local("2025-05-17T15:00"));
    }

    @Test
    @DisplayName("SLA-X4: retail follow-up within one week of the solution")
    void retailWithinAWeek() throws Exception {
        var plan = plan("demo-retail", "sh-xujiahui", local("2025-05-10T11:00"), false);
        assertThat(plan.findValuesAsString("rule")).containsExactly("SLA-X4");
        assertThat(Instant.parse(plan.get(0).get("dueAt").asText())).isEqualTo(local("2025-05-17T11:00"));
    }

    @Test
    @DisplayName("SLA-X5: the dealer's care call is due at the end of the next working day; Saturday rolls past Sunday")
    void dealerNextWorkingDay() throws Exception {
        var plan = plan("demo-dealer", "sh-minhang", local("2025-03-08T10:00"), false);
        assertThat(Instant.parse(plan.get(0).get("dueAt").asText())).isEqualTo(local("2025-03-10T18:00"));
    }

    @Test
    @DisplayName(
            "LC-09 (scenario 9): the rework call-back is due D+1 and only the service manager or director records it")
    void reworkCallbackRoles() throws Exception {
        var plan = plan("demo-dealer", "sh-minhang", local("2025-03-04T16:00"), true);
        var task = plan.get(0);
        assertThat(task.get("type").asText()).isEqualTo("REWORK_CALLBACK");
        assertThat(Instant.parse(task.get("dueAt").asText())).isEqualTo(local("2025-03-05T16:00"));
        var id = task.get("followUpId").asText();

        var care = send(
                staff("demo-dealer", "customer-care-officer"),
                "/follow-ups/" + id + "/outcome",
                Map.of("satisfaction", 5, "resolved", true));
        assertThat(care.statusCode()).isEqualTo(403);
        var manager = send(
                staff("demo-dealer", "service-manager"),
                "/follow-ups/" + id + "/outcome",
                Map.of("satisfaction", 5, "resolved", true, "comment", "满意"));
        assertThat(manager.statusCode()).isEqualTo(200);
        assertThat(json(manager).get("outcome").get("recordedBy").asText()).isEqualTo("service-manager-user");
    }

    @Test
    @DisplayName(
            "§12.4 (ADR 0500): a follow-up comment with a banned phrase is stored with the hit and its replacement")
    void commentIsLinted() throws Exception {
        var plan = plan("demo-dealer", "sh-minhang", local("2025-03-04T16:00"), false);
        var id = plan.get(0).get("followUpId").asText();

        var recorded = send(
                staff("demo-dealer", "customer-care-officer"),
                "/follow-ups/" + id + "/outcome",
                Map.of("satisfaction", 4, "resolved", true, "comment", "客户说上次店员讲“您别激动”很不礼貌"));

        assertThat(recorded.statusCode()).isEqualTo(200);
        var check = json(recorded).get("outcome").get("commentCheck");
        assertThat(check.get("mode").asText()).isEqualTo("WARN");
        assertThat(check.get("hits").get(0).get("phrase").asText()).isEqualTo("您别激动");
        assertThat(check.get("hits").get(0).get("replacement").asText()).isEqualTo("我能明白您为什么觉得那样。");
    }

    @Test
    @DisplayName(
            "issue 12 / LC-09: a role outside RECORD_OUTCOME may not record, even on a visit planned under a wider table (403 naming the roles); nothing is stored")
    void outcomeOutsideTheTableIsRefused() throws Exception {
        var plan = plan("demo-dealer", "sh-minhang", local("2025-03-04T16:00"), false);
        var id = plan.get(0).get("followUpId").asText();
        // as if planned before the tenant narrowed its table: the stored visit also names the marketing manager
        mongo.updateFirst(
                new Query(Criteria.where("_id").is(id)), new Update().push("roles", "marketing-manager"), "followups");

        var refused = send(
                staff("demo-dealer", "marketing-manager"),
                "/follow-ups/" + id + "/outcome",
                Map.of("satisfaction", 5, "resolved", true));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(refused.body()).contains("customer-care-officer").contains("LC-09");
        var stored = json(read(staff("demo-dealer", "service-director"), "/follow-ups/" + id));
        assertThat(stored.get("status").asText()).isEqualTo("PLANNED");
        assertThat(stored.path("outcome").isObject()).isFalse();

        var recorded = send(
                staff("demo-dealer", "customer-care-officer"),
                "/follow-ups/" + id + "/outcome",
                Map.of("satisfaction", 5, "resolved", true));
        assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(200);
    }

    @Test
    @DisplayName(
            "issue 12 / LC-11: partners read no follow-ups and staff outside REPORT_READ no report (403 naming the roles); a partner passes to the report")
    void readsFollowTheTable() throws Exception {
        stubSummaries("2025-08", 200);
        var listed = read(partner("demo-dealer"), "/follow-ups");
        assertThat(listed.statusCode()).isEqualTo(403);
        var advisor = read(staff("demo-dealer", "service-advisor"), "/reports/monthly?month=2025-08");
        assertThat(advisor.statusCode()).isEqualTo(403);
        assertThat(advisor.body()).contains("service-director").contains("LC-11");
        // past the table; whether the summaries answer in time on a cold JVM is not this test's concern
        var partnerReport = read(partner("demo-dealer"), "/reports/monthly?month=2025-08");
        assertThat(partnerReport.statusCode()).as(partnerReport.body()).isNotIn(401, 403);
    }

    @Test
    @DisplayName(
            "ESC-08: an unsatisfied outcome sends routing FOLLOW_UP_UNSATISFIED (second handling); a satisfied one FOLLOW_UP_SATISFIED")
    void outcomesTellRouting() throws Exception {
        var plan = plan("demo-generic", "cd-counter-1", local("2025-05-10T15:00"), false);
        var caseId = plan.get(0).get("caseId").asText();
        var unsatisfied = json(send(
                staff("demo-generic", "cs-specialist"),
                "/follow-ups/" + plan.get(0).get("followUpId").asText() + "/outcome",
                Map.of("satisfaction", 2, "resolved", false)));
        assertThat(unsatisfied.at("/propagation/status").asText())
                .as("ADR 0285: the answer says the case has yet to hear of it")
                .isEqualTo("PENDING");
        assertThat(unsatisfied.at("/propagation/awaiting/0").asText()).isEqualTo("case");
        send(
                staff("demo-generic", "cs-specialist"),
                "/follow-ups/" + plan.get(1).get("followUpId").asText() + "/outcome",
                Map.of("satisfaction", 5, "resolved", true));

        relay.relayDue(100);
        others.verify(postRequestedFor(urlPathEqualTo("/internal/v1/cases/" + caseId + "/events"))
                .withRequestBody(matchingJsonPath("$.type", equalTo("FOLLOW_UP_UNSATISFIED"))));
        others.verify(postRequestedFor(urlPathEqualTo("/internal/v1/cases/" + caseId + "/events"))
                .withRequestBody(matchingJsonPath("$.type", equalTo("FOLLOW_UP_SATISFIED"))));
        relay.relayDue(100);
        assertThat(others.findAll(postRequestedFor(urlPathEqualTo("/internal/v1/cases/" + caseId + "/events"))))
                .as("each once")
                .hasSize(2);
        assertThat(json(read(
                                staff("demo-generic", "cs-specialist"),
                                "/follow-ups/" + plan.get(0).get("followUpId").asText()))
                        .at("/propagation/status")
                        .asText())
                .isEqualTo("COMPLETE");
    }

    @Test
    @DisplayName("plans are idempotent by case; another tenant's follow-up is not found")
    void idempotentPlanAndTenantScope() throws Exception {
        var caseId = "k-" + UUID.randomUUID();
        var first = json(send(
                system("demo-generic"),
                "/internal/v1/follow-ups/plans",
                planBody(caseId, "cd-counter-1", local("2025-05-10T15:00"), false)));
        var again = json(send(
                system("demo-generic"),
                "/internal/v1/follow-ups/plans",
                planBody(caseId, "cd-counter-1", local("2025-05-10T15:00"), false)));
        assertThat(again.findValuesAsString("followUpId")).isEqualTo(first.findValuesAsString("followUpId"));
        assertThat(read(
                                staff("demo-retail", "cs-manager"),
                                "/follow-ups/" + first.get(0).get("followUpId").asText())
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    @DisplayName(
            "region scope: a west-only user neither reads, lists nor records a Europe follow-up, nor reports on Europe")
    void regionScope() throws Exception {
        var europe = plan("demo-generic", "ber-counter-1", local("2025-05-10T15:00"), false);
        var west = plan("demo-generic", "cd-counter-1", local("2025-05-10T15:00"), false);
        var westUser = staffIn("demo-generic", "cs-specialist", "west");
        var europeId = europe.get(0).get("followUpId").asText();

        assertThat(read(westUser, "/follow-ups/" + europeId).statusCode()).isEqualTo(404);
        var outcome = send(westUser, "/follow-ups/" + europeId + "/outcome", Map.of("satisfaction", 5));
        assertThat(outcome.statusCode()).isEqualTo(404);
        assertThat(json(read(staff("demo-generic", "cs-manager"), "/follow-ups/" + europeId))
                        .get("status")
                        .asText())
                .isEqualTo("PLANNED");
        var listed = json(
                read(westUser, "/follow-ups?caseId=" + west.get(0).get("caseId").asText()));
        assertThat(listed.findValuesAsString("followUpId")).isNotEmpty();
        var listedEurope = json(read(
                westUser, "/follow-ups?caseId=" + europe.get(0).get("caseId").asText()));
        assertThat(listedEurope.size()).isZero();

        // the report is read by supervisors and up (REPORT_READ): a west-only supervisor for the scope check
        assertThat(read(staffIn("demo-generic", "supervisor", "west"), "/reports/monthly?month=2025-05&region=europe")
                        .statusCode())
                .isEqualTo(404);
        assertThat(read(staffIn("demo-generic", "cs-manager", "west", "europe"), "/reports/monthly?month=2025-05")
                        .statusCode())
                .isEqualTo(422);
    }

    @Test
    @DisplayName("a report for a site or region the tenant does not have is not found, as a problem detail")
    void reportForUnknownSiteOrRegion() throws Exception {
        var manager = staff("demo-generic", "cs-manager");
        for (var query : java.util.List.of("&site=nowhere", "&region=atlantis", "&region=west&site=nowhere")) {
            var answer = read(manager, "/reports/monthly?month=2025-05" + query);
            assertThat(answer.statusCode()).as(query).isEqualTo(404);
            assertThat(answer.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        }
    }

    @Test
    @DisplayName("FU-05 / SLA-X3 / ESC-08: a reopened case's second round gets a plan of its own (case + round + type)")
    void secondRoundGetsItsOwnPlan() throws Exception {
        var caseId = "k-" + UUID.randomUUID();
        var first = json(send(
                system("demo-generic"),
                "/internal/v1/follow-ups/plans",
                planBody(caseId, "cd-counter-1", local("2025-05-10T15:00"), false)));
        var secondBody = planBody(caseId, "cd-counter-1", local("2025-05-12T15:00"), false);
        secondBody.put("round", 2);
        var second = json(send(system("demo-generic"), "/internal/v1/follow-ups/plans", secondBody));

        assertThat(second.size()).isEqualTo(first.size()).isPositive();
        assertThat(second.findValuesAsString("followUpId"))
                .doesNotContainAnyElementsOf(first.findValuesAsString("followUpId"));
        var replay = json(send(system("demo-generic"), "/internal/v1/follow-ups/plans", secondBody));
        assertThat(replay.findValuesAsString("followUpId")).isEqualTo(second.findValuesAsString("followUpId"));
    }

    @Test
    @DisplayName(
            "overdue sweep: two racing runners mark each past-due follow-up exactly once (one version step each); future ones stay PLANNED")
    void racingSweepsMarkEachFollowUpOnce() throws Exception {
        sweep.sweep(); // whatever earlier tests left due
        var due = new java.util.ArrayList<String>();
        for (var i = 0; i < 5; i++) {
            plan("demo-generic", "cd-counter-1", local("2020-02-01T10:00"), false)
                    .findValuesAsString("followUpId")
                    .forEach(due::add);
        }
        var future = plan(
                        "demo-generic", "cd-counter-1", java.time.Instant.now().minusSeconds(60), false)
                .findValuesAsString("followUpId");
        var versions = new java.util.HashMap<String, Long>();
        due.forEach(id -> versions.put(id, mongo.findById(id, FollowUp.class).version));
        var other = new OverdueSweep(mongo, followUpDue, lists, java.time.Clock.systemUTC());

        long marked;
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            var a = pool.submit(sweep::sweep);
            var b = pool.submit(other::sweep);
            marked = a.get() + b.get();
        }

        assertThat(marked).isEqualTo(due.size());
        for (var id : due) {
            var f = mongo.findById(id, FollowUp.class);
            assertThat(f.status).isEqualTo("OVERDUE");
            assertThat(f.version).as("marked once").isEqualTo(versions.get(id) + 1);
        }
        for (var id : future) {
            var f = mongo.findById(id, FollowUp.class);
            if (f.dueAt.isAfter(java.time.Instant.now())) {
                assertThat(f.status).as("not due yet").isEqualTo("PLANNED");
            }
        }
        assertThat(sweep.sweep()).isZero();
    }

    @Test
    @DisplayName(
            "overdue sweep runs under the single-runner lock: while another runner holds 'followup-overdue' it marks nothing")
    void scheduledSweepRunsUnderTheSingleRunnerLock() throws Exception {
        sweep.sweep();
        var held = holdLock("followup-overdue");
        java.util.List<String> ids;
        try {
            ids = plan("demo-generic", "cd-counter-1", local("2020-03-01T10:00"), false)
                    .findValuesAsString("followUpId");
            sweep.scheduled();
            assertThat(ids)
                    .allSatisfy(id -> assertThat(mongo.findById(id, FollowUp.class).status)
                            .as("another runner holds the lock")
                            .isEqualTo("PLANNED"));
        } finally {
            held.unlock();
        }
        sweep.scheduled();
        assertThat(ids)
                .allSatisfy(id ->
                        assertThat(mongo.findById(id, FollowUp.class).status).isEqualTo("OVERDUE"));
    }

    @Test
    @DisplayName("overdue sweep: a past-due follow-up is marked once")
    void overdueIsMarkedOnce() throws Exception {
        var plan = plan("demo-generic", "cd-counter-1", local("2020-01-01T10:00"), false);
        assertThat(sweep.sweep()).isGreaterThanOrEqualTo(2);
        assertThat(sweep.sweep()).isZero();
        assertThat(json(read(
                                staff("demo-generic", "cs-manager"),
                                "/follow-ups/" + plan.get(0).get("followUpId").asText()))
                        .get("status")
                        .asText())
                .isEqualTo("OVERDUE");
    }

    @Test
    @DisplayName(
            "LC-11 / KP-01: the monthly report composes the three summaries with its own figures, exactly; JSON and CSV")
    void monthlyReportComposesSummaries() throws Exception {
        stubSummaries("2025-04", 200);
        var tenant = "demo-dealer";
        seedFollowUps(tenant, "2025-04", 300, 3);

        var report = json(read(staff(tenant, "service-director"), "/reports/monthly?month=2025-04"));
        assertThat(report.get("complaints").get("total").asLong()).isEqualTo(340);
        assertThat(report.get("complaints").get("byChannel").get("WALK_IN").asLong())
                .isEqualTo(200);
        assertThat(report.get("cases")
                        .get("slaCompliance")
                        .get("FIRST_RESPONSE")
                        .get("breached")
                        .asLong())
                .isEqualTo(12);
        assertThat(report.get("compensation")
                        .get("amountByKind")
                        .get("VOUCHER")
                        .get("amount")
                        .decimalValue())
                .isEqualByComparingTo("1500.00");
        assertThat(report.get("followUps").get("total").asLong()).isEqualTo(300);
        assertThat(report.get("followUps").get("scored").asLong()).isEqualTo(100);
        assertThat(report.get("followUps").get("averageSatisfaction").asDouble())
                .isEqualTo(4.0);
        assertThat(report.get("repeatRate").asDouble()).isEqualTo(34.0 / 340);
        assertThat(report.get("reopenRate").asDouble()).isEqualTo(17.0 / 340);

        var csv = read(staff(tenant, "service-director"), "/reports/monthly?month=2025-04&format=csv");
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body()).contains("complaints.total,340").contains("followUps.total,300");
        assertThat(csv.body())
                .contains("sanctions.byPerson[0].person,desk.wang")
                .contains("sanctions.byPerson[0].totals.CNY,80.5");

        var fetches = others.getAllServeEvents().size();
        read(staff(tenant, "service-director"), "/reports/monthly?month=2025-04");
        assertThat(others.getAllServeEvents()).as("stored once generated").hasSize(fetches);
    }

    @Test
    @DisplayName(
            "KP-05: the monthly report carries the month's sanctions per person from routing (system identity, the reader's region); a partner gets the count without persons")
    void monthlyReportCarriesSanctionsPerPerson() throws Exception {
        stubSummaries("2025-09", 200);

        var report = json(read(staffIn("demo-retail", "cs-supervisor", "south"), "/reports/monthly?month=2025-09"));
        var sanctions = report.get("sanctions");
        assertThat(sanctions.get("total").asLong()).isEqualTo(3);
        assertThat(sanctions.get("byPerson").get(0).get("person").asText()).isEqualTo("desk.wang");
        assertThat(sanctions.get("byPerson").get(0).get("count").asLong()).isEqualTo(2);
        assertThat(sanctions.get("byPerson").get(0).get("totals").get("CNY").decimalValue())
                .isEqualByComparingTo("80.50");
        var asked = others.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo("/internal/v1/sanctions/summary")));
        assertThat(asked).singleElement().satisfies(r -> {
            assertThat(r.queryParameter("month").firstValue()).isEqualTo("2025-09");
            assertThat(r.queryParameter("region").firstValue())
                    .as("the reader's region")
                    .isEqualTo("south");
        });

        var partnerView = json(read(partner("demo-retail"), "/reports/monthly?month=2025-09&region=south"));
        assertThat(partnerView.get("sanctions").get("total").asLong()).isEqualTo(3);
        assertThat(partnerView.get("sanctions").has("byPerson"))
                .as("no staff member's penalties leave the operator")
                .isFalse();
    }

    @Test
    @DisplayName(
            "a report over 100,000 follow-ups due in its month counts every one of them; the others are asked only for summaries")
    void largeMonthCountsEveryFollowUp() throws Exception {
        stubSummaries("2025-06", 200);
        seedFollowUps("demo-retail", "2025-06", 100_000, 1);
        var report = json(read(staff("demo-retail", "cs-manager"), "/reports/monthly?month=2025-06"));
        assertThat(report.get("followUps").get("total").asLong()).isEqualTo(100_000);
        assertThat(others.getAllServeEvents())
                .allSatisfy(e -> assertThat(e.getRequest().getUrl()).contains("/summary"));
    }

    @Test
    @DisplayName("an unavailable summary refuses the report with 503 naming the service; nothing is stored")
    void missingSummaryRefusesTheReport() throws Exception {
        stubSummaries("2025-07", 500);
        var answer = read(staff("demo-generic", "cs-manager"), "/reports/monthly?month=2025-07");
        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.body()).contains("compensation-service");
        assertThat(mongo.exists(
                        new Query(org.springframework.data.mongodb.core.query.Criteria.where("month")
                                .is("2025-07")),
                        "reports"))
                .isFalse();
    }

    // --- helpers

    private void stubSummaries(String month, int compensationStatus) {
        others.stubFor(
                get(urlPathEqualTo("/complaints/summary"))
                        .willReturn(
                                okJson(
                                        "{\"month\":\"" + month
                                                + "\",\"total\":340,\"byChannel\":{\"WALK_IN\":200,\"BRAND_HOTLINE_400\":140},\"byLevel\":{\"GENERAL\":300,\"MAJOR\":40},\"byCategory\":{},\"repeats\":34,\"invalid\":5}")));
        others.stubFor(
                get(urlPathEqualTo("/cases/summary"))
                        .willReturn(
                                okJson(
                                        "{\"month\":\"" + month
                                                + "\",\"total\":340,\"byLevel\":{\"GENERAL\":300,\"MAJOR\":40},\"byDepartment\":{\"technical\":120,\"service\":220},"
                                                + "\"slaCompliance\":{\"FIRST_RESPONSE\":{\"met\":328,\"breached\":12}},\"escalationsByRule\":{\"SLA-D2\":12},\"reopened\":17,"
                                                + "\"topRootCauses\":[{\"cause\":\"TORQUE\",\"count\":9}],\"capa\":{\"open\":20,\"closed\":300}}")));
        others.stubFor(get(urlPathEqualTo("/internal/v1/sanctions/summary"))
                .willReturn(okJson("{\"month\":\"" + month
                        + "\",\"total\":3,\"byPerson\":[{\"person\":\"desk.wang\",\"count\":2,\"totals\":{\"CNY\":80.50}},"
                        + "{\"person\":\"mgr.li\",\"count\":1,\"totals\":{}}]}")));
        others.stubFor(get(urlPathEqualTo("/compensations/summary"))
                .willReturn(
                        compensationStatus == 200
                                ? okJson(
                                        "{\"month\":\"" + month
                                                + "\",\"count\":15,\"countByKind\":{\"VOUCHER\":15},\"amountByKind\":{\"VOUCHER\":{\"amount\":1500.00,\"currency\":\"CNY\"}},\"byOutcome\":{\"APPROVED\":15}}")
                                : aResponse().withStatus(compensationStatus)));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder okJson(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    /** {@code count} follow-ups due in the month; every {@code scoredEvery}-th done with score 4. */
    private void seedFollowUps(String tenant, String month, int count, int scoredEvery) {
        var start = java.time.YearMonth.parse(month).atDay(1).atStartOfDay().toInstant(java.time.ZoneOffset.UTC);
        for (var from = 0; from < count; from += 20_000) {
            var batch = new java.util.ArrayList<Document>();
            for (var i = from; i < Math.min(count, from + 20_000); i++) {
                var doc = new Document("_id", tenant + month + i)
                        .append("tenant", tenant)
                        .append("caseId", "seed-" + month + "-" + i)
                        .append("type", "PHONE_CALL")
                        .append("dueAt", java.util.Date.from(start.plusSeconds(i)))
                        .append("status", i % scoredEvery == 0 ? "DONE" : "PLANNED");
                if (i % scoredEvery == 0 && scoredEvery > 1) {
                    doc.append("outcome", new Document("satisfaction", 4).append("satisfied", true));
                }
                batch.add(doc);
            }
            StoredFollowUps.insert(mongo, batch);
        }
    }

    private JsonNode plan(String tenant, String site, Instant resolvedAt, boolean rework) throws Exception {
        var answer = send(
                system(tenant),
                "/internal/v1/follow-ups/plans",
                planBody("k-" + UUID.randomUUID(), site, resolvedAt, rework));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return json(answer);
    }

    private static Map<String, Object> planBody(String caseId, String site, Instant resolvedAt, boolean rework) {
        var body = new LinkedHashMap<String, Object>();
        body.put("eventId", UUID.randomUUID().toString());
        body.put("caseId", caseId);
        body.put("complaintId", "c-" + caseId);
        body.put("site", site);
        body.put("resolvedAt", resolvedAt.toString());
        body.put("reworkDone", rework);
        return body;
    }

    private static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(SHANGHAI).toInstant();
    }

    private String system(String tenant) {
        return tokens.sign(CallerIdentity.system("routing-service", tenant));
    }

    private String staff(String tenant, String role) {
        return tokens.sign(new CallerIdentity(
                role + "-user",
                CallerIdentity.Kind.STAFF,
                tenant,
                Set.of(),
                Set.of(),
                Set.of(role),
                Set.of(),
                "Staff"));
    }

    private String partner(String tenant) {
        return tokens.sign(new CallerIdentity(
                "key:crm",
                CallerIdentity.Kind.PARTNER,
                tenant,
                Set.of(),
                Set.of(),
                Set.of("partner"),
                Set.of("complaints:read"),
                "CRM"));
    }

    private String staffIn(String tenant, String role, String... regions) {
        return tokens.sign(new CallerIdentity(
                role + "-user",
                CallerIdentity.Kind.STAFF,
                tenant,
                Set.of(regions),
                Set.of(),
                Set.of(role),
                Set.of(),
                "Staff"));
    }

    private HttpResponse<String> send(String identity, String path, Object body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Content-Type", "application/json")
                        .header(IdentityTokens.HEADER, identity)
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> read(String identity, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header(IdentityTokens.HEADER, identity)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** Takes the named ShedLock lock as another replica would (retrying while a scheduled run holds it). */
    private net.javacrumbs.shedlock.core.SimpleLock holdLock(String name) throws InterruptedException {
        for (var attempt = 0; attempt < 100; attempt++) {
            var lock = locks.lock(new net.javacrumbs.shedlock.core.LockConfiguration(
                    java.time.Instant.now(), name, java.time.Duration.ofMinutes(5), java.time.Duration.ZERO));
            if (lock.isPresent()) {
                return lock.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("could not take lock " + name);
    }
}
