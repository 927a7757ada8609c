package org.complaints.routing.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.Document;
import org.complaints.routing.cases.CaseRepository;
import org.complaints.routing.cases.CaseService;
import org.complaints.routing.clocks.DeadlineSweep;
import org.complaints.routing.system.RoutingMetrics;
import org.complaints.support.delivery.DeliveryRelay;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.identity.IdentityTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 11, notifications from routing's own sources, end to end inside routing with a stepping
 * clock and the embedded store: the deadline sweep writes the at-risk warning (SLA-X7), the breach
 * and the overdue root-cause task (LC-06) with the case; the relay turns each into one notification
 * for its person or role, counted by kind, readable at {@code GET /notifications}; each notification
 * is published once as a {@code NOTIFICATION_CREATED} event from its own outbox entry (ADR 0251).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "complaints.services.followup.url=http://127.0.0.1:1",
            "complaints.services.intake.url=http://127.0.0.1:1"
        })
@ActiveProfiles("test")
class NotificationSourcesIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    /** Monday 2025-03-03 09:00 in Shanghai. */
    static final Instant START = Instant.parse("2025-03-03T01:00:00Z");

    static final AtomicReference<Instant> NOW = new AtomicReference<>(START);
    static final List<NotificationCreated> PUBLISHED = new CopyOnWriteArrayList<>();

    @TestConfiguration
    static class SteppingTimeAndListener {
        @Bean
        @Primary
        Clock steppingClock() {
            return new org.complaints.support.testing.SteppingClock(NOW::get);
        }

        @Bean
        PublishedEvents publishedEvents() {
            return new PublishedEvents();
        }
    }

    /** Stands in for the partner-webhook consumer that does not exist yet. */
    static class PublishedEvents {
        @EventListener
        public void on(NotificationCreated event) {
            PUBLISHED.add(event);
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
    List<DeliveryRelay> relays;

    @Autowired
    DeadlineSweep sweep;

    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void emptyStore() {
        NOW.set(START);
        // due_buckets too: its sweep cursor would otherwise stay where an earlier test's clock left it.
        for (var collection : List.of("cases", "incidents", "notifications", "notification_inboxes", "due_buckets")) {
            mongo.remove(new Query(), collection);
        }
        PUBLISHED.clear();
    }

    @Test
    @DisplayName(
            "SLA-X7: at 80 % of the 30-minute first response two racing sweepers warn the responsible person 张诚 once (AT_RISK, counted once); a resent delivery creates nothing twice; the breach then tells the service director once (ESCALATION)")
    void atRiskOnceThenBreachOnce(
            @Autowired CaseRepository cases,
            @Autowired CaseService service,
            @Autowired RoutingMetrics metrics,
            @Autowired Clock clock)
            throws Exception {
        var id = openCase("CARE_FOLLOW_UP_CALL", "MAJOR", "TECHNICAL");
        var atRiskBefore = counted("AT_RISK");
        var escalationsBefore = counted("ESCALATION");
        NOW.set(START.plusSeconds(25 * 60));

        var other = new DeadlineSweep(cases, service, metrics, clock);
        try (var pool = Executors.newFixedThreadPool(2)) {
            var a = pool.submit(sweep::sweep);
            var b = pool.submit(other::sweep);
            assertThat(a.get() + b.get()).isEqualTo(1);
        }
        relayAll();
        resend(id, "at-risk:" + id + ":SLA-D2:1", "at-risk");
        relayAll();

        var zhang = staff("张诚", Set.of("responsible-person"));
        var warned = items(get(zhang, "/notifications"), "AT_RISK");
        assertThat(warned).singleElement().satisfies(n -> {
            assertThat(n.get("id").asText()).isEqualTo("at-risk:" + id + ":SLA-D2:1");
            assertThat(n.get("recipient").asText()).isEqualTo("person:张诚");
            assertThat(n.get("caseId").asText()).isEqualTo(id);
            assertThat(n.get("site").asText()).isEqualTo("sh-minhang");
            assertThat(n.get("text").asText()).contains("FIRST_RESPONSE").contains("SLA-D2");
        });
        assertThat(counted("AT_RISK") - atRiskBefore).isEqualTo(1.0);
        assertThat(items(get(staff("sa", Set.of("service-advisor")), "/notifications"), "AT_RISK"))
                .as("nobody else")
                .isEmpty();

        NOW.set(START.plusSeconds(31 * 60));
        sweep.sweep();
        sweep.sweep();
        relayAll();
        relayAll();

        var director = staff("sd", Set.of("service-director"));
        var escalated = items(get(director, "/notifications"), "ESCALATION");
        assertThat(escalated).singleElement().satisfies(n -> {
            assertThat(n.get("recipient").asText()).isEqualTo("role:service-director");
            assertThat(n.get("text").asText()).contains("SLA-D2").contains("missed");
        });
        assertThat(counted("ESCALATION") - escalationsBefore).isEqualTo(1.0);
    }

    @Test
    @DisplayName(
            "SLA-X7: a first response logged before the at-risk point leaves nobody warned (the clock settled, the sweep finds nothing at 09:25)")
    void settledClockWarnsNobody() throws Exception {
        var id = openCase("CARE_FOLLOW_UP_CALL", "MAJOR", "TECHNICAL");
        NOW.set(START.plusSeconds(10 * 60));
        var zhang = staff("张诚", Set.of("responsible-person"));
        assertThat(post(zhang, "/cases/" + id + "/acceptance", Map.of()).statusCode())
                .isEqualTo(200);
        assertThat(post(zhang, "/cases/" + id + "/contacts", Map.of("channel", "PHONE"))
                        .statusCode())
                .isEqualTo(200);
        NOW.set(START.plusSeconds(25 * 60));

        assertThat(sweep.sweep()).isZero();
        relayAll();

        zhang = staff("张诚", Set.of("responsible-person"));
        assertThat(items(get(zhang, "/notifications"), "AT_RISK")).isEmpty();
    }

    @Test
    @DisplayName(
            "SLA-X7: a warning written by the sweep but not yet relayed when the first response is logged is dropped: the clock settled, nobody is told it is at risk")
    void warningOfASettledClockIsDropped() throws Exception {
        var id = openCase("CARE_FOLLOW_UP_CALL", "MAJOR", "TECHNICAL");
        NOW.set(START.plusSeconds(25 * 60));
        assertThat(sweep.sweep()).isEqualTo(1);
        var zhang = staff("张诚", Set.of("responsible-person"));
        assertThat(post(zhang, "/cases/" + id + "/acceptance", Map.of()).statusCode())
                .isEqualTo(200);
        assertThat(post(zhang, "/cases/" + id + "/contacts", Map.of("channel", "PHONE"))
                        .statusCode())
                .isEqualTo(200);

        relayAll();

        assertThat(items(get(zhang, "/notifications"), "AT_RISK")).isEmpty();
        assertThat(mongo.findById(id, Document.class, "cases").getList("deliveries", Document.class))
                .as("the warning's delivery is acknowledged, not retried")
                .noneMatch(d -> "at-risk".equals(d.getString("kind")));
    }

    @Test
    @DisplayName(
            "LC-06: 沈瑜's root-cause task: a service advisor gets 403 and empty evidence 422 as problem details; overdue, the service director is told once (TASK_OVERDUE); 沈瑜 then completes it with evidence")
    void rootCauseTaskOverHttp() throws Exception {
        var id = openCase("WALK_IN", "GENERAL", "PARTS");
        var path = "/cases/" + id + "/tasks/ROOT_CAUSE/completion";
        var shen = staff("沈瑜", Set.of("responsible-person"));

        var refused = post(staff("sa", Set.of("service-advisor")), path, Map.of("evidence", "x"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        var empty = post(shen, path, Map.of("evidence", " "));
        assertThat(empty.statusCode()).isEqualTo(422);
        assertThat(empty.body()).contains("evidence");

        NOW.set(Instant.parse("2025-03-05T01:01:00Z"));
        sweep.sweep();
        relayAll();
        relayAll();

        var told = items(get(staff("sd", Set.of("service-director")), "/notifications"), "TASK_OVERDUE");
        assertThat(told).singleElement().satisfies(n -> {
            assertThat(n.get("id").asText()).isEqualTo("task-overdue:" + id + ":ROOT_CAUSE");
            assertThat(n.get("text").asText()).contains("ROOT_CAUSE").contains("LC-06");
        });

        shen = staff(
                "沈瑜", Set.of("responsible-person")); // identities are short-lived: signed again after the clock moved
        var done = post(shen, path, Map.of("evidence", "Wrong part number in the catalogue"));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        var task = task(json(done), "ROOT_CAUSE");
        assertThat(task.get("status").asText()).isEqualTo("DONE");
        assertThat(task.get("completedBy").asText()).isEqualTo("沈瑜");
    }

    @Test
    @DisplayName(
            "every created notification is published once as NOTIFICATION_CREATED from the outbox entry written with it, which the relay then removes (nothing piles up)")
    void notificationsArePublishedOnceFromTheirOutbox(@Autowired Notifications notifications) {
        var ids = new ArrayList<String>();
        for (var i = 0; i < 3; i++) {
            var eventId = "esc-" + UUID.randomUUID();
            ids.add(eventId);
            notifications.notify(
                    "demo-dealer",
                    NewNotification.toRole(
                            eventId,
                            "east",
                            "sh-minhang",
                            "service-director",
                            NotificationKind.ESCALATION,
                            "k-1",
                            "The case level rose (SLA-B3)"));
            var stored = mongo.findById(eventId, Document.class, "notifications");
            assertThat(stored.getList("deliveries", Document.class))
                    .as("written in the same insert")
                    .singleElement()
                    .satisfies(d -> {
                        assertThat(d.getString("kind")).isEqualTo("NOTIFICATION_CREATED");
                        assertThat(d.getString("eventId")).isEqualTo("notification-created:" + eventId);
                    });
        }

        relayAll();
        relayAll();

        assertThat(PUBLISHED).extracting(NotificationCreated::notificationId).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(PUBLISHED).allSatisfy(e -> {
            assertThat(e.eventId()).isEqualTo("notification-created:" + e.notificationId());
            assertThat(e.kind()).isEqualTo(NotificationKind.ESCALATION);
            assertThat(e.recipient()).isEqualTo("role:service-director");
            assertThat(e.tenant()).isEqualTo("demo-dealer");
        });
        for (var id : ids) {
            assertThat(mongo.findById(id, Document.class, "notifications").getList("deliveries", Document.class))
                    .as("published and removed")
                    .isEmpty();
        }
    }

    // --- helpers

    private void relayAll() {
        relays.forEach(r -> r.relayDue(1000));
    }

    /** As after a crash between creating the notification and acknowledging: the same entry again. */
    private void resend(String caseId, String eventId, String kind) {
        mongo.updateFirst(
                new Query(Criteria.where("_id").is(caseId)),
                new Update()
                        .push(
                                DeliveryRelay.FIELD,
                                new Document("eventId", eventId)
                                        .append("kind", kind)
                                        .append("due", java.util.Date.from(NOW.get()))
                                        .append("attempts", 0)),
                "cases");
        var saved = mongo.findById(caseId, Document.class, "cases");
        relays.forEach(r -> r.noteSaved("cases", saved));
    }

    private double counted(String kind) {
        return meters.get("complaints.notifications.created")
                .tag("kind", kind)
                .counter()
                .count();
    }

    private String openCase(String channel, String level, String domain) throws Exception {
        var body = new LinkedHashMap<String, Object>();
        body.put("complaintId", UUID.randomUUID().toString());
        body.put("site", "sh-minhang");
        body.put("channel", channel);
        body.put("level", level);
        body.put("responsibleDomain", domain);
        var answer = post(system(), "/internal/v1/cases", body);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return json(answer).get("caseId").asText();
    }

    private static List<JsonNode> items(HttpResponse<String> response, String kind) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        var found = new ArrayList<JsonNode>();
        json(response).get("items").forEach(n -> {
            if (kind.equals(n.get("kind").asText())) {
                found.add(n);
            }
        });
        return found;
    }

    private static JsonNode task(JsonNode view, String id) {
        for (var t : view.get("tasks")) {
            if (t.get("id").asText().equals(id)) {
                return t;
            }
        }
        throw new AssertionError("no task " + id + " in " + view.get("tasks"));
    }

    private String staff(String subject, Set<String> roles) {
        return tokens.sign(new CallerIdentity(
                subject, CallerIdentity.Kind.STAFF, "demo-dealer", Set.of(), Set.of(), roles, Set.of(), "Staff"));
    }

    private String system() {
        return tokens.sign(CallerIdentity.system("intake-service", "demo-dealer"));
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
