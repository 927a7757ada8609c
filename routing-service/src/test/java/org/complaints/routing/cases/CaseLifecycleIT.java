package org.complaints.routing.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.identity.IdentityTokens;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The case state machine at routing's HTTP edge (DOMAIN.md §2.8, LC-07, LC-10, §12, ESC-*). */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "complaints.services.followup.url=http://127.0.0.1:1")
@ActiveProfiles("test")
class CaseLifecycleIT {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    IdentityTokens tokens;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    @DisplayName("POST /cases is idempotent by complaint id: the same case comes back")
    void openingTwiceReturnsTheSameCase() throws Exception {
        var complaintId = UUID.randomUUID().toString();
        var first = post(
                system("demo-dealer"),
                "/internal/v1/cases",
                openBody(complaintId, "SERVICE_ADVISOR_RECEPTION", "GENERAL", "PARTS"));
        var second = post(
                system("demo-dealer"),
                "/internal/v1/cases",
                openBody(complaintId, "SERVICE_ADVISOR_RECEPTION", "GENERAL", "PARTS"));
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(json(second).get("caseId").asText())
                .isEqualTo(json(first).get("caseId").asText());
    }

    @Test
    @DisplayName("RT-01 / scenario 6: domain PARTS goes to 沈瑜, TECHNICAL to 张诚, SERVICE to 钱城")
    void domainPicksTheResponsiblePerson() throws Exception {
        var id = open("SERVICE_ADVISOR_RECEPTION", "GENERAL", null);
        assertThat(json(get(staff("demo-dealer", "service-director"), "/cases/" + id))
                        .get("owner")
                        .asText())
                .isEqualTo("role:service-director");
        for (var entry :
                Map.of("PARTS", "沈瑜", "TECHNICAL", "张诚", "SERVICE", "钱城").entrySet()) {
            var assigned = post(
                    staff("demo-dealer", "service-director"),
                    "/cases/" + id + "/assignment",
                    Map.of("domain", entry.getKey()));
            assertThat(json(assigned).get("owner").asText()).isEqualTo(entry.getValue());
        }
    }

    @Test
    @DisplayName("LC-07: only the service director closes; the responsible person gets 403")
    void onlyTheServiceDirectorCloses() throws Exception {
        var id = resolvedCase(false);
        var denied = post(staff("demo-dealer", "responsible-person"), "/cases/" + id + "/closure", Map.of());
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.body()).contains("service-director");

