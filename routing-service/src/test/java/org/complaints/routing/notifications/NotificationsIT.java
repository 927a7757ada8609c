package org.complaints.routing.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.identity.IdentityTokens;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Notifications at routing's HTTP edge (issue 11: every broken promise, escalation and alert
 * creates a notification readable by its person or role, unread first; OT-20/OT-21 deliver the
 * broken promises here). A stepping clock orders them.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "complaints.services.followup.url=http://127.0.0.1:1")
@ActiveProfiles("test")
class NotificationsIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final AtomicReference<Instant> NOW = new AtomicReference<>(Instant.parse("2026-03-02T02:00:00Z"));

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
    MeterRegistry meters;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    @DisplayName(
            "OT-21: a PROMISE_BROKEN to role cs-supervisor is seen by an east cs-supervisor, not by a store-manager nor a south-only cs-supervisor")
    void roleAddressedNotificationReachesThatRoleInsideItsRegionOnly() throws Exception {
        var eventId = "promise-broken-" + UUID.randomUUID();
        var created = post(system("demo-retail"), "/internal/v1/notifications", toRole(eventId, "cs-supervisor"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        assertThat(ids(get(staff("demo-retail", "ann", Set.of("cs-supervisor"), Set.of("east")), "/notifications")))
                .contains(eventId);
        assertThat(ids(get(staff("demo-retail", "ann", Set.of("cs-supervisor"), Set.of()), "/notifications")))
                .as("no region limit = the whole tenant")
                .contains(eventId);
        assertThat(ids(get(staff("demo-retail", "bob", Set.of("store-manager"), Set.of()), "/notifications")))
                .as("another role")
                .doesNotContain(eventId);
        assertThat(ids(get(staff("demo-retail", "cid", Set.of("cs-supervisor"), Set.of("south")), "/notifications")))
                .as("another region")
                .doesNotContain(eventId);
        assertThat(ids(get(staff("demo-dealer", "dan", Set.of("cs-supervisor"), Set.of()), "/notifications")))
                .as("another tenant")
                .doesNotContain(eventId);
        var other = post(
                staff("demo-retail", "cid", Set.of("cs-supervisor"), Set.of("south")),
                "/notifications/" + eventId + "/read",
                Map.of());
        assertThat(other.statusCode()).as("outside the scope is not found").isEqualTo(404);
    }

    @Test
    @DisplayName("unread first, then newest; marking one read moves it behind the unread ones; the cursor pages by key")
    void unreadFirstThenNewestAndMarkRead() throws Exception {
        var person = "p-" + UUID.randomUUID();
        var ids = new ArrayList<String>();
        for (var i = 0; i < 3; i++) {
            var eventId = "e-" + UUID.randomUUID();
            ids.add(eventId);
            assertThat(post(system("demo-retail"), "/internal/v1/notifications", toPerson(eventId, person))
                            .statusCode())
                    .isEqualTo(201);
            NOW.set(NOW.get().plus(Duration.ofMinutes(1)));
        }
        var reader = staff("demo-retail", person, Set.of("service-desk"), Set.of("east"));
        assertThat(ids(get(reader, "/notifications")))
                .as("newest first")
                .containsSubsequence(ids.get(2), ids.get(1), ids.get(0));

        var read = post(reader, "/notifications/" + ids.get(2) + "/read", Map.of());
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(json(read).get("read").asBoolean()).isTrue();
        assertThat(Instant.parse(json(read).get("readAt").asText())).isEqualTo(NOW.get());
        var again = post(reader, "/notifications/" + ids.get(2) + "/read", Map.of());
        assertThat(again.statusCode()).as("marking again is harmless").isEqualTo(200);
        assertThat(json(again).get("readAt").asText())
                .isEqualTo(json(read).get("readAt").asText());

        var page = json(get(reader, "/notifications"));
        assertThat(ids(page)).containsExactly(ids.get(1), ids.get(0), ids.get(2));
        assertThat(page.get("items").get(2).get("read").asBoolean()).isTrue();

        var first = json(get(reader, "/notifications?limit=2"));
        assertThat(ids(first)).containsExactly(ids.get(1), ids.get(0));
        var second = json(get(
                reader,
                "/notifications?limit=2&cursor=" + first.get("nextCursor").asText()));
        assertThat(ids(second)).containsExactly(ids.get(2));
        assertThat(second.get("nextCursor").isNull()).isTrue();

        var stranger = staff("demo-retail", "someone-else", Set.of("service-desk"), Set.of("east"));
        assertThat(ids(get(stranger, "/notifications"))).doesNotContainAnyElementsOf(ids);
        assertThat(post(stranger, "/notifications/" + ids.get(0) + "/read", Map.of())
                        .statusCode())
                .as("someone else's notification is not found")
                .isEqualTo(404);
    }

    @Test
    @DisplayName(
            "POST /internal/v1/notifications is idempotent by eventId: 201, then 200, one notification, counted once")
    void createIsIdempotentByEventId() throws Exception {
        var eventId = "e-" + UUID.randomUUID();
        var before = counted("PROMISE_BROKEN");
        var first = post(system("demo-retail"), "/internal/v1/notifications", toRole(eventId, "cs-supervisor"));
        var second = post(system("demo-retail"), "/internal/v1/notifications", toRole(eventId, "cs-supervisor"));
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(json(second).get("id").asText()).isEqualTo(eventId);
        assertThat(mongo.count(new Query(Criteria.where("_id").is(eventId)), Notification.class))
                .isEqualTo(1);
        assertThat(counted("PROMISE_BROKEN") - before).isEqualTo(1.0);
        var listed = ids(get(staff("demo-retail", "ann", Set.of("cs-supervisor"), Set.of("east")), "/notifications"));
        assertThat(listed.stream().filter(eventId::equals)).hasSize(1);
    }

    @Test
    @DisplayName("a staff identity on the internal endpoint is refused (403) and nothing is stored")
    void staffCannotCreateNotifications() throws Exception {
        var eventId = "e-" + UUID.randomUUID();
        var answer = post(
                staff("demo-retail", "ann", Set.of("cs-supervisor"), Set.of()),
                "/internal/v1/notifications",
                toRole(eventId, "cs-supervisor"));
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(mongo.findById(eventId, Notification.class)).isNull();
    }

    @Test
    @DisplayName(
            "bad input → 422 naming the field, nothing stored: two recipients, an unknown kind, a phone number in the text, a site of another region")
    void badInputIsRefused() throws Exception {
        var eventId = "e-" + UUID.randomUUID();
        var both = toRole(eventId, "cs-supervisor");
        both.put("person", "p-1");
        var kind = toRole(eventId, "cs-supervisor");
        kind.put("kind", "GOSSIP");
        var phone = toRole(eventId, "cs-supervisor");
        phone.put("text", "call the customer on 13800138000");
        var region = toRole(eventId, "cs-supervisor");
        region.put("region", "south");
        var cases = Map.of("recipient", both, "kind", kind, "text", phone, "region", region);
        for (var c : cases.entrySet()) {
            var answer = post(system("demo-retail"), "/internal/v1/notifications", c.getValue());
            assertThat(answer.statusCode()).as(c.getKey()).isEqualTo(422);
            assertThat(answer.body()).contains("\"field\":\"" + c.getKey() + "\"");
        }
        assertThat(mongo.findById(eventId, Notification.class)).isNull();
    }

    @Test
    @DisplayName("the in-process API creates the same notification routing's own code will raise (ESCALATION)")
    void inProcessApiCreatesNotifications(@Autowired Notifications notifications) throws Exception {
        var eventId = "esc-" + UUID.randomUUID();
        var created = notifications.notify(
                "demo-dealer",
                NewNotification.toRole(
                        eventId,
                        "east",
                        "sh-minhang",
                        "service-director",
                        NotificationKind.ESCALATION,
                        "k-1",
                        "Case escalated (SLA-B1)"));
        assertThat(created.created()).isTrue();
        assertThat(ids(get(staff("demo-dealer", "sd", Set.of("service-director"), Set.of()), "/notifications")))
                .contains(eventId);
    }

    // --- helpers

    private double counted(String kind) {
        return meters.get("complaints.notifications.created")
                .tag("kind", kind)
                .counter()
                .count();
    }

    static LinkedHashMap<String, Object> toRole(String eventId, String role) {
        var body = base(eventId);
        body.put("role", role);
        return body;
    }

    static LinkedHashMap<String, Object> toPerson(String eventId, String person) {
        var body = base(eventId);
        body.put("person", person);
        return body;
    }

    private static LinkedHashMap<String, Object> base(String eventId) {
        var body = new LinkedHashMap<String, Object>();
        body.put("eventId", eventId);
        body.put("region", "east");
        body.put("site", "sh-xujiahui");
        body.put("kind", "PROMISE_BROKEN");
        body.put("complaintId", "c-1");
        body.put("text", "A promise to the customer is past its due time (OT-21)");
        return body;
    }

    private String staff(String tenant, String subject, Set<String> roles, Set<String> regions) {
        return tokens.sign(new CallerIdentity(
                subject, CallerIdentity.Kind.STAFF, tenant, regions, Set.of(), roles, Set.of(), "Staff"));
    }

    private String system(String tenant) {
        return tokens.sign(CallerIdentity.system("intake-service", tenant));
    }

    private List<String> ids(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ids(json(response));
    }

    private static List<String> ids(JsonNode page) {
        var ids = new ArrayList<String>();
        page.get("items").forEach(i -> ids.add(i.get("id").asText()));
        return ids;
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
