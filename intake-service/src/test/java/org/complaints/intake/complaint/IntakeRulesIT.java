package org.complaints.intake.complaint;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
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
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Intake rules at the service's HTTP edge, with routing stubbed. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class IntakeRulesIT {

    static final WireMockServer routing = new WireMockServer(wireMockConfig().dynamicPort());
    static final JsonMapper JSON = JsonMapper.builder().build();

    static {
        routing.start();
    }

    @DynamicPropertySource
    static void routingUrl(DynamicPropertyRegistry registry) {
        registry.add("complaints.services.routing.url", routing::baseUrl);
    }

    @AfterAll
    static void stop() {
        routing.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    IdentityTokens tokens;

    @Autowired
    MongoTemplate mongo;

    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void routingAnswers() {
        routing.resetAll();
        routing.stubFor(
                post("/internal/v1/cases")
                        .willReturn(
                                aResponse()
                                        .withStatus(201)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"caseId\":\"k-1\",\"state\":\"REGISTERED\",\"owner\":\"role:service-director\",\"department\":\"technical\",\"deadlines\":[]}")));
    }

    @Test
    @DisplayName(
            "LC-04: a dealer complaint without vehicle information is refused naming vehicleInfo, and nothing is stored")
    void dealerComplaintNeedsVehicleInformation() throws Exception {
        var before = stored();
        var answer = file(
                staff("demo-dealer", "customer-care-officer"), without(dealerBody("CARE_FOLLOW_UP_CALL"), "vehicle"));

        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(answer.body()).contains("\"field\":\"vehicle\"").contains("vehicleInfo");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    @DisplayName("LC-04: customer, channel and content are mandatory too, all named at once")
    void missingFieldsAreAllNamed() throws Exception {
        var body = without(without(dealerBody("CARE_FOLLOW_UP_CALL"), "customer"), "content");
        var answer = file(staff("demo-dealer", "customer-care-officer"), body);
        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(answer.body()).contains("\"field\":\"customer\"").contains("\"field\":\"content\"");
    }

    @Test
    @DisplayName("LC-03: a consumer-association complaint is recorded by the marketing manager only")
    void externalChannelNeedsTheMarketingManager() throws Exception {
        var body = dealerBody("CONSUMER_ASSOCIATION");
        assertThat(file(staff("demo-dealer", "service-advisor"), body).statusCode())
                .isEqualTo(403);

        var answer = file(staff("demo-dealer", "marketing-manager"), body);
        assertThat(answer.statusCode()).isEqualTo(201);
        assertThat(json(answer).get("canonicalLevel").asText())
                .as("LC-03: C4 carries general complaints too")
                .isEqualTo("GENERAL");
        assertThat(json(answer).get("level").asText())
                .as("the dealer preset's own name")
                .isEqualTo("一般");
    }

    @Test
    @DisplayName(
            "LC-03 / CL-01 / CL-02: a dealer C4 complaint is classified by its facts; only a major one is 重大 and routing gets MAJOR")
    void dealerC4IsGeneralOrMajorByItsFacts() throws Exception {
        var general = json(file(staff("demo-dealer", "marketing-manager"), dealerBody("MEDIA")));
        assertThat(general.get("canonicalLevel").asText()).isEqualTo("GENERAL");
        assertThat(general.get("external").asBoolean()).isTrue();

        var body = dealerBody("MEDIA");
        body.put("circumstances", List.of("PERSONAL_INJURY"));
        var major = json(file(staff("demo-dealer", "marketing-manager"), body));
        assertThat(major.get("canonicalLevel").asText()).isEqualTo("MAJOR");
        assertThat(major.get("level").asText()).isEqualTo("重大");
        routing.verify(postRequestedFor(urlEqualTo("/internal/v1/cases"))
                .withRequestBody(matchingJsonPath(
                        "$.complaintId", equalTo(major.get("id").asText())))
                .withRequestBody(matchingJsonPath("$.level", equalTo("MAJOR"))));
    }

    // --- issue 10: receipt time

    @Test
    @DisplayName("receivedAt two hours ago is stored and sent to routing as given; recordedAt is now")
    void receivedAtTwoHoursAgoIsKeptAndSentToRouting() throws Exception {
        var receivedAt =
                java.time.Instant.now().minus(java.time.Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        var body = retailBody("COMPANY_HOTLINE");
        body.put("receivedAt", receivedAt.toString());

        var answer = file(partner("demo-retail"), body);

        assertThat(answer.statusCode()).isEqualTo(201);
        var view = json(answer);
        assertThat(java.time.Instant.parse(view.get("receivedAt").asText())).isEqualTo(receivedAt);
        assertThat(java.time.Instant.parse(view.get("recordedAt").asText())).isAfter(receivedAt.plusSeconds(7000));
        routing.verify(postRequestedFor(urlEqualTo("/internal/v1/cases"))
                .withRequestBody(
                        matchingJsonPath("$.complaintId", equalTo(view.get("id").asText())))
                .withRequestBody(matchingJsonPath("$.receivedAt", equalTo(receivedAt.toString()))));
        var stored = mongo.findById(view.get("id").asText(), Complaint.class);
        assertThat(stored.receivedAt).isEqualTo(receivedAt);
    }

    @Test
    @DisplayName(
            "receivedAt in the future (beyond the 2-minute skew) or older than the tenant's P30D: 422 naming it, nothing stored")
    void receivedAtOutsideTheWindowIsRefused() throws Exception {
        var before = stored();
        var future = retailBody("COMPANY_HOTLINE");
        future.put("receivedAt", java.time.Instant.now().plusSeconds(600).toString());
        var tooOld = retailBody("COMPANY_HOTLINE");
        tooOld.put(
                "receivedAt",
                java.time.Instant.now().minus(java.time.Duration.ofDays(31)).toString());

        for (var body : List.of(future, tooOld)) {
            var answer = file(partner("demo-retail"), body);
            assertThat(answer.statusCode()).isEqualTo(422);
            assertThat(answer.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
            assertThat(answer.body()).contains("\"field\":\"receivedAt\"");
        }
        assertThat(stored()).isEqualTo(before);
        routing.verify(0, postRequestedFor(urlEqualTo("/internal/v1/cases")));

        var skew = retailBody("COMPANY_HOTLINE");
        skew.put("receivedAt", java.time.Instant.now().plusSeconds(30).toString());
        assertThat(file(partner("demo-retail"), skew).statusCode())
                .as("inside the clock skew")
                .isEqualTo(201);
    }

    // --- issue 10: the complaint mirrors its case

    @Test
    @DisplayName(
            "case-state events out of order and replayed: the final state is the highest sequence's; status, level, incident and round follow the case")
    void caseStateFollowsTheHighestSequence() throws Exception {
        var id = json(file(partner("demo-retail"), retailBody("COMPANY_HOTLINE")))
                .get("id")
                .asText();
        assertThat(json(get(partner("demo-retail"), "/complaints/" + id))
                        .get("status")
                        .asText())
                .isEqualTo("ROUTED");

        var system = system("demo-retail");
        var resolved = caseState("k-1", "RESOLVED", "MAJOR", "inc-9", 1, 5);
        var accepted = caseState("k-1", "ACCEPTED", "URGENT", null, 1, 2);
        var closed = caseState("k-1", "CLOSED", "MAJOR", "inc-9", 1, 7);
        for (var event : List.of(resolved, accepted, closed, accepted, resolved, closed)) {
            assertThat(postJson(system, "/internal/v1/complaints/" + id + "/case-state", event)
                            .statusCode())
                    .isEqualTo(204);
        }

        var view = json(get(partner("demo-retail"), "/complaints/" + id));
        assertThat(view.get("status").asText()).isEqualTo("CLOSED");
        assertThat(view.get("caseState").asText()).isEqualTo("CLOSED");
        assertThat(view.get("canonicalLevel").asText())
                .as("the case's raised level wins")
                .isEqualTo("MAJOR");
        assertThat(view.get("level").asText()).isEqualTo("IV");
        assertThat(view.get("incidentId").asText()).isEqualTo("inc-9");
        assertThat(view.get("round").asInt()).isEqualTo(1);
        assertThat(mongo.findById(id, Complaint.class).caseSequence).isEqualTo(7);

        var reopened = caseState("k-1", "SECOND_HANDLING", "MAJOR", "inc-9", 2, 8);
        postJson(system, "/internal/v1/complaints/" + id + "/case-state", reopened);
        var again = json(get(partner("demo-retail"), "/complaints/" + id));
        assertThat(again.get("status").asText()).isEqualTo("SECOND_HANDLING");
        assertThat(again.get("round").asInt()).isEqualTo(2);
    }

    @Test
    @DisplayName("case-state: unknown complaint 404, incomplete event 400 naming the field, staff callers 403")
    void caseStateRefusals() throws Exception {
        var event = caseState("k-1", "ACCEPTED", "GENERAL", null, 1, 1);
        assertThat(postJson(system("demo-retail"), "/internal/v1/complaints/no-such/case-state", event)
                        .statusCode())
                .isEqualTo(404);
        var id = json(file(partner("demo-retail"), retailBody("COMPANY_HOTLINE")))
                .get("id")
                .asText();
        var incomplete = new LinkedHashMap<>(event);
        incomplete.remove("sequence");
        var answer = postJson(system("demo-retail"), "/internal/v1/complaints/" + id + "/case-state", incomplete);
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("\"field\":\"sequence\"");
        assertThat(postJson(system("demo-dealer"), "/internal/v1/complaints/" + id + "/case-state", event)
                        .statusCode())
                .as("another tenant's complaint")
                .isEqualTo(404);
        assertThat(postJson(staff("demo-retail", "cs-manager"), "/internal/v1/complaints/" + id + "/case-state", event)
                        .statusCode())
                .isEqualTo(403);
        assertThat(mongo.findById(id, Complaint.class).caseSequence).isZero();
    }

    @Test
    @DisplayName(
            "OT-13 / CP-20: MALICIOUS_SUSPECTED only with a supervisor's approval, recorded; the wrong role gets 403 and nothing changes; filing with it is 422")
    void maliciousSuspicionNeedsASupervisor() throws Exception {
        var before = stored();
        var flagged = new LinkedHashMap<>(retailBody("COMPANY_HOTLINE"));
        flagged.put("flags", List.of("malicious_suspected"));
        var refusedAtFiling = file(partner("demo-retail"), flagged);
        assertThat(refusedAtFiling.statusCode()).isEqualTo(422);
        assertThat(refusedAtFiling.body()).contains("\"field\":\"flags\"").contains("OT-13");
        assertThat(stored()).isEqualTo(before);

        var id = json(file(partner("demo-retail"), retailBody("COMPANY_HOTLINE")))
                .get("id")
                .asText();
        var path = "/complaints/" + id + "/malicious-suspicion";
        var decision = Map.of("suspected", true, "reason", "同一订单第三次以不同理由索赔，录音与单据不符");
        var unflagged = json(get(partner("demo-retail"), "/complaints/" + id))
                .get("version")
                .asLong();
        var desk = postJson(staff("demo-retail", "service-desk"), path, decision);
        assertThat(desk.statusCode()).isEqualTo(403);
        assertThat(desk.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        var untouched = json(get(partner("demo-retail"), "/complaints/" + id));
        assertThat(untouched.get("flags").toString()).doesNotContain("MALICIOUS_SUSPECTED");
        assertThat(untouched.get("version").asLong()).isEqualTo(unflagged);
        assertThat(postJson(staff("demo-retail", "cs-supervisor"), path, Map.of("suspected", true))
                        .statusCode())
                .as("a reason is required")
                .isEqualTo(422);

        var approved = postJson(staff("demo-retail", "cs-supervisor"), path, decision);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        var view = json(approved);
        assertThat(view.get("flags").toString()).contains("MALICIOUS_SUSPECTED");
        var recorded = view.get("flagDecisions").get(0);
        assertThat(recorded.get("flag").asText()).isEqualTo("MALICIOUS_SUSPECTED");
        assertThat(recorded.get("set").asBoolean()).isTrue();
        assertThat(recorded.get("decidedBy").asText()).isEqualTo("cs-supervisor-user");
        assertThat(recorded.get("roles").toString()).contains("cs-supervisor");
        assertThat(recorded.get("reason").asText()).contains("录音与单据不符");
        assertThat(recorded.get("decidedAt").asText()).isNotBlank();

        var cleared = json(
                postJson(staff("demo-retail", "store-manager"), path, Map.of("suspected", false, "reason", "核实为误会")));
        assertThat(cleared.get("flags").toString()).doesNotContain("MALICIOUS_SUSPECTED");
        assertThat(cleared.get("flagDecisions")).hasSize(2);
    }

    @Test
    @DisplayName(
            "CP-17 / OT-04: a VIP flag or a top value grade raises the attention priority by one as the preset says; the level stays")
    void vipAndValueGradeRaisePriority() throws Exception {
        var plain = json(file(partner("demo-retail"), retailBody("COMPANY_HOTLINE")));
        assertThat(plain.get("level").asText()).isEqualTo("III");
        assertThat(plain.get("priority").asInt()).isEqualTo(3);

        var vipBody = new LinkedHashMap<>(retailBody("COMPANY_HOTLINE"));
        vipBody.put("flags", List.of("VIP"));
        var vip = json(file(partner("demo-retail"), vipBody));
        assertThat(vip.get("level").asText())
                .as("the level and its clocks stay")
                .isEqualTo("III");
        assertThat(vip.get("priority").asInt()).isEqualTo(4);
        assertThat(vip.get("priorityReasons").toString()).contains("VIP");

        var gradeBody = new LinkedHashMap<>(retailBody("COMPANY_HOTLINE"));
        gradeBody.put(
                "customer",
                Map.of("id", "c-" + UUID.randomUUID(), "name", "赵先生", "phone", "13700000000", "valueGrade", "大客户"));
        gradeBody.put("flags", List.of("VIP"));
        var both = json(file(partner("demo-retail"), gradeBody));
        assertThat(both.get("priority").asInt())
                .as("the largest raise, not the sum")
                .isEqualTo(4);
        assertThat(both.get("customer").get("valueGrade").asText()).isEqualTo("大客户");

        var ordinary = new LinkedHashMap<>(retailBody("COMPANY_HOTLINE"));
        ordinary.put(
                "customer",
                Map.of("id", "c-" + UUID.randomUUID(), "name", "钱女士", "phone", "13600000000", "valueGrade", "优质客户"));
        assertThat(json(file(partner("demo-retail"), ordinary)).get("priority").asInt())
                .as("优质客户 keeps the base in the retail preset")
                .isEqualTo(3);

        routing.verify(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                        com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/internal/v1/cases"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath(
                        "$.priority", com.github.tomakehurst.wiremock.client.WireMock.equalTo("4"))));
    }

    @Test
    @DisplayName("LC-31: not established at intake and confirmed by the case stay NOT_ESTABLISHED")
    void notEstablishedAgreesWithTheCase() throws Exception {
        var id = json(file(staff("demo-dealer", "service-advisor"), dealerBody("SERVICE_ADVISOR_RECEPTION")))
                .get("id")
                .asText();
        var decision = Map.of("valid", false, "reason", "facts not confirmed", "reply", "感谢您的反馈");
        postJson(staff("demo-dealer", "service-director"), "/complaints/" + id + "/validity", decision);
        // An older case state still on its way does not flip it back while the decision is pending.
        postJson(
                system("demo-dealer"),
                "/internal/v1/complaints/" + id + "/case-state",
                caseState("k-1", "ACCEPTED", "GENERAL", null, 1, 2));
        assertThat(json(get(partner("demo-dealer"), "/complaints/" + id))
                        .get("status")
                        .asText())
                .isEqualTo("NOT_ESTABLISHED");
        postJson(
                system("demo-dealer"),
                "/internal/v1/complaints/" + id + "/case-state",
                caseState("k-1", "CLOSED_NOT_ESTABLISHED", "GENERAL", null, 1, 3));
        var view = json(get(partner("demo-dealer"), "/complaints/" + id));
        assertThat(view.get("status").asText()).isEqualTo("NOT_ESTABLISHED");
        assertThat(view.get("caseState").asText()).isEqualTo("CLOSED_NOT_ESTABLISHED");
    }

    @Test
    @DisplayName(
            "LC-31 / §12.4 (ADR 0500): the validity reply is linted, hits stored with their replacement; valid is relayed to routing")
    void validityReplyIsLinted() throws Exception {
        var invalid = json(file(staff("demo-dealer", "service-advisor"), dealerBody("SERVICE_ADVISOR_RECEPTION")))
                .get("id")
                .asText();
        var answer = postJson(
                staff("demo-dealer", "service-director"),
                "/complaints/" + invalid + "/validity",
                Map.of("valid", false, "reason", "facts not confirmed", "reply", "这绝对不可能，您一定是弄错了"));
        assertThat(answer.statusCode()).isEqualTo(200);
        var check = json(answer).get("validity").get("replyCheck");
        assertThat(check.get("mode").asText()).isEqualTo("WARN");
        assertThat(check.get("hits")).hasSize(2);
        assertThat(check.get("hits").get(0).get("replacement").asText()).isEqualTo("我想确认一下,您刚才说的意思是不是……");

        var valid = json(file(staff("demo-dealer", "service-advisor"), dealerBody("SERVICE_ADVISOR_RECEPTION")))
                .get("id")
                .asText();
        var decided = postJson(
                staff("demo-dealer", "service-director"), "/complaints/" + valid + "/validity", Map.of("valid", true));
        assertThat(decided.statusCode()).isEqualTo(200);
        assertThat(mongo.findById(valid, Complaint.class).deliveries)
                .anyMatch(d -> d.kind().equals(RoutingHandOff.VALID));
    }

    @Test
    @DisplayName(
            "LC-31 after the end: a complaint whose case is CLOSED is not declared not established (409), nothing is relayed to routing")
    void endedCaseRefusesNotEstablished() throws Exception {
        var id = json(file(staff("demo-dealer", "service-advisor"), dealerBody("SERVICE_ADVISOR_RECEPTION")))
                .get("id")
                .asText();
        postJson(
                system("demo-dealer"),
                "/internal/v1/complaints/" + id + "/case-state",
                caseState("k-1", "CLOSED", "GENERAL", null, 1, 4));

        var late = postJson(
                staff("demo-dealer", "service-director"),
                "/complaints/" + id + "/validity",
                Map.of("valid", false, "reason", "found out later", "reply", "感谢您的反馈"));

        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(late.body()).contains("case-ended").contains("CLOSED");
        var stored = mongo.findById(id, Complaint.class);
        assertThat(stored.status).isEqualTo(Complaint.Status.CLOSED);
        assertThat(stored.deliveries).noneMatch(d -> d.kind().equals(RoutingHandOff.NOT_ESTABLISHED));
    }

    // --- issue 12: region and site scope

    @Test
    @DisplayName(
            "issue 12: an east-only key cannot read, list, count, see the customer history of, or replay a south complaint")
    void regionLimitedCallerSeesOnlyItsRegion() throws Exception {
        var customer = "scope-" + UUID.randomUUID();
        var southBody = retailBody("COMPANY_HOTLINE");
        southBody.put("site", "gz-tianhe");
        southBody.put("customer", Map.of("id", customer, "name", "李女士", "phone", "13900000009"));
        var key = "k-" + UUID.randomUUID();
        var south = json(file(partner("demo-retail"), southBody, key));
        var id = south.get("id").asText();
        var east = partner("demo-retail", Set.of("east"));

        assertThat(get(east, "/complaints/" + id).statusCode()).isEqualTo(404);
        assertThat(get(partner("demo-retail", Set.of("south")), "/complaints/" + id)
                        .statusCode())
                .isEqualTo(200);
        assertThat(get(east, "/complaints?limit=200").body()).doesNotContain(id);
        assertThat(get(east, "/complaints?region=south").statusCode()).isEqualTo(404);
        assertThat(json(get(east, "/customers/" + customer + "/complaints"))
                        .get("items")
                        .size())
                .isZero();
        assertThat(json(get(partner("demo-retail"), "/customers/" + customer + "/complaints"))
                        .get("items")
                        .size())
                .isEqualTo(1);
        var month = java.time.YearMonth.now(java.time.ZoneId.of("Asia/Shanghai"))
                .toString(); // the tenant's zone (ADR 0520)
        var eastSummary = json(get(east, "/complaints/summary?month=" + month));
        var allSummary = json(get(partner("demo-retail"), "/complaints/summary?month=" + month));
        assertThat(eastSummary.get("total").asLong())
                .isLessThan(allSummary.get("total").asLong());
        assertThat(get(east, "/complaints/summary?month=" + month + "&region=south")
                        .statusCode())
                .isEqualTo(404);

        var replay = file(east, southBody, key);
        assertThat(replay.statusCode())
                .as("a replay outside the scope (ADR 0107)")
                .isEqualTo(409);
        assertThat(replay.body()).doesNotContain(id).doesNotContain(customer);
        assertThat(file(partner("demo-retail", Set.of("south")), southBody, key).statusCode())
                .isEqualTo(200);
    }

    @Test
    @DisplayName("LC-03 C3 / scenario 4: the brand hotline needs the brand's ticket number, which is kept and shown")
    void brandHotlineNeedsTicketNumber() throws Exception {
        var answer = file(staff("demo-dealer", "service-director"), dealerBody("BRAND_HOTLINE_400"));
        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(answer.body()).contains("brandTicketNumber");

        // scenario 4: the brand's ticket number is kept and shown with the complaint
        var body = dealerBody("BRAND_HOTLINE_400");
        body.put("brandTicketNumber", "SVW-400-0001");
        var filed = file(staff("demo-dealer", "service-director"), body);
        assertThat(filed.statusCode()).isEqualTo(201);
        assertThat(json(filed).get("brandTicketNumber").asText()).isEqualTo("SVW-400-0001");
        var read = get(
                staff("demo-dealer", "service-director"),
                "/complaints/" + json(filed).get("id").asText());
        assertThat(json(read).get("brandTicketNumber").asText()).isEqualTo("SVW-400-0001");
    }

    @Test
    @DisplayName("presets: a court filing is level V at a retailer, not a channel the dealer accepts")
    void channelRulesDifferByPreset() throws Exception {
        var retail = file(partner("demo-retail"), retailBody("COURT"));
        assertThat(retail.statusCode()).isEqualTo(201);
        assertThat(json(retail).get("level").asText()).isEqualTo("V");
        assertThat(json(retail).get("external").asBoolean()).isTrue();

        var dealer = file(partner("demo-dealer"), dealerBody("COURT"));
        assertThat(dealer.statusCode()).isEqualTo(422);
        assertThat(dealer.body()).contains("\"field\":\"channel\"");
    }

    @Test
    @DisplayName("LC-30: the generic profile records the customer's demand")
    void genericProfileNeedsTheDemand() throws Exception {
        var body = retailBody("PHONE");
        body.put("site", "cd-counter-1");
        body.remove("demand");
        var answer = file(partner("demo-generic"), body);
        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(answer.body()).contains("\"field\":\"demand\"");
    }

    @Test
    void unknownChannelIsNamed() throws Exception {
        var answer = file(partner("demo-retail"), retailBody("CARRIER_PIGEON"));
        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(answer.body()).contains("\"field\":\"channel\"");
    }

    @Test
    @DisplayName("CL-02: lowering the computed level needs a supervisor; raising does not")
    void loweringTheLevelNeedsASupervisor() throws Exception {
        var body = retailBody("COMPANY_HOTLINE");
        body.put("requestedLevel", "GENERAL");
        var before = stored();
        assertThat(file(staff("demo-retail", "service-desk"), body).statusCode())
                .isEqualTo(403);
        assertThat(stored()).isEqualTo(before);

        var bySupervisor = file(staff("demo-retail", "cs-supervisor"), body);
        assertThat(bySupervisor.statusCode()).isEqualTo(201);
        assertThat(json(bySupervisor).get("canonicalLevel").asText()).isEqualTo("GENERAL");

        body.put("requestedLevel", "MAJOR");
        assertThat(json(file(staff("demo-retail", "service-desk"), body))
                        .get("canonicalLevel")
                        .asText())
                .isEqualTo("MAJOR");
    }

    @Test
    @DisplayName("CL-23 / CL-02.3 (scenario 23): a reporter as complainant makes the complaint major (retail IV)")
    void mediaProfessionFlagMakesItMajor() throws Exception {
        var body = retailBody("COMPANY_HOTLINE");
        body.remove("demand");
        body.put("flags", List.of("MEDIA_OR_LEGAL_PROFESSION"));
        var answer = json(file(partner("demo-retail"), body));
        assertThat(answer.get("level").asText()).isEqualTo("IV");
        assertThat(answer.get("flags").toString()).contains("MEDIA_OR_LEGAL_PROFESSION");
    }

    @Test
    void sameKeySameBodyReplaysAndAnotherBodyConflicts() throws Exception {
        var key = "k-" + UUID.randomUUID();
        var body = retailBody("COMPANY_HOTLINE");
        var first = file(partner("demo-retail"), body, key);
        var again = file(partner("demo-retail"), body, key);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("id").asText())
                .isEqualTo(json(first).get("id").asText());
        body.put("content", "something else");
        assertThat(file(partner("demo-retail"), body, key).statusCode()).isEqualTo(409);
    }

    @Test
    void concurrentRetriesWithOneKeyStoreOneComplaint() throws Exception {
        var key = "k-" + UUID.randomUUID();
        var body = retailBody("COMPANY_HOTLINE");
        try (var pool = Executors.newFixedThreadPool(8)) {
            var calls = java.util.stream.IntStream.range(0, 8)
                    .mapToObj(i -> (Callable<HttpResponse<String>>) () -> file(partner("demo-retail"), body, key))
                    .toList();
            var ids = new java.util.HashSet<String>();
            for (var f : pool.invokeAll(calls)) {
                ids.add(json(f.get()).get("id").asText());
            }
            assertThat(ids).hasSize(1);
        }
        assertThat(mongo.count(
                        new org.springframework.data.mongodb.core.query.Query(
                                org.springframework.data.mongodb.core.query.Criteria.where("idempotencyKey")
                                        .is(key)),
                        Complaint.class))
                .isEqualTo(1);
    }

    @Test
    void anotherTenantsComplaintIsNotFound() throws Exception {
        var id = json(file(partner("demo-retail"), retailBody("COMPANY_HOTLINE")))
                .get("id")
                .asText();
        assertThat(get(partner("demo-dealer"), "/complaints/" + id).statusCode())
                .isEqualTo(404);
        assertThat(get(partner("demo-retail"), "/complaints/" + id).statusCode())
                .isEqualTo(200);
        assertThat(get(partner("demo-retail"), "/complaints/%20not-an-id").statusCode())
                .isEqualTo(404);
    }

    @Test
    @DisplayName("OT-02/03: a second complaint of the same customer is linked to the first and flagged as a repeat")
    void repeatComplaintsAreLinked() throws Exception {
        var customer = "cust-" + UUID.randomUUID();
        var first = retailBody("COMPANY_HOTLINE");
        first.put("customer", Map.of("id", customer, "name", "李女士", "phone", "13900000001"));
        var firstId = json(file(partner("demo-retail"), first)).get("id").asText();
        var second = new LinkedHashMap<>(first);
        second.put("content", "又坏了");

        var answer = json(file(partner("demo-retail"), second));
        assertThat(answer.get("linkedComplaints").toString()).contains(firstId);
        assertThat(answer.get("repeat").asBoolean()).isTrue();
        var history = json(get(partner("demo-retail"), "/customers/" + customer + "/complaints"));
        assertThat(history.get("items").size()).isEqualTo(2);
    }

    @Test
    @DisplayName(
            "LC-31: a handler declares a complaint not established with a reason and a tactful reply; others may not")
    void notEstablishedNeedsTheRoleAReasonAndAReply() throws Exception {
        var id = json(file(staff("demo-dealer", "service-advisor"), dealerBody("SERVICE_ADVISOR_RECEPTION")))
                .get("id")
                .asText();
        var decision = Map.of("valid", false, "reason", "facts not confirmed", "reply", "感谢您的反馈，经核实……");

        assertThat(postJson(staff("demo-dealer", "service-advisor"), "/complaints/" + id + "/validity", decision)
                        .statusCode())
                .isEqualTo(403);
        assertThat(postJson(
                                staff("demo-dealer", "service-director"),
                                "/complaints/" + id + "/validity",
                                Map.of("valid", false, "reason", "x"))
                        .statusCode())
                .isEqualTo(422);
        var answer = postJson(staff("demo-dealer", "service-director"), "/complaints/" + id + "/validity", decision);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(json(answer).get("status").asText()).isEqualTo("NOT_ESTABLISHED");
        assertThat(get(partner("demo-dealer"), "/complaints/" + id).statusCode())
                .as("still archived")
                .isEqualTo(200);
    }

    @Test
    @DisplayName(
            "scenario 11 / LC-12 / OT-50: archived when the case closes on 2025-03-05 → retentionUntil 2027-03-05; an erasure before is 409 naming the date, under a legal hold 409, while handled 409; a reopening clears the archive")
    void retentionRunsTwoYearsFromArchiving() throws Exception {
        var id = json(file(partner("demo-retail"), retailBody("COMPANY_HOTLINE")))
                .get("id")
                .asText();
        var manager = staff("demo-retail", "cs-manager");
        var filed = json(get(partner("demo-retail"), "/complaints/" + id));
        assertThat(filed.get("retentionUntil").isNull()).as("not from filing").isTrue();
        var handled = delete(manager, "/complaints/" + id);
        assertThat(handled.statusCode()).isEqualTo(409);
        assertThat(handled.body()).contains("retention-not-started");

        var closed = caseState("k-1", "CLOSED", "GENERAL", null, 1, 3);
        closed.put("at", "2025-03-05T02:00:00Z"); // 10:00 in Shanghai
        assertThat(postJson(system("demo-retail"), "/internal/v1/complaints/" + id + "/case-state", closed)
                        .statusCode())
                .isEqualTo(204);
        var archived = json(get(partner("demo-retail"), "/complaints/" + id));
        assertThat(archived.get("archivedAt").asText()).isEqualTo("2025-03-05T02:00:00Z");
        assertThat(archived.get("retentionUntil").asText()).isEqualTo("2027-03-05T02:00:00Z");

        var early = delete(manager, "/complaints/" + id);
        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(early.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(early.body()).contains("retention-period").contains("2027-03-05T02:00:00Z");
        assertThat(delete(staff("demo-retail", "service-desk"), "/complaints/" + id)
                        .statusCode())
                .as("ERASURE is the managers'")
                .isEqualTo(403);
        assertThat(mongo.findById(id, Complaint.class).anonymised).isFalse();

        var reopened = caseState("k-1", "SECOND_HANDLING", "GENERAL", null, 2, 4);
        postJson(system("demo-retail"), "/internal/v1/complaints/" + id + "/case-state", reopened);
        var again = json(get(partner("demo-retail"), "/complaints/" + id));
        assertThat(again.get("archivedAt").isNull()).isTrue();
        assertThat(again.get("retentionUntil").isNull()).isTrue();
    }

    @Test
    @DisplayName(
            "LC-12 / OT-50: after the retention an erasure anonymises at once and orders routing, compensation and follow-up to anonymise theirs; a legal hold refuses it")
    void erasureAfterTheRetention() throws Exception {
        var id = json(file(partner("demo-retail"), retailBody("COMPANY_HOTLINE")))
                .get("id")
                .asText();
        var closed = caseState("k-1", "CLOSED", "GENERAL", null, 1, 3);
        closed.put("at", "2020-01-01T00:00:00Z");
        postJson(system("demo-retail"), "/internal/v1/complaints/" + id + "/case-state", closed);
        var manager = staff("demo-retail", "cs-manager");
        postJson(manager, "/complaints/" + id + "/legal-hold", Map.of("hold", true, "reason", "court case 2025-17"));
        var held = delete(manager, "/complaints/" + id);
        assertThat(held.statusCode()).isEqualTo(409);
        assertThat(held.body()).contains("legal-hold").contains("court case 2025-17");
        assertThat(mongo.findById(id, Complaint.class).anonymised).isFalse();

        postJson(manager, "/complaints/" + id + "/legal-hold", Map.of("hold", false));
        var erased = delete(manager, "/complaints/" + id);
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        assertThat(json(erased).get("anonymised").asBoolean()).isTrue();
        assertThat(json(erased).get("customer").get("phone").isNull()).isTrue();
        var stored = mongo.findById(id, Complaint.class);
        assertThat(stored.deliveries.stream().map(d -> d.eventId()))
                .contains("anonymise-routing:" + id, "anonymise-compensation:" + id, "anonymise-followup:" + id);
        assertThat(delete(manager, "/complaints/" + id).statusCode())
                .as("a repeat")
                .isEqualTo(200);
    }

    @Test
    void routingDownStillStoresTheComplaintAsPending() throws Exception {
        routing.resetAll();
        routing.stubFor(post("/internal/v1/cases").willReturn(aResponse().withStatus(503)));
        var answer = file(partner("demo-retail"), retailBody("COMPANY_HOTLINE"));
        assertThat(answer.statusCode()).isEqualTo(201);
        assertThat(json(answer).get("routing").get("status").asText()).isEqualTo("PENDING");
    }

    // --- helpers

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

    private String system(String tenant) {
        return tokens.sign(CallerIdentity.system("routing-service", tenant));
    }

    private static Map<String, Object> caseState(
            String caseId, String state, String level, String incidentId, int round, long sequence) {
        var event = new LinkedHashMap<String, Object>();
        event.put("eventId", "e-" + UUID.randomUUID());
        event.put("caseId", caseId);
        event.put("state", state);
        event.put("level", level);
        event.put("incidentId", incidentId);
        event.put("round", round);
        event.put("sequence", sequence);
        event.put("at", java.time.Instant.now().toString());
        return event;
    }

    private String partner(String tenant) {
        return partner(tenant, Set.of());
    }

    private String partner(String tenant, Set<String> regions) {
        return tokens.sign(new CallerIdentity(
                "key:test",
                CallerIdentity.Kind.PARTNER,
                tenant,
                regions,
                Set.of(),
                Set.of("partner"),
                Set.of("complaints:write", "complaints:read"),
                "partner"));
    }

    static LinkedHashMap<String, Object> dealerBody(String channel) {
        var body = new LinkedHashMap<String, Object>();
        body.put("channel", channel);
        body.put("site", "sh-minhang");
        body.put("customer", Map.of("id", "c-" + UUID.randomUUID(), "name", "王先生", "phone", "13800138000"));
        body.put(
                "vehicle",
                Map.of("vin", "LSVAA4180E2" + UUID.randomUUID().toString().substring(0, 6), "plate", "沪A12345"));
        body.put("content", "发动机异响");
        return body;
    }

    static LinkedHashMap<String, Object> retailBody(String channel) {
        var body = new LinkedHashMap<String, Object>();
        body.put("channel", channel);
        body.put("site", "sh-xujiahui");
        body.put("customer", Map.of("id", "c-" + UUID.randomUUID(), "name", "李女士", "phone", "13900000000"));
        body.put("content", "冰箱送货延误");
        body.put("demand", Map.of("kind", "COMPENSATION", "amount", Map.of("amount", "200", "currency", "CNY")));
        return body;
    }

    static LinkedHashMap<String, Object> without(Map<String, Object> body, String field) {
        var copy = new LinkedHashMap<>(body);
        copy.remove(field);
        return copy;
    }

    private long stored() {
        return mongo.count(new org.springframework.data.mongodb.core.query.Query(), Complaint.class);
    }

    private HttpResponse<String> file(String identity, Map<String, Object> body) throws Exception {
        return file(identity, body, "k-" + UUID.randomUUID());
    }

    private HttpResponse<String> file(String identity, Map<String, Object> body, String key) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/complaints"))
                        .header("Content-Type", "application/json")
                        .header(IdentityTokens.HEADER, identity)
                        .header("Idempotency-Key", key)
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postJson(String identity, String path, Object body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Content-Type", "application/json")
                        .header(IdentityTokens.HEADER, identity)
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String identity, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header(IdentityTokens.HEADER, identity)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> delete(String identity, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header(IdentityTokens.HEADER, identity)
                        .DELETE()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