        var closed = post(
                staff("demo-dealer", "service-director"), "/cases/" + id + "/closure", Map.of("reason", "resolved"));
        assertThat(closed.statusCode()).isEqualTo(200);
        assertThat(json(closed).get("state").asText()).isEqualTo("CLOSED");
        assertThat(json(closed).get("closedBy").asText()).isEqualTo("service-director-user");
    }

    @Test
    @DisplayName(
            "issue 12 / CL-03: a service advisor's level raise is a 403 problem detail naming the roles; the case is unchanged")
    void advisorMayNotRaiseTheLevel() throws Exception {
        var id = open("SERVICE_ADVISOR_RECEPTION", "GENERAL", "SERVICE");
        var before = json(get(staff("demo-dealer", "service-director"), "/cases/" + id));
        var denied = post(staff("demo-dealer", "service-advisor"), "/cases/" + id + "/level", Map.of("level", "MAJOR"));
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(denied.body()).contains("service-director").contains("CL-03");
        var after = json(get(staff("demo-dealer", "service-director"), "/cases/" + id));
        assertThat(after.get("level").asText()).isEqualTo("GENERAL");
        assertThat(after.get("version").asLong())
                .isEqualTo(before.get("version").asLong());
    }

    @Test
    @DisplayName("§2.8: closing a case that was never resolved is an illegal transition (409)")
    void illegalTransitionIsConflict() throws Exception {
        var id = open("SERVICE_ADVISOR_RECEPTION", "GENERAL", "SERVICE");
        var answer = post(staff("demo-dealer", "service-director"), "/cases/" + id + "/closure", Map.of());
        assertThat(answer.statusCode()).isEqualTo(409);
        assertThat(answer.body()).contains("illegal-transition");
    }

    @Test
    @DisplayName("LC-09 / §2.8: after rework, closure waits for a satisfied follow-up")
    void reworkNeedsAFollowUpBeforeClosure() throws Exception {
        var id = resolvedCase(true);
        assertThat(post(staff("demo-dealer", "service-director"), "/cases/" + id + "/closure", Map.of())
                        .statusCode())
                .isEqualTo(409);
        post(
                system("demo-dealer"),
                "/internal/v1/cases/" + id + "/events",
                Map.of("eventId", UUID.randomUUID().toString(), "type", "FOLLOW_UP_SATISFIED"));
        assertThat(post(staff("demo-dealer", "service-director"), "/cases/" + id + "/closure", Map.of())
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    @DisplayName(
            "LC-10 / RC-02: 加强培训 and 加强检查,加强培训 are rejected; a concrete measure with owner and due date is accepted")
    void vagueMeasuresAreRejected() throws Exception {
        var id = contacted();
        for (var vague : new String[] {"加强培训", "加强检查,加强培训", "strengthen training", "加強培訓"}) {
            var answer = post(
                    staff("demo-dealer", "responsible-person"),
                    "/cases/" + id + "/resolution",
                    resolution(vague, false));
            assertThat(answer.statusCode()).as(vague).isEqualTo(422);
            assertThat(answer.body()).contains("longTermMeasure").contains("owner");
        }
        var concrete = post(
                staff("demo-dealer", "responsible-person"),
                "/cases/" + id + "/resolution",
                resolution("Replace torque wrench calibration interval from 12 to 3 months", false));
        assertThat(concrete.statusCode()).isEqualTo(200);
        assertThat(json(concrete).get("resolution").get("defectCorrection").asText())
                .isNotBlank();
    }

    @Test
    @DisplayName("§12.1/§12.4: a banned phrase in a customer message is stored as a warning by default")
    void bannedPhrasesAreFlagged() throws Exception {
        var id = contacted();
        var answer = post(
                staff("demo-dealer", "responsible-person"),
                "/cases/" + id + "/messages",
                Map.of("text", "先生，這不是我的責任。"));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(json(answer).get("messages").get(0).get("bannedHits").toString())
                .contains("這不是我的責任");

        var clean = post(
                staff("demo-dealer", "responsible-person"), "/cases/" + id + "/messages", Map.of("text", "非常抱歉给您带来不便"));
        assertThat(json(clean).get("messages").get(1).get("bannedHits").size()).isZero();
    }

    @Test
    @DisplayName("ESC-08: an unsatisfied follow-up reopens the case for second handling, once per event id")
    void unsatisfiedFollowUpReopens() throws Exception {
        var id = resolvedCase(false);
        var event = Map.of(
                "eventId", UUID.randomUUID().toString(), "type", "FOLLOW_UP_UNSATISFIED", "reason", "still noisy");
        var reopened = json(post(system("demo-dealer"), "/internal/v1/cases/" + id + "/events", event));
        var again = json(post(system("demo-dealer"), "/internal/v1/cases/" + id + "/events", event));

        assertThat(reopened.get("state").asText()).isEqualTo("SECOND_HANDLING");
        assertThat(again.get("reopenCount").asInt()).isEqualTo(1);
        assertThat(reopened.get("escalations").toString()).contains("ESC-08");
    }

    @Test
    @DisplayName("ESC-04/ESC-05: approval pending is reflected; a rejected offer brings in the manager the event names")
    void compensationEventsMoveTheCase() throws Exception {
        var id = contacted();
        var pending = json(post(
                system("demo-dealer"),
                "/internal/v1/cases/" + id + "/events",
                Map.of("eventId", UUID.randomUUID().toString(), "type", "COMPENSATION_PENDING_APPROVAL")));
        assertThat(pending.get("state").asText()).isEqualTo("PENDING_APPROVAL");
        post(
                system("demo-dealer"),
                "/internal/v1/cases/" + id + "/events",
                Map.of("eventId", UUID.randomUUID().toString(), "type", "COMPENSATION_APPROVED"));
        var rejected = json(post(
                system("demo-dealer"),
                "/internal/v1/cases/" + id + "/events",
                Map.of(
                        "eventId",
                        UUID.randomUUID().toString(),
                        "type",
                        "OFFER_REJECTED_BY_CUSTOMER",
                        "data",
                        Map.of("escalateTo", "role:service-director"))));
        assertThat(rejected.get("state").asText()).isEqualTo("SOLUTION_PROPOSED");
        assertThat(rejected.get("owner").asText()).isEqualTo("role:service-director");
        assertThat(rejected.get("escalations").toString()).contains("ESC-05");
    }

    @Test
    @DisplayName(
            "RT-06 / SLA-X1: the third complaint on one product at one site within 24 h opens an incident with 1 h / 4 h / 24 h tasks and raises all linked cases to major")
    void groupComplaintOpensAnIncident() throws Exception {
        var product = "SKU-" + UUID.randomUUID();
        var ids = new java.util.ArrayList<String>();
        for (var i = 0; i < 3; i++) {
            var body = openBody(UUID.randomUUID().toString(), "SERVICE_ADVISOR_RECEPTION", "GENERAL", "TECHNICAL");
            body.put("productRef", product);
            body.put("receivedAt", "2025-03-03T0" + (2 + i) + ":00:00Z");
            ids.add(json(post(system("demo-dealer"), "/internal/v1/cases", body))
                    .get("caseId")
                    .asText());
        }
        var director = staff("demo-dealer", "service-director");
        var last = json(get(director, "/cases/" + ids.get(2)));
        var incidentId = last.get("incidentId").asText();
        var incidentAnswer = get(director, "/incidents/" + incidentId);
        var incident = json(incidentAnswer);

        assertThat(incident.has("caseIds"))
                .as(incidentAnswer.statusCode() + " " + incidentAnswer.body() + " id=" + incidentId)
                .isTrue();
        assertThat(last.get("deadlines").toString())
                .as("major clocks after the raise")
                .contains("SLA-D1")
                .contains("SLA-D2\"");
        assertThat(incident.get("caseIds").size()).isEqualTo(3);
        assertThat(incident.get("tasks").toString())
                .contains("SPECIAL_TEAM_FORMED")
                .contains("2025-03-03T05:00:00Z")
                .contains("TEMPORARY_SOLUTION_PUBLISHED")
                .contains("2025-03-03T08:00:00Z")
                .contains("EFFECT_VERIFIED")
                .contains("2025-03-04T04:00:00Z");
        for (var id : ids) {
            assertThat(json(get(director, "/cases/" + id)).get("level").asText())
                    .as(id)
                    .isEqualTo("MAJOR");
        }
        var unrelated = openBody(UUID.randomUUID().toString(), "SERVICE_ADVISOR_RECEPTION", "GENERAL", "TECHNICAL");
        unrelated.put("productRef", "SKU-other");
        assertThat(json(post(system("demo-dealer"), "/internal/v1/cases", unrelated))
                        .get("incidentId")
                        .isNull())
                .isTrue();
    }

    @Test
    @DisplayName(
            "bad input at the HTTP edge: events for an unknown case → 404, lowering a level → 409 (CL-03), both problem details; the view lists allowedActions and the round")
    void badInputIsAProblemDetail() throws Exception {
        var unknown = post(
                system("demo-dealer"),
                "/internal/v1/cases/no-such-case/events",
                Map.of("eventId", UUID.randomUUID().toString(), "type", "AGREEMENT_SIGNED"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");

        var id = open("MEDIA", "MAJOR", null);
        var lowered =
                post(staff("demo-dealer", "service-director"), "/cases/" + id + "/level", Map.of("level", "GENERAL"));
        assertThat(lowered.statusCode()).isEqualTo(409);
        assertThat(lowered.body()).contains("level-never-lowered");
        var view = json(get(staff("demo-dealer", "service-director"), "/cases/" + id));
        assertThat(view.get("level").asText()).isEqualTo("MAJOR");
        assertThat(view.get("round").asInt()).isEqualTo(1);
        assertThat(view.get("allowedActions").toString()).contains("HAND_OVER").doesNotContain("CLOSE");
        assertThat(post(
                                system("demo-dealer"),
                                "/cases/" + id + "/events",
                                Map.of("eventId", "x", "type", "AGREEMENT_SIGNED"))
                        .statusCode())
                .as("events moved to /internal/v1; a system identity may not write the public API")
                .isIn(403, 404);
    }

    @Test
    void regionAndSiteScopeInsideTheQuery() throws Exception {
        var east = open("SERVICE_ADVISOR_RECEPTION", "GENERAL", "SERVICE");
        var north = staffIn("demo-dealer", "service-director", Set.of("north"), Set.of());
        var minhang = staffIn("demo-dealer", "service-director", Set.of("east"), Set.of("sh-minhang"));

        assertThat(get(north, "/cases/" + east).statusCode()).isEqualTo(404);
        assertThat(get(north, "/cases?limit=200").body()).doesNotContain(east);
        assertThat(get(north, "/cases?site=sh-minhang").body()).doesNotContain(east);
        assertThat(get(north, "/cases/summary?month=2025-03&region=east").statusCode())
                .isEqualTo(404);
        // The request's own site inside the caller's sites narrows the filter (no field named twice).
        var mine = get(minhang, "/cases?site=sh-minhang&limit=200");
        assertThat(mine.statusCode()).as(mine.body()).isEqualTo(200);
        assertThat(mine.body()).contains(east);
        assertThat(get(minhang, "/cases/summary?month=2025-03&region=east&site=sh-minhang")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void anotherTenantsCaseIsNotFound() throws Exception {
        var id = open("SERVICE_ADVISOR_RECEPTION", "GENERAL", "SERVICE");
        assertThat(get(staff("demo-retail", "cs-manager"), "/cases/" + id).statusCode())
                .isEqualTo(404);
        assertThat(get(staff("demo-retail", "cs-manager"), "/policies/demo-dealer")
                        .statusCode())
                .isEqualTo(404);
        assertThat(get(staff("demo-dealer", "service-director"), "/policies/demo-dealer")
                        .body())
                .contains("SLA-D2");
    }

    // --- helpers

    private String open(String channel, String level, String domain) throws Exception {
        return json(post(
                        system("demo-dealer"),
                        "/internal/v1/cases",
                        openBody(UUID.randomUUID().toString(), channel, level, domain)))
                .get("caseId")
                .asText();
    }

    private String contacted() throws Exception {
        var id = open("SERVICE_ADVISOR_RECEPTION", "GENERAL", "SERVICE");
        post(staff("demo-dealer", "service-director"), "/cases/" + id + "/acceptance", Map.of());
        post(
                staff("demo-dealer", "responsible-person"),
                "/cases/" + id + "/contacts",
                Map.of("channel", "PHONE", "note", "called"));
        return id;
    }

    private String resolvedCase(boolean rework) throws Exception {
        var id = contacted();
        var answer = post(
                staff("demo-dealer", "responsible-person"),
                "/cases/" + id + "/resolution",
                resolution("Add a torque check to the pre-delivery checklist", rework));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return id;
    }

    private static Map<String, Object> resolution(String measure, boolean rework) {
        return Map.of(
                "resolution",
                Map.of(
                        "rootCause",
                        "Wheel bolts torqued by an uncalibrated wrench",
                        "defectCorrection",
                        "Re-torqued all four wheels",
                        "rework",
                        rework,
                        "longTermMeasure",
                        Map.of("action", measure, "owner", "张诚", "dueDate", "2025-04-01")));
    }

    private static java.util.LinkedHashMap<String, Object> openBody(
            String complaintId, String channel, String level, String domain) {
        var body = new java.util.LinkedHashMap<String, Object>();
        body.put("complaintId", complaintId);
        body.put("site", "sh-minhang");
        body.put("channel", channel);
        body.put("level", level);
        body.put("responsibleDomain", domain);
        body.put("receivedAt", "2025-03-03T07:20:00Z");
        return body;
    }

    private String system(String tenant) {
        return tokens.sign(CallerIdentity.system("intake-service", tenant));
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

    private String staffIn(String tenant, String role, Set<String> regions, Set<String> sites) {
        return tokens.sign(new CallerIdentity(
                role + "-user", CallerIdentity.Kind.STAFF, tenant, regions, sites, Set.of(role), Set.of(), "Staff"));
    }

    private HttpResponse<String> post(String identity, String path, Object body) throws Exception {
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

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
