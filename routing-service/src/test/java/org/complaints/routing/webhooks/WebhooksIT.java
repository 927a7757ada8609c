package org.complaints.routing.webhooks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.complaints.routing.cases.Action;
import org.complaints.routing.cases.Case;
import org.complaints.routing.cases.CaseEvent;
import org.complaints.routing.cases.CaseRepository;
import org.complaints.routing.cases.CaseService;
import org.complaints.routing.cases.OpenCaseRequest;
import org.complaints.routing.cases.Step;
import org.complaints.routing.notifications.NewNotification;
import org.complaints.routing.notifications.NotificationKind;
import org.complaints.routing.notifications.Notifications;
import org.complaints.support.delivery.DeliveryHandler;
import org.complaints.support.delivery.DeliveryRelay;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.identity.IdentityTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 13, partner webhooks inside routing, with a WireMock receiver, the embedded store and a
 * stepping clock: a whole case life reaches a subscriber signed, each event once and in sequence
 * order, through a receiver answering 503 and a relay rebuilt from the stored state; a head that
 * fails for 24 hours is parked, listed and redelivered by an operator; a key limited to a region
 * receives nothing of another region.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class WebhooksIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String TENANT = "demo-generic";
    /** Monday 2025-03-03 09:00 in Berlin. */
    static final Instant START = Instant.parse("2025-03-03T08:00:00Z");

    static final AtomicReference<Instant> NOW = new AtomicReference<>(START);
    static final WireMockServer receiver = new WireMockServer(wireMockConfig().dynamicPort());

    static {
        receiver.start();
    }

    @DynamicPropertySource
    static void peers(DynamicPropertyRegistry registry) {
        // intake's case-state mirror and follow-up's plans are answered by the same WireMock
        registry.add("complaints.services.followup.url", receiver::baseUrl);
        registry.add("complaints.services.intake.url", receiver::baseUrl);
    }

    @AfterAll
    static void stop() {
        receiver.stop();
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

    @Autowired
    IdentityTokens tokens;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    CaseService cases;

    @Autowired
    CaseRepository repository;

    @Autowired
    Notifications notifications;

    @Autowired
    @Qualifier("caseRelay")
    DeliveryRelay caseRelay;

    @Autowired
    @Qualifier("notificationRelay")
    DeliveryRelay notificationRelay;

    @Autowired
    @Qualifier("webhookRelay")
    DeliveryRelay webhookRelay;

    @Autowired
    List<DeliveryHandler> handlers;

    @Autowired
    MeterRegistry meters;

    @Autowired
    org.springframework.context.ConfigurableApplicationContext context;

    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void reset() {
        NOW.set(START);
        receiver.resetAll();
        receiver.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
        receiver.stubFor(WireMock.post(urlPathEqualTo("/internal/v1/follow-ups/plans"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                                [{"followUpId": "f-same-day", "type": "SAME_DAY", "rule": "FU-01", "dueAt": "2025-03-07T16:00:00Z"},
                                 {"followUpId": "f-day-7", "type": "DAY_7", "rule": "FU-02", "dueAt": "2025-03-14T16:00:00Z"}]
                                """)));
        for (var collection : List.of(
                "cases", "incidents", "notifications", "notification_inboxes", "due_buckets", Stream.COLLECTION)) {
            mongo.remove(new Query(), collection);
        }
        mongo.remove(new Query(), Subscription.class);
    }

    @Test
    @DisplayName(
            "a whole case life reaches the subscriber signed, each event once and in sequence order, through a minute of 503s and a relay rebuilt from the store; a key of another region gets nothing")
    void wholeLifeInOrderThroughOutageAndRestart() throws Exception {
        var everything = subscribe(partner(Set.of()), "/hooks/all");
        var west = subscribe(partner(Set.of("west")), "/hooks/west");
        receiver.stubFor(WireMock.post(urlPathEqualTo("/hooks/all"))
                .willReturn(aResponse().withStatus(503)));

        var id = wholeLife();

        for (var i = 0; i < 6; i++) { // a minute of 503s
            pump(Duration.ofSeconds(10), caseRelay, notificationRelay, webhookRelay);
        }
        var refused = received("/hooks/all");
        assertThat(refused).isNotEmpty().allSatisfy(e -> {
            assertThat(e.getResponse().getStatus()).isEqualTo(503);
            assertThat(e.getRequest().getHeader("webhook-id"))
                    .as("nothing after the first event while it is not acknowledged")
                    .isEqualTo(Stream.webhookId(everything.get("id").asText(), id, 1));
        });

        receiver.stubFor(WireMock.post(urlPathEqualTo("/hooks/all"))
                .willReturn(aResponse().withStatus(204)));
        // routing restarted: a relay with nothing in memory finds every stream again in the store
        var restarted = new DeliveryRelay(
                        mongo,
                        Stream.COLLECTION,
                        handlers,
                        new org.complaints.support.testing.SteppingClock(NOW::get),
                        meters,
                        "restarted")
                .withOwnSettings("complaints.webhooks.retry");
        restarted.configure(new org.complaints.support.delivery.RelaySettings(
                Duration.ofHours(1),
                100,
                Duration.ofHours(24),
                Duration.ofSeconds(30),
                true,
                Duration.ofMinutes(15),
                2));
        // as in a new process, the saves of the service reach the new relay
        context.addApplicationListener(new org.complaints.support.delivery.RelayHints(List.of(restarted)));
        for (var i = 0;
                i < 60 && acknowledged("/hooks/all").size() < published(id).size();
                i++) {
            pump(Duration.ofMinutes(2), caseRelay, notificationRelay, restarted);
        }

        var life = published(id);
        assertThat(life)
                .extracting(Case.PublishedEvent::type)
                .contains(
                        "complaint.received",
                        "case.routed",
                        "case.state_changed",
                        "sla.breached",
                        "compensation.decided",
                        "follow_up.due",
                        "follow_up.outcome",
                        "case.reopened",
                        "promise.broken",
                        "case.closed");
        var secret = everything.get("secret").asText();
        var delivered = acknowledged("/hooks/all");
        assertThat(delivered).hasSize(life.size());
        assertThat(delivered)
                .extracting(e -> e.getRequest().getHeader("webhook-id"))
                .doesNotHaveDuplicates();
        var sequences = new ArrayList<Long>();
        for (var e : delivered) {
            var request = e.getRequest();
            var body = request.getBodyAsString();
            assertThat(request.getHeader("webhook-signature"))
                    .as("Standard Webhooks signature")
                    .isEqualTo(sign(
                            secret, request.getHeader("webhook-id"), request.getHeader("webhook-timestamp"), body));
            var event = JSON.readTree(body);
            var sequence = event.get("sequence").asLong();
            sequences.add(sequence);
            var recorded = life.get((int) sequence - 1);
            assertThat(event.get("type").asText()).isEqualTo(recorded.type());
            assertThat(event.get("data").get("caseId").asText()).isEqualTo(id);
            assertThat(event.get("data").get("tenant").asText()).isEqualTo(TENANT);
            assertThat(request.getHeader("webhook-id"))
                    .isEqualTo(Stream.webhookId(everything.get("id").asText(), id, sequence));
        }
        assertThat(sequences)
                .as("in sequence order, no gap, no duplicate")
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, life.size()).boxed().toList());
        assertThat(received("/hooks/west"))
                .as("a key of region west: the europe case is not its")
                .isEmpty();
        assertThat(mongo.findById(Stream.id(west.get("id").asText(), id), Stream.class))
                .isNull();
        assertThat(webhookRelay.parked() + restarted.parked()).isZero();
    }

    @Test
    @DisplayName(
            "a head refused for 24 hours is parked (the rest waits behind it), listed for the operator and the partner; after the partner's redelivery the stream is delivered in order")
    void parkedThenRedelivered() throws Exception {
        var subscription = subscribe(partner(Set.of()), "/hooks/parked");
        receiver.stubFor(WireMock.post(urlPathEqualTo("/hooks/parked"))
                .willReturn(aResponse().withStatus(500)));
        var id = open("cd-counter-1");
        cases.act(staff("supervisor"), id, Action.ACCEPT, Step.empty());
        pump(Duration.ZERO, caseRelay);
        for (var hours = 0; hours < 25; hours++) {
            pump(Duration.ofHours(1), caseRelay, webhookRelay);
        }
        assertThat(webhookRelay.parked()).isEqualTo(1);
        var streamId = Stream.id(subscription.get("id").asText(), id);
        var first = Stream.webhookId(subscription.get("id").asText(), id, 1);

        var operator = tokens.sign(staffIdentity("general-manager"));
        var parked =
                JSON.readTree(get(operator, "/operations/relay/parked").body()).get("parked");
        assertThat(parked).singleElement().satisfies(p -> {
            assertThat(p.get("documentId").asText()).isEqualTo(streamId);
            assertThat(p.get("eventId").asText()).isEqualTo(first);
            assertThat(p.get("kind").asText()).isEqualTo("webhook");
            assertThat(p.get("lastError").asText())
                    .contains("retry budget spent")
                    .contains("500");
        });
        assertThat(received("/hooks/parked"))
                .extracting(e -> e.getRequest().getHeader("webhook-id"))
                .containsOnly(first);

        var subscriptionId = subscription.get("id").asText();
        var parkedPath = "/webhooks/subscriptions/" + subscriptionId + "/deliveries/parked";
        var own = JSON.readTree(get(partner(Set.of()), parkedPath).body()).get("items");
        assertThat(own).singleElement().satisfies(p -> {
            assertThat(p.get("webhookId").asText()).isEqualTo(first);
            assertThat(p.get("caseId").asText()).isEqualTo(id);
            assertThat(p.get("sequence").asLong()).isEqualTo(1);
            assertThat(p.get("eventType").asText()).isEqualTo("complaint.received");
            assertThat(p.get("lastError").asText()).contains("500");
        });
        var redeliverPath = "/webhooks/subscriptions/" + subscriptionId + "/deliveries/" + first + "/redeliver";
        assertThat(get(otherTenantPartner(), parkedPath).statusCode())
                .as("another tenant's key")
                .isEqualTo(404);
        assertThat(post(readOnlyPartner(), redeliverPath, Map.of()).statusCode())
                .as("a key without webhooks:write")
                .isEqualTo(403);
        assertThat(post(
                                partner(Set.of()),
                                "/webhooks/subscriptions/" + subscriptionId + "/deliveries/msg_unknown/redeliver",
                                Map.of())
                        .statusCode())
                .as("not a parked delivery of this subscription")
                .isEqualTo(404);

        receiver.stubFor(WireMock.post(urlPathEqualTo("/hooks/parked"))
                .willReturn(aResponse().withStatus(200)));
        var replay = post(partner(Set.of()), redeliverPath, Map.of());
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);
        assertThat(replay.headers().firstValue("Location")).hasValue(parkedPath);
        for (var i = 0; i < 10; i++) {
            pump(Duration.ofSeconds(1), webhookRelay);
        }

        assertThat(acknowledged("/hooks/parked"))
                .extracting(e -> JSON.readTree(e.getRequest().getBodyAsString())
                        .get("sequence")
                        .asLong())
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, published(id).size()).boxed().toList());
        assertThat(webhookRelay.parked()).isZero();
        assertThat(JSON.readTree(get(partner(Set.of()), parkedPath).body()).get("items"))
                .isEmpty();
        assertThat(post(partner(Set.of()), redeliverPath, Map.of()).statusCode())
                .as("delivered: nothing parked to redeliver")
                .isEqualTo(404);
    }

    @Test
    @DisplayName(
            "subscriptions: the secret is shown once; bad input is a problem (422); other tenants see 404; only partner keys with the scope and tenant administrators manage them; a deleted one receives nothing")
    void subscriptionApi() throws Exception {
        var created = subscribe(partner(Set.of()), "/hooks/api");
        var id = created.get("id").asText();
        assertThat(created.get("secret").asText()).startsWith("whsec_");
        var read = get(partner(Set.of()), "/webhooks/subscriptions/" + id);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(read.body()).get("secret").isNull()).isTrue();
        assertThat(JSON.readTree(get(partner(Set.of()), "/webhooks/subscriptions")
                                .body())
                        .get("items"))
                .extracting(n -> n.get("id").asText())
                .containsExactly(id);

        var unknown = post(
                partner(Set.of()),
                "/webhooks/subscriptions",
                Map.of("url", receiver.baseUrl() + "/x", "eventTypes", List.of("case.closed", "case.exploded")));
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(unknown.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(JSON.readTree(unknown.body())
                        .get("fields")
                        .get(0)
                        .get("field")
                        .asText())
                .isEqualTo("eventTypes[1]");
        assertThat(post(partner(Set.of()), "/webhooks/subscriptions", Map.of("eventTypes", List.of("case.closed")))
                        .statusCode())
                .isEqualTo(422);
        assertThat(post(
                                partner(Set.of()),
                                "/webhooks/subscriptions",
                                Map.of("url", "ftp://localhost/x", "eventTypes", List.of("case.closed")))
                        .statusCode())
                .isEqualTo(422);

        var otherTenant = tokens.sign(new CallerIdentity(
                "retail-partner",
                CallerIdentity.Kind.PARTNER,
                "demo-retail",
                Set.of(),
                Set.of(),
                Set.of("partner"),
                Set.of("webhooks:read", "webhooks:write"),
                "Retail partner"));
        assertThat(get(otherTenant, "/webhooks/subscriptions/" + id).statusCode())
                .isEqualTo(404);
        assertThat(delete(otherTenant, "/webhooks/subscriptions/" + id).statusCode())
                .isEqualTo(404);
        assertThat(get(partner(Set.of("west")), "/webhooks/subscriptions/" + id).statusCode())
                .as("wider than the caller's regions")
                .isEqualTo(404);

        var readOnly = tokens.sign(new CallerIdentity(
                "reader",
                CallerIdentity.Kind.PARTNER,
                TENANT,
                Set.of(),
                Set.of(),
                Set.of("partner"),
                Set.of("cases:read"),
                "Reader"));
        assertThat(post(readOnly, "/webhooks/subscriptions", body("/hooks/x")).statusCode())
                .isEqualTo(403);
        assertThat(post(tokens.sign(staffIdentity("cs-specialist")), "/webhooks/subscriptions", body("/hooks/x"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(post(
                                tokens.sign(CallerIdentity.system("intake-service", TENANT)),
                                "/webhooks/subscriptions",
                                body("/hooks/x"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(post(tokens.sign(staffIdentity("general-manager")), "/webhooks/subscriptions", body("/hooks/x"))
                        .statusCode())
                .as("a tenant administrator")
                .isEqualTo(201);

        assertThat(delete(partner(Set.of()), "/webhooks/subscriptions/" + id).statusCode())
                .isEqualTo(204);
        assertThat(get(partner(Set.of()), "/webhooks/subscriptions/" + id).statusCode())
                .isEqualTo(404);
        open("cd-counter-1");
        pump(Duration.ZERO, caseRelay, webhookRelay);
        pump(Duration.ofSeconds(1), webhookRelay);
        assertThat(received("/hooks/api")).as("deleted").isEmpty();
    }

    // --- the case life

    /** Every event type a case can publish, on one Berlin counter case, as the services would send them. */
    private String wholeLife() throws Exception {
        var supervisor = staff("supervisor");
        var id = open("ber-counter-1");
        cases.act(supervisor, id, Action.ACCEPT, Step.empty());
        NOW.set(NOW.get().plus(Duration.ofDays(3)));
        cases.act(supervisor, id, Action.CONTACT, Step.empty());
        cases.event(
                CallerIdentity.system("compensation-service", TENANT),
                id,
                new CaseEvent("comp-approved-1", "COMPENSATION_APPROVED", null, Map.of("compensationId", "comp-1")));
        cases.event(
                CallerIdentity.system("compensation-service", TENANT),
                id,
                new CaseEvent("comp-agreed-1", "AGREEMENT_SIGNED", null, Map.of("compensationId", "comp-1")));
        var resolved = cases.act(supervisor, id, Action.RESOLVE, resolution());
        assertThat(cases.view(resolved).propagation().awaiting())
                .as("ADR 0285: the answer to a resolution says its follow-up plan is on its way")
                .contains("follow-ups");
        pump(Duration.ZERO, caseRelay); // follow-up plans the round: follow_up.due
        assertThat(cases.view(cases.get(supervisor, id)).propagation().awaiting())
                .doesNotContain("follow-ups");
        notifications.notify(
                TENANT,
                NewNotification.toRole(
                        "promise-broken:p-1",
                        "europe",
                        "ber-counter-1",
                        "supervisor",
                        NotificationKind.PROMISE_BROKEN,
                        id,
                        "A promise to the customer was not kept by its due time (OT-21)."));
        pump(Duration.ZERO, notificationRelay);
        var followup = CallerIdentity.system("followup-service", TENANT);
        cases.event(followup, id, new CaseEvent("fu-1", "FOLLOW_UP_UNSATISFIED", null, Map.of("round", 1)));
        cases.act(supervisor, id, Action.CONTACT, Step.empty());
        cases.act(supervisor, id, Action.RESOLVE, resolution());
        cases.event(followup, id, new CaseEvent("fu-2", "FOLLOW_UP_SATISFIED", null, Map.of("round", 2)));
        cases.act(supervisor, id, Action.CLOSE, Step.empty());
        return id;
    }

    private String open(String site) {
        var request = new OpenCaseRequest(
                java.util.UUID.randomUUID().toString(),
                null,
                null,
                site,
                "PHONE",
                "GENERAL",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        return cases.open(CallerIdentity.system("intake-service", TENANT), request)
                .kase()
                .id();
    }

    private static Step resolution() {
        return new Step(
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                new Case.Resolution(
                        "Counter queue system mis-assigned the ticket",
                        "PROCESS",
                        "Ticket re-assigned and customer called back",
                        new Case.Measure(
                                "Queue rules reviewed weekly by the counter lead",
                                "counter.lead",
                                java.time.LocalDate.parse("2025-06-01")),
                        false,
                        null,
                        null),
                null,
                null);
    }

    private List<Case.PublishedEvent> published(String id) {
        return repository.findById(id).orElseThrow().published();
    }

    // --- the relays and the receiver

    private void pump(Duration step, DeliveryRelay... relays) {
        NOW.set(NOW.get().plus(step));
        for (var relay : relays) {
            relay.relayDue(1000);
        }
    }

    private List<ServeEvent> received(String path) {
        return receiver.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().equals(path))
                .sorted(Comparator.comparing(e -> e.getRequest().getLoggedDate()))
                .toList();
    }

    private List<ServeEvent> acknowledged(String path) {
        return received(path).stream()
                .filter(e -> e.getResponse().getStatus() / 100 == 2)
                .toList();
    }

    static String sign(String secret, String id, String timestamp, String body) throws Exception {
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        return "v1,"
                + Base64.getEncoder()
                        .encodeToString(
                                mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    // --- callers

    private JsonNode subscribe(String identity, String path) throws Exception {
        var answer = post(identity, "/webhooks/subscriptions", body(path));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return JSON.readTree(answer.body());
    }

    private Map<String, Object> body(String path) {
        return Map.of(
                "url", receiver.baseUrl() + path, "eventTypes", org.complaints.routing.cases.PartnerEvent.wireNames());
    }

    private String partner(Set<String> regions) {
        return tokens.sign(new CallerIdentity(
                "generic-partner",
                CallerIdentity.Kind.PARTNER,
                TENANT,
                regions,
                Set.of(),
                Set.of("partner"),
                Set.of("webhooks:read", "webhooks:write", "cases:read"),
                "Generic partner"));
    }

    private String readOnlyPartner() {
        return tokens.sign(new CallerIdentity(
                "reading-partner",
                CallerIdentity.Kind.PARTNER,
                TENANT,
                Set.of(),
                Set.of(),
                Set.of("partner"),
                Set.of("webhooks:read"),
                "Reading partner"));
    }

    private String otherTenantPartner() {
        return tokens.sign(new CallerIdentity(
                "other-partner",
                CallerIdentity.Kind.PARTNER,
                "demo-retail",
                Set.of(),
                Set.of(),
                Set.of("partner"),
                Set.of("webhooks:read", "webhooks:write"),
                "Other partner"));
    }

    private static CallerIdentity staff(String role) {
        return staffIdentity(role);
    }

    private static CallerIdentity staffIdentity(String role) {
        return new CallerIdentity(
                role + "-user", CallerIdentity.Kind.STAFF, TENANT, Set.of(), Set.of(), Set.of(role), Set.of(), "Staff");
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

    private HttpResponse<String> delete(String identity, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header(IdentityTokens.HEADER, identity)
                        .DELETE()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
