package org.complaints.followup.followup;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.complaints.support.delivery.DeliveryRelay;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.identity.IdentityTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Contact attempts (FU-03, §8.2) at followup-service's HTTP edge, with a stepping clock and routing
 * stubbed by WireMock: unreached attempts in a row escalate once to the owner's supervisor, the
 * relay delivers the notification at least once (also after routing was down), the counter counts
 * it, the overdue sweep never escalates a second time, and refusals change nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class FollowUpAttemptsIT {

    static final WireMockServer routing = new WireMockServer(wireMockConfig().dynamicPort());
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final AtomicReference<Instant> NOW = new AtomicReference<>(Instant.parse("2026-03-02T02:00:00Z"));
    static final String NOTIFICATIONS = "/internal/v1/notifications";

    static {
        routing.start();
    }

    @DynamicPropertySource
    static void urls(DynamicPropertyRegistry registry) {
        registry.add("complaints.services.routing.url", routing::baseUrl);
        registry.add("complaints.services.intake.url", routing::baseUrl);
        registry.add("complaints.services.compensation.url", routing::baseUrl);
    }

    @AfterAll
    static void stop() {
        routing.stop();
    }

    @TestConfiguration
    static class SteppingTime {
        @Bean
        @Primary
        Clock steppingClock() {
            return new org.complaints.support.testing.SteppingClock(NOW::get);
        }
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    IdentityTokens tokens;

    @Autowired
    DeliveryRelay relay;

    @Autowired
    OverdueSweep sweep;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    MeterRegistry meters;

    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void routingAcknowledges() {
        routing.resetAll();
        routing.stubFor(post(NOTIFICATIONS).willReturn(aResponse().withStatus(201)));
        relay.relayDue(1000); // nothing left over from another test
        routing.resetRequests();
    }

    @Test
    @DisplayName(
            "FU-03 / §8.2: three unreached attempts escalate once to the owner's supervisor; routing is notified once, the counter counts one; a fourth does not escalate again")
    void threeUnreachedAttemptsEscalateOnce() throws Exception {
        var id = plan("demo-retail", "sh-xujiahui", NOW.get().minus(Duration.ofDays(1)));
        var desk = staff("demo-retail", "service-desk");
        var before = escalations("demo-retail");

        assertThat(attempt(desk, id, false, "PHONE", "no answer").statusCode()).isEqualTo(201);
        var second = attempt(desk, id, false, "sms", null);
        assertThat(json(second).get("escalations")).isEmpty();
        var third = attempt(desk, id, false, "WECHAT", "message not read");
        assertThat(third.statusCode()).as(third.body()).isEqualTo(201);

        var view = json(third);
        assertThat(view.get("unreachedInARow").asInt()).isEqualTo(3);
        assertThat(view.get("attempts").findValuesAsString("channel")).containsExactly("PHONE", "SMS", "WECHAT");
        var last = view.get("attempts").get(2);
        assertThat(last.get("reached").asBoolean()).isFalse();
        assertThat(last.get("by").asText()).isEqualTo("service-desk-user");
        assertThat(Instant.parse(last.get("at").asText())).isEqualTo(NOW.get());
        var escalation = view.get("escalations").get(0);
        assertThat(escalation.get("reason").asText()).isEqualTo("FU-03");
        assertThat(escalation.get("escalatedTo").asText()).isEqualTo("cs-supervisor");
        assertThat(Instant.parse(escalation.get("escalatedAt").asText())).isEqualTo(NOW.get());
        assertThat(view.get("status").asText()).as("an attempt closes nothing").isEqualTo("PLANNED");
        assertThat(escalations("demo-retail")).isEqualTo(before + 1);

        assertThat(relay.relayDue(100)).isEqualTo(1);
        routing.verify(
                1,
                postRequestedFor(urlEqualTo(NOTIFICATIONS))
                        .withRequestBody(matchingJsonPath("$.eventId", equalTo("followup-escalation:FU-03:" + id)))
                        .withRequestBody(matchingJsonPath("$.role", equalTo("cs-supervisor")))
                        .withRequestBody(matchingJsonPath("$.kind", equalTo("FOLLOW_UP_UNREACHED")))
                        .withRequestBody(matchingJsonPath("$.region", equalTo("east")))
                        .withRequestBody(matchingJsonPath("$.site", equalTo("sh-xujiahui")))
                        .withRequestBody(matchingJsonPath(
                                "$.caseId", equalTo(view.get("caseId").asText()))));
        assertThat(routing.findAll(postRequestedFor(urlEqualTo(NOTIFICATIONS)))
                        .getFirst()
                        .getBodyAsString())
                .as("the text names the rule, not the attempts' notes")
                .contains("FU-03")
                .doesNotContain("message not read");

        var fourth = json(attempt(desk, id, false, "PHONE", null));
        assertThat(fourth.get("unreachedInARow").asInt()).isEqualTo(4);
        assertThat(fourth.get("escalations")).hasSize(1);
        relay.relayDue(100);
        routing.verify(1, postRequestedFor(urlEqualTo(NOTIFICATIONS)));
        assertThat(escalations("demo-retail")).isEqualTo(before + 1);
        assertThat(scrape())
                .containsPattern(
                        "complaints_followup_escalations_total\\{[^}]*reason=\"FU-03\"[^}]*tenant=\"demo-retail\"");
    }

    @Test
    @DisplayName(
            "FU-03: a reached attempt in between resets the count (no escalation); the outcome is still recorded after unreached attempts, and then attempts are refused (409)")
    void reachedAttemptResetsTheCount() throws Exception {
        var id = plan("demo-generic", "cd-counter-1", NOW.get().minus(Duration.ofHours(1)));
        var specialist = staff("demo-generic", "cs-specialist");
        attempt(specialist, id, false, "PHONE", null);
        attempt(specialist, id, false, "PHONE", null);
        var reached = json(attempt(specialist, id, true, "VISIT", "customer at home"));
        assertThat(reached.get("unreachedInARow").asInt()).isZero();
        assertThat(reached.get("status").asText())
                .as("reaching is not the outcome")
                .isEqualTo("PLANNED");
        assertThat(reached.path("outcome").isObject()).isFalse();
        attempt(specialist, id, false, "PHONE", null);
        var view = json(attempt(specialist, id, false, "EMAIL", null));
        assertThat(view.get("unreachedInARow").asInt()).isEqualTo(2);
        assertThat(view.get("escalations")).isEmpty();
        relay.relayDue(100);
        routing.verify(0, postRequestedFor(urlEqualTo(NOTIFICATIONS)));

        var outcome = send(specialist, "/follow-ups/" + id + "/outcome", Map.of("satisfaction", 5, "resolved", true));
        assertThat(outcome.statusCode()).as(outcome.body()).isEqualTo(200);
        var late = attempt(specialist, id, false, "PHONE", null);
        assertProblem(late, 409, "already-recorded");
        assertThat(json(read(specialist, "/follow-ups/" + id)).get("attempts")).hasSize(5);
    }

    @Test
    @DisplayName(
            "FU-03: routing down when the escalation is due → kept in the follow-up and delivered once routing is back (relay), under the same event id")
    void routingDownThenBack() throws Exception {
        routing.stubFor(post(NOTIFICATIONS).willReturn(aResponse().withStatus(503)));
        var id = plan("demo-dealer", "sh-minhang", NOW.get().minus(Duration.ofHours(1)));
        var officer = staff("demo-dealer", "customer-care-officer");
        for (var i = 0; i < 3; i++) {
            attempt(officer, id, false, "PHONE", null);
        }

        assertThat(relay.relayDue(100)).isZero();
        var pending = mongo.findById(id, FollowUp.class).deliveries;
        assertThat(pending).singleElement().satisfies(d -> {
            assertThat(d.attempts()).isEqualTo(1);
            assertThat(d.parkedAt()).isNull();
        });

        routing.stubFor(post(NOTIFICATIONS).willReturn(aResponse().withStatus(201)));
        NOW.set(NOW.get().plus(Duration.ofMinutes(1))); // past the relay's backoff
        assertThat(relay.relayDue(100)).isEqualTo(1);
        assertThat(mongo.findById(id, FollowUp.class).deliveries).isEmpty();
        var sent = routing.findAll(postRequestedFor(urlEqualTo(NOTIFICATIONS)));
        assertThat(sent).hasSize(2);
        assertThat(sent)
                .allSatisfy(r -> assertThat(r.getBodyAsString())
                        .contains("followup-escalation:FU-03:" + id)
                        .contains("\"role\":\"customer-care-director\""));
    }

    @Test
    @DisplayName(
            "FU-03: the overdue sweep only marks; an overdue follow-up escalates once by its attempts, and sweeping again neither escalates nor loses them")
    void overdueFollowUpEscalatesOnce() throws Exception {
        var id = plan("demo-generic", "cd-counter-1", NOW.get().minus(Duration.ofDays(10)));
        assertThat(sweep.sweep()).isPositive();
        assertThat(status(id)).isEqualTo("OVERDUE");
        var specialist = staff("demo-generic", "cs-specialist");
        var before = escalations("demo-generic");
        for (var i = 0; i < 3; i++) {
            attempt(specialist, id, false, "PHONE", null);
        }
        sweep.sweep();
        var view = json(read(specialist, "/follow-ups/" + id));
        assertThat(view.get("status").asText()).isEqualTo("OVERDUE");
        assertThat(view.get("attempts")).hasSize(3);
        assertThat(view.get("escalations")).hasSize(1);
        assertThat(escalations("demo-generic")).isEqualTo(before + 1);
        relay.relayDue(100);
        relay.relayDue(100);
        routing.verify(1, postRequestedFor(urlEqualTo(NOTIFICATIONS)));
    }

    @Test
    @DisplayName("overdue sweep: a save from a copy read before the mark fails instead of undoing OVERDUE")
    void sweepBeatsAStaleSave() throws Exception {
        var id = plan("demo-generic", "cd-counter-1", NOW.get().minus(Duration.ofDays(10)));
        var stale = mongo.findById(id, FollowUp.class);
        sweep.sweep();
        stale.attempts.add(new FollowUp.Attempt(false, "PHONE", null, "someone", NOW.get()));
        assertThatThrownBy(() -> mongo.save(stale)).isInstanceOf(OptimisticLockingFailureException.class);
        assertThat(status(id)).isEqualTo("OVERDUE");
    }

    @Test
    @DisplayName(
            "LC-09 / FU-03: a role outside the visit → 403 naming it; another region, tenant or an unknown id → 404; a partner → 403; nothing stored")
    void refusalsChangeNothing() throws Exception {
        var callback = plan("demo-dealer", "sh-minhang", NOW.get().minus(Duration.ofHours(1)), true);
        var refused = attempt(staff("demo-dealer", "customer-care-officer"), callback, false, "PHONE", null);
        assertProblem(refused, 403, "forbidden");
        assertThat(refused.body()).contains("service-manager").contains("LC-09");

        var europe = plan("demo-generic", "ber-counter-1", NOW.get().minus(Duration.ofHours(1)));
        assertProblem(
                attempt(staffIn("demo-generic", "cs-specialist", "west"), europe, false, "PHONE", null),
                404,
                "not-found");
        assertProblem(attempt(staff("demo-retail", "cs-manager"), europe, false, "PHONE", null), 404, "not-found");
        assertProblem(
                attempt(staff("demo-generic", "cs-specialist"), "no-such-id", false, "PHONE", null), 404, "not-found");
        assertProblem(attempt(partner("demo-generic"), europe, false, "PHONE", null), 403, "forbidden");

        assertThat(mongo.findById(callback, FollowUp.class).attempts).isEmpty();
        assertThat(mongo.findById(europe, FollowUp.class).attempts).isEmpty();
    }

    @Test
    @DisplayName(
            "FU-03: missing reached, an unknown channel, a note too long → 422 naming the field; who and when in the body → 400; beyond 50 attempts → 409; nothing stored")
    void badInputIsRefused() throws Exception {
        var id = plan("demo-retail", "sh-xujiahui", NOW.get().minus(Duration.ofHours(1)));
        var desk = staff("demo-retail", "service-desk");
        var path = "/follow-ups/" + id + "/attempts";

        assertField(send(desk, path, Map.of("channel", "PHONE")), 422, "reached");
        assertField(send(desk, path, Map.of("reached", false, "channel", "FAX")), 422, "channel");
        assertField(send(desk, path, Map.of("reached", false)), 422, "channel");
        assertField(
                send(desk, path, Map.of("reached", false, "channel", "PHONE", "note", "x".repeat(501))), 422, "note");
        assertProblem(send(desk, path, Map.of("reached", "yes", "channel", "PHONE")), 400, "invalid-body");
        var who = send(desk, path, Map.of("reached", false, "channel", "PHONE", "by", "someone-else"));
        assertProblem(who, 400, "invalid-body");
        assertThat(JSON.readTree(who.body()).get("fields").findValuesAsString("field"))
                .containsExactly("/by");
        assertThat(mongo.findById(id, FollowUp.class).attempts).isEmpty();

        var full = new java.util.ArrayList<FollowUp.Attempt>();
        for (var i = 0; i < FollowUpAttempts.MAX_ATTEMPTS; i++) {
            full.add(new FollowUp.Attempt(true, "PHONE", null, "service-desk-user", NOW.get()));
        }
        mongo.updateFirst(
                new Query(Criteria.where("_id").is(id)),
                new Update().set("attempts", mongo.getConverter().convertToMongoType(full)),
                FollowUp.class);
        assertProblem(attempt(desk, id, false, "PHONE", null), 409, "too-many-attempts");
        assertThat(mongo.findById(id, FollowUp.class).attempts).hasSize(FollowUpAttempts.MAX_ATTEMPTS);
    }

    // --- helpers

    private double escalations(String tenant) {
        Counter counter = meters.find("complaints.followup.escalations")
                .tags("tenant", tenant, "reason", "FU-03")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private String scrape() throws Exception {
        return http.send(
                        HttpRequest.newBuilder(
                                        URI.create("http://localhost:" + managementPort + "/actuator/prometheus"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private String status(String id) {
        return mongo.findById(id, FollowUp.class).status;
    }

    private static void assertProblem(HttpResponse<String> answer, int status, String type) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(JSON.readTree(answer.body()).get("type").asText()).endsWith("/" + type);
    }

    private static void assertField(HttpResponse<String> answer, int status, String field) {
        assertProblem(answer, status, "validation-failed");
        assertThat(JSON.readTree(answer.body()).get("fields").findValuesAsString("field"))
                .containsExactly(field);
    }

    private HttpResponse<String> attempt(String identity, String id, boolean reached, String channel, String note)
            throws Exception {
        var body = new LinkedHashMap<String, Object>();
        body.put("reached", reached);
        body.put("channel", channel);
        if (note != null) {
            body.put("note", note);
        }
        return send(identity, "/follow-ups/" + id + "/attempts", body);
    }

    private String plan(String tenant, String site, Instant resolvedAt) throws Exception {
        return plan(tenant, site, resolvedAt, false);
    }

    /** The first follow-up planned for a new case. */
    private String plan(String tenant, String site, Instant resolvedAt, boolean rework) throws Exception {
        var caseId = "k-" + UUID.randomUUID();
        var body = new LinkedHashMap<String, Object>();
        body.put("eventId", UUID.randomUUID().toString());
        body.put("caseId", caseId);
        body.put("complaintId", "c-" + caseId);
        body.put("site", site);
        body.put("resolvedAt", resolvedAt.toString());
        body.put("reworkDone", rework);
        var answer = send(
                tokens.sign(CallerIdentity.system("routing-service", tenant)), "/internal/v1/follow-ups/plans", body);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return json(answer).get(0).get("followUpId").asText();
    }

    private String staff(String tenant, String role) {
        return staffIn(tenant, role);
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

    private String partner(String tenant) {
        return tokens.sign(new CallerIdentity(
                "key:crm",
                CallerIdentity.Kind.PARTNER,
                tenant,
                Set.of(),
                Set.of(),
                Set.of("partner"),
                Set.of("complaints:write"),
                "CRM"));
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
}
