package org.complaints.intake.complaint;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.complaints.intake.system.IntakeMetrics;
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
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.event.AbstractMongoEventListener;
import org.springframework.data.mongodb.core.mapping.event.AfterLoadEvent;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Promises (OT-20, OT-21, §13.3) at intake's HTTP edge with a stepping clock: due time as a
 * duration or an instant, past due times refused, the sweep breaks each due promise exactly once
 * with two racing runners, counts it, and routing (WireMock) is told to notify the owner's
 * supervisor role; kept/broken per owner in the summary.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PromisesIT {

    static final WireMockServer routing = new WireMockServer(wireMockConfig().dynamicPort());
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final AtomicReference<Instant> NOW = new AtomicReference<>(Instant.parse("2026-03-02T02:00:00Z"));
    static final AtomicLong complaintLoads = new AtomicLong();

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

    @TestConfiguration
    static class SteppingTime {
        @Bean
        @Primary
        Clock steppingClock() {
            return new Clock() {
                @Override
                public ZoneId getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return NOW.get();
                }
            };
        }

        @Bean
        AbstractMongoEventListener<Complaint> complaintLoadCounter() {
            return new AbstractMongoEventListener<>() {
                @Override
                public void onAfterLoad(AfterLoadEvent<Complaint> event) {
                    complaintLoads.incrementAndGet();
                }
            };
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    IdentityTokens tokens;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    MeterRegistry meters;

    @Autowired
    PromiseSweep sweep;

    @Autowired
    PromiseDueBuckets buckets;

    @Autowired
    ComplaintRepository repository;

    @Autowired
    IntakeMetrics metrics;

    @Autowired
    DeliveryRelay relay;

    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void routingAnswers() {
        routing.resetAll();
        var resolutionDue = NOW.get().plus(Duration.ofHours(48));
        routing.stubFor(WireMock.post("/internal/v1/cases")
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"caseId\":\"k-" + UUID.randomUUID()
                                + "\",\"state\":\"REGISTERED\",\"owner\":\"role:cs-supervisor\",\"department\":\"service\","
                                + "\"deadlines\":[{\"clock\":\"RESOLUTION\",\"dueAt\":\"" + resolutionDue
                                + "\",\"rule\":\"SLA-R1\"}]}")));
        routing.stubFor(WireMock.post("/internal/v1/notifications")
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")));
    }

    @Test
    @DisplayName("OT-20: dueIn PT24H is 24 hours from the promise's time; the desk's supervisor is cs-supervisor")
    void durationIsCountedFromThePromisesTime() throws Exception {
        var id = complaint();
        var answer = promise(desk("ann"), id, Map.of("text", "Replacement delivered", "dueIn", "PT24H"));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        var body = json(answer);
        assertThat(Instant.parse(body.get("dueAt").asText()))
                .isEqualTo(NOW.get().plus(Duration.ofHours(24)));
        assertThat(body.get("status").asText()).isEqualTo("OPEN");
        assertThat(body.get("owner").asText()).isEqualTo("ann");
        assertThat(body.get("supervisorRole").asText()).isEqualTo("cs-supervisor");
        assertThat(body.get("warnings")).isEmpty();
    }

    @Test
    @DisplayName("OT-20: dueAt as an instant is kept as given")
    void instantIsKeptAsGiven() throws Exception {
        var id = complaint();
        var due = NOW.get().plus(Duration.ofHours(3));
        var answer = promise(desk("ann"), id, Map.of("text", "Call back", "dueAt", due.toString()));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        assertThat(Instant.parse(json(answer).get("dueAt").asText())).isEqualTo(due);
        assertThat(stored(id).promises).extracting(Complaint.Promise::dueAt).containsExactly(due);
    }

    @Test
    @DisplayName(
            "OT-20: a past due time, both or neither of dueAt/dueIn, a bad duration or no text → 422 naming the field; nothing stored")
    void badPromisesAreRefused() throws Exception {
        var id = complaint();
        var cases = new LinkedHashMap<String, Map<String, Object>>();
        cases.put(
                "dueAt", Map.of("text", "x", "dueAt", NOW.get().minusSeconds(1).toString()));
        cases.put("dueIn", Map.of("text", "x", "dueIn", "-PT1H"));
        cases.put("dueIn ", Map.of("text", "x", "dueIn", "tomorrow"));
        cases.put(
                "dueAt  ",
                Map.of(
                        "text",
                        "x",
                        "dueIn",
                        "PT1H",
                        "dueAt",
                        NOW.get().plusSeconds(60).toString()));
        cases.put("dueIn  ", Map.of("text", "x"));
        cases.put("text", Map.of("dueIn", "PT1H"));
        cases.put("text ", Map.of("text", " ", "dueIn", "PT1H"));
        for (var c : cases.entrySet()) {
            var answer = promise(desk("ann"), id, c.getValue());
            assertThat(answer.statusCode()).as(c.getKey() + answer.body()).isEqualTo(422);
            assertThat(answer.body()).contains("\"field\":\"" + c.getKey().strip() + "\"");
        }
        assertThat(stored(id).promises).isEmpty();
    }

    @Test
    @DisplayName("OT-20: a promise due after the case's resolution deadline is accepted with a warning naming it")
    void promiseAfterTheResolutionDeadlineWarns() throws Exception {
        var id = complaint();
        var answer = promise(desk("ann"), id, Map.of("text", "Refund", "dueIn", "PT72H"));
        assertThat(answer.statusCode()).isEqualTo(201);
        var warnings = json(answer).get("warnings");
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).get("code").asText()).isEqualTo("promise-after-resolution-deadline");
        assertThat(warnings.get(0).get("field").asText()).isEqualTo("dueAt");
        assertThat(stored(id).promises).hasSize(1);
    }

    @Test
    @DisplayName("issue 12: a role outside the preset's PROMISE_CREATE list gets 403 and nothing is stored")
    void promiseNeedsAPermittedRole() throws Exception {
        var id = complaint();
        var answer = promise(staff("hq", "hq-executive"), id, Map.of("text", "x", "dueIn", "PT1H"));
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).contains("service-desk");
        assertThat(stored(id).promises).isEmpty();
    }

    @Test
    @DisplayName(
            "OT-21: two racing sweeps break each due promise exactly once, count complaints_promises_broken_total once each, and leave kept and future ones alone")
    void twoRacingSweepsBreakEachPromiseOnce() throws Exception {
        quiet();
        var owner = "racer-" + UUID.randomUUID();
        var due = new ArrayList<String[]>();
        for (var i = 0; i < 6; i++) {
            var id = complaint();
            for (var j = 0; j < 2; j++) {
                var p = json(promise(desk(owner), id, Map.of("text", "Part ordered", "dueIn", "PT10M")));
                due.add(new String[] {id, p.get("promiseId").asText()});
            }
        }
        var keptComplaint = complaint();
        var kept = json(promise(desk(owner), keptComplaint, Map.of("text", "Call back", "dueIn", "PT5M")));
        var future = json(promise(desk(owner), keptComplaint, Map.of("text", "Visit", "dueIn", "PT2H")));
        assertThat(send(
                                desk(owner),
                                "/complaints/" + keptComplaint + "/promises/"
                                        + kept.get("promiseId").asText() + "/fulfilment",
                                Map.of("kept", true))
                        .statusCode())
                .isEqualTo(200);
        var before = broken("demo-retail");

        NOW.set(NOW.get().plus(Duration.ofMinutes(11)));
        var other = new PromiseSweep(buckets, repository, metrics, Clock.fixed(NOW.get(), ZoneOffset.UTC));
        try (var pool = Executors.newFixedThreadPool(2)) {
            var a = pool.submit(sweep::sweep);
            var b = pool.submit(other::sweep);
            assertThat(a.get() + b.get()).isEqualTo(12);
        }
        assertThat(sweep.sweep()).as("nothing left due").isZero();
        assertThat(broken("demo-retail") - before).isEqualTo(12.0);

        for (var d : due) {
            var c = stored(d[0]);
            assertThat(c.promises)
                    .filteredOn(p -> p.promiseId().equals(d[1]))
                    .extracting(Complaint.Promise::status)
                    .containsExactly("BROKEN");
            assertThat(c.deliveries)
                    .filteredOn(x -> x.eventId().equals("promise-broken:" + d[1]))
                    .hasSize(1);
        }
        assertThat(stored(keptComplaint).promises)
                .extracting(Complaint.Promise::status)
                .containsExactly("KEPT", "OPEN");
        assertThat(future.get("status").asText()).isEqualTo("OPEN");
        var late = send(
                desk(owner),
                "/complaints/" + due.getFirst()[0] + "/promises/" + due.getFirst()[1] + "/fulfilment",
                Map.of("kept", true));
        assertThat(late.statusCode())
                .as("a broken promise cannot be kept afterwards")
                .isEqualTo(409);
    }

    @Test
    @DisplayName(
            "OT-21: the broken promise reaches routing's notifications once, addressed to the owner's supervisor role")
    void brokenPromiseNotifiesTheSupervisorRole() throws Exception {
        quiet();
        var id = complaint();
        var promiseId = json(promise(desk("ann"), id, Map.of("text", "Refund 200", "dueIn", "PT30M")))
                .get("promiseId")
                .asText();
        NOW.set(NOW.get().plus(Duration.ofMinutes(31)));
        assertThat(sweep.sweep()).isEqualTo(1);

        relay.relayDue(100);
        relay.relayDue(100);

        routing.verify(
                1,
                postRequestedFor(urlEqualTo("/internal/v1/notifications"))
                        .withRequestBody(matchingJsonPath("$.eventId", equalTo("promise-broken:" + promiseId)))
                        .withRequestBody(matchingJsonPath("$.role", equalTo("cs-supervisor")))
                        .withRequestBody(matchingJsonPath("$.kind", equalTo("PROMISE_BROKEN")))
                        .withRequestBody(matchingJsonPath("$.complaintId", equalTo(id)))
                        .withRequestBody(matchingJsonPath("$.site", equalTo("sh-xujiahui")))
                        .withRequestBody(matchingJsonPath("$.region", equalTo("east"))));
        var sent = routing.findAll(postRequestedFor(urlEqualTo("/internal/v1/notifications")))
                .getFirst()
                .getBodyAsString();
        assertThat(sent)
                .as("no promise text or customer data")
                .doesNotContain("Refund")
                .doesNotContain("李女士");
        assertThat(stored(id).deliveries).as("acknowledged, so removed").isEmpty();
    }

    @Test
    @DisplayName("OT-21: the sweep loads only the complaints with due promises, not every complaint with a promise")
    void sweepLoadsOnlyDueComplaints() throws Exception {
        quiet();
        for (var i = 0; i < 15; i++) {
            promise(desk("ann"), complaint(), Map.of("text", "Later", "dueIn", "PT20H"));
        }
        var dueOne = complaint();
        promise(desk("ann"), dueOne, Map.of("text", "Soon", "dueIn", "PT1M"));
        NOW.set(NOW.get().plus(Duration.ofMinutes(2)));
        complaintLoads.set(0);
        assertThat(sweep.sweep()).isEqualTo(1);
        assertThat(complaintLoads.get()).isEqualTo(1);
    }

    @Test
    @DisplayName("OT-20/OT-21: the summary shows kept and broken promises per owner for the monthly report")
    void summaryShowsKeptAndBrokenPerOwner() throws Exception {
        quiet();
        var owner = "owner-" + UUID.randomUUID();
        var id = complaint();
        var keep = json(promise(desk(owner), id, Map.of("text", "Call back", "dueIn", "PT1H")));
        promise(desk(owner), id, Map.of("text", "Replace", "dueIn", "PT2H"));
        send(
                desk(owner),
                "/complaints/" + id + "/promises/" + keep.get("promiseId").asText() + "/fulfilment",
                Map.of("kept", true));
        NOW.set(NOW.get().plus(Duration.ofHours(2)).plusSeconds(1));
        assertThat(sweep.sweep()).isGreaterThanOrEqualTo(1);

        var summary = get(staff("sup", "cs-supervisor"), "/complaints/summary?month=2026-03");
        assertThat(summary.statusCode()).as(summary.body()).isEqualTo(200);
        var mine = json(summary).get("promises").get("byOwner").get(owner);
        assertThat(mine.get("kept").asLong()).isEqualTo(1);
        assertThat(mine.get("broken").asLong()).isEqualTo(1);
        var south = get(staff("south", "cs-supervisor", Set.of("south")), "/complaints/summary?month=2026-03");
        assertThat(json(south).get("promises").get("byOwner").has(owner))
                .as("another region does not see them")
                .isFalse();
    }

    // --- helpers

    /** Moves past every promise earlier tests left open (all due within days) and breaks them. */
    private void quiet() {
        NOW.set(NOW.get().plus(Duration.ofDays(4)));
        sweep.sweep();
    }

    private double broken(String tenant) {
        return meters.get("complaints.promises.broken")
                .tag("tenant", tenant)
                .counter()
                .count();
    }

    private Complaint stored(String id) {
        return mongo.findById(id, Complaint.class);
    }

    private String complaint() throws Exception {
        var answer = send(
                partner(),
                "/complaints",
                IntakeRulesIT.retailBody("COMPANY_HOTLINE"),
                Map.of("Idempotency-Key", "k-" + UUID.randomUUID()));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        var id = json(answer).get("id").asText();
        // On a loaded machine the inline hand-off may time out; the relay then opens the case.
        for (var attempt = 0;
                attempt < 10 && !"ROUTED".equals(stored(id).routing.status());
                attempt++) {
            NOW.set(NOW.get().plusSeconds(6));
            relay.relayDue(100);
            Thread.sleep(200);
        }
        assertThat(stored(id).routing.status()).isEqualTo("ROUTED");
        return id;
    }

    private HttpResponse<String> promise(String identity, String id, Map<String, Object> body) throws Exception {
        return send(identity, "/complaints/" + id + "/promises", body);
    }

    private String desk(String subject) {
        return tokens.sign(new CallerIdentity(
                subject,
                CallerIdentity.Kind.STAFF,
                "demo-retail",
                Set.of("east"),
                Set.of(),
                Set.of("service-desk"),
                Set.of(),
                "Staff"));
    }

    private String staff(String subject, String role) {
        return staff(subject, role, Set.of());
    }

    private String staff(String subject, String role, Set<String> regions) {
        return tokens.sign(new CallerIdentity(
                subject, CallerIdentity.Kind.STAFF, "demo-retail", regions, Set.of(), Set.of(role), Set.of(), "Staff"));
    }

    private String partner() {
        return tokens.sign(new CallerIdentity(
                "key:test",
                CallerIdentity.Kind.PARTNER,
                "demo-retail",
                Set.of(),
                Set.of(),
                Set.of("partner"),
                Set.of("complaints:write", "complaints:read"),
                "partner"));
    }

    private HttpResponse<String> send(String identity, String path, Object body) throws Exception {
        return send(identity, path, body, Map.of());
    }

    private HttpResponse<String> send(String identity, String path, Object body, Map<String, String> headers)
            throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .header(IdentityTokens.HEADER, identity);
        headers.forEach(request::header);
        return http.send(
                request.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
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
