package org.complaints.routing.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /cases?owner=me} (ADR 0601): the open cases the caller owns in person or through a
 * role, read through the owners' lookups, follow the case through assignment, the ESC-05 hand-over,
 * closure, reopening and not-established, and never cross tenants. The tenant's open-case count
 * (ADR 0607) follows the same case.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "complaints.services.followup.url=http://127.0.0.1:1")
@ActiveProfiles("test")
class CasesByOwnerIT {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    IdentityTokens tokens;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    CaseRepository cases;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    @DisplayName("RT-10: a case is on its one owner's list while open: assigned, handed over on conflict (ESC-05),"
            + " closed (off), reopened (back), not established (off)")
    void theListFollowsTheOwner() throws Exception {
        var director = staff("demo-dealer", "director-" + UUID.randomUUID(), "service-director");
        var openBefore = openCount();
        var id = open("demo-dealer", "sh-minhang", "SERVICE_ADVISOR_RECEPTION");
        assertThat(openCount()).as("opened").isEqualTo(openBefore + 1);
        assertThat(ownedBy(director, "me")).as("the triage role's case").contains(id);
        assertThat(ownedBy(director, "role:service-director")).contains(id);
        ok(post(director, "/cases/" + id + "/hand-over", Map.of("reason", "to the director")));
        assertThat(ownedBy(director, "me")).as("a hand-over keeps the owner").contains(id);

        var person = "tech-" + UUID.randomUUID();
        var tech = staff("demo-dealer", person, "unrelated-role");
        ok(post(director, "/cases/" + id + "/assignment", Map.of("person", person)));
        assertThat(ownedBy(director, "me")).as("assigned away").doesNotContain(id);
        assertThat(listed("role:service-director"))
                .as("off the former owner's lookup")
                .doesNotContain(id);
        assertThat(ownedBy(tech, "me")).containsExactly(id);
        assertThat(listed(person)).containsExactly(id);

        ok(post(tech, "/cases/" + id + "/acceptance", Map.of()));
        ok(post(tech, "/cases/" + id + "/contacts", Map.of("channel", "PHONE", "note", "called")));
        ok(post(system("demo-dealer"), "/internal/v1/cases/" + id + "/events", event("COMPENSATION_APPROVED", null)));
        var conflict = "conflict-" + UUID.randomUUID();
        var handed = ok(post(
                system("demo-dealer"),
                "/internal/v1/cases/" + id + "/events",
                event("OFFER_REJECTED_BY_CUSTOMER", Map.of("escalateTo", "role:" + conflict))));
        assertThat(handed.get("owner").asText()).isEqualTo("role:" + conflict);
        assertThat(ownedBy(tech, "me")).as("handed over on conflict").isEmpty();
        assertThat(listed(person)).isEmpty();
        var manager = staff("demo-dealer", "manager-" + UUID.randomUUID(), conflict);
        assertThat(ownedBy(manager, "me")).containsExactly(id);

        ok(post(director, "/cases/" + id + "/assignment", Map.of("person", person)));
        ok(post(tech, "/cases/" + id + "/resolution", resolution()));
        ok(post(director, "/cases/" + id + "/closure", Map.of()));
        assertThat(ownedBy(tech, "me")).as("closed").isEmpty();
        assertThat(ownedBy(manager, "me")).isEmpty();
        assertThat(listed(person)).as("a closed case is on no lookup").isEmpty();
        assertThat(listed("role:" + conflict)).isEmpty();
        assertThat(openCount()).as("closed").isEqualTo(openBefore);

        ok(post(director, "/cases/" + id + "/reopening", Map.of("reason", "customer called again")));
        assertThat(ownedBy(tech, "me")).as("reopened").containsExactly(id);
        assertThat(openCount()).as("reopened").isEqualTo(openBefore + 1);

        ok(post(
                system("demo-dealer"),
                "/internal/v1/cases/" + id + "/events",
                event("COMPLAINT_NOT_ESTABLISHED", null)));
        assertThat(ownedBy(tech, "me")).as("not established").isEmpty();
        assertThat(listed(person)).isEmpty();
        assertThat(openCount()).as("not established").isEqualTo(openBefore);
    }

    /** The dealer's open cases at every level, as the open-case gauge counts them. */
    private long openCount() {
        return cases
                .openByTenantAndLevel(List.of("demo-dealer"))
                .getOrDefault("demo-dealer", Map.of())
                .values()
                .stream()
                .mapToLong(Long::longValue)
                .sum();
    }

    @Test
    @DisplayName("the owner filter answers the caller's own tenant only, and only the caller's own roles")
    void anotherTenantsCasesAreInvisible() throws Exception {
        var person = "same-" + UUID.randomUUID();
        var supervisor = staff("demo-retail", "supervisor-" + UUID.randomUUID(), "cs-supervisor");
        var id = open("demo-retail", "sh-xujiahui", "STORE_SERVICE_DESK");
        ok(post(supervisor, "/cases/" + id + "/assignment", Map.of("person", person)));

        assertThat(ownedBy(staff("demo-retail", person, "unrelated-role"), "me"))
                .containsExactly(id);
        assertThat(ownedBy(staff("demo-dealer", person, "cs-supervisor"), "me"))
                .as("the same name and role in another tenant")
                .isEmpty();

        var director = staff("demo-dealer", "director-" + UUID.randomUUID(), "service-director");
        assertThat(get(director, "/cases?owner=role:general-manager").statusCode())
                .isEqualTo(403);
        assertThat(get(director, "/cases?owner=everyone").statusCode()).isEqualTo(422);
    }

    @Test
    @DisplayName("the list is ordered by nearest running deadline and a cursor walks it without repeats")
    void nearestDeadlineFirstAndPaged() throws Exception {
        var role = "desk-" + UUID.randomUUID();
        var director = staff("demo-dealer", "director-" + UUID.randomUUID(), "service-director");
        var owner = staff("demo-dealer", "owner-" + UUID.randomUUID(), role);
        var opened = new ArrayList<String>();
        for (var i = 0; i < 5; i++) {
            var id = open("demo-dealer", "sh-minhang", "SERVICE_ADVISOR_RECEPTION");
            ok(post(director, "/cases/" + id + "/assignment", Map.of("person", "role:" + role)));
            opened.add(id);
        }

        var dues = new ArrayList<Instant>();
        var seen = new ArrayList<String>();
        String cursor = null;
        do {
            var page = ok(get(owner, "/cases?owner=me&limit=2" + (cursor == null ? "" : "&cursor=" + encode(cursor))));
            for (var c : page.get("items")) {
                seen.add(c.get("caseId").asText());
                dues.add(nearestRunning(c));
            }
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
        } while (cursor != null);

        assertThat(seen).containsExactlyInAnyOrderElementsOf(opened);
        assertThat(dues).isSorted();
    }

    /** What the dealer owner's lookup documents hold, stale entries included (the list drops those). */
    private Set<String> listed(String owner) {
        return new CaseOwners(mongo, MongoCaseRepository.LOOKUPS).casesOf("demo-dealer", List.of(owner));
    }

    private static Instant nearestRunning(JsonNode kase) {
        var nearest = Instant.MAX;
        for (var d : kase.get("deadlines")) {
            var status = d.get("status").asText();
            if (status.equals("PENDING") || status.equals("ARMED")) {
                var due = Instant.parse(d.get("dueAt").asText());
                nearest = due.isBefore(nearest) ? due : nearest;
            }
        }
        return nearest;
    }

    /** Every page of the caller's list for {@code owner}: the case ids in order. */
    private List<String> ownedBy(String identity, String owner) throws Exception {
        var ids = new ArrayList<String>();
        String cursor = null;
        do {
            var page = ok(get(
                    identity,
                    "/cases?limit=200&owner=" + encode(owner) + (cursor == null ? "" : "&cursor=" + encode(cursor))));
            page.get("items").forEach(c -> ids.add(c.get("caseId").asText()));
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        return ids;
    }

    private String open(String tenant, String site, String channel) throws Exception {
        var body = new LinkedHashMap<String, Object>();
        body.put("complaintId", UUID.randomUUID().toString());
        body.put("site", site);
        body.put("channel", channel);
        body.put("level", "GENERAL");
        body.put("receivedAt", Instant.now().toString());
        return ok(post(system(tenant), "/internal/v1/cases", body))
                .get("caseId")
                .asText();
    }

    private static Map<String, Object> event(String type, Map<String, Object> data) {
        var event = new LinkedHashMap<String, Object>();
        event.put("eventId", UUID.randomUUID().toString());
        event.put("type", type);
        if (data != null) {
            event.put("data", data);
        }
        return event;
    }

    private static Map<String, Object> resolution() {
        return Map.of(
                "resolution",
                Map.of(
                        "rootCause", "Wheel bolts torqued by an uncalibrated wrench",
                        "defectCorrection", "Re-torqued all four wheels",
                        "longTermMeasure",
                                Map.of(
                                        "action", "Calibrate torque wrenches every three months",
                                        "owner", "张诚",
                                        "dueDate", "2027-04-01")));
    }

    private String system(String tenant) {
        return tokens.sign(CallerIdentity.system("intake-service", tenant));
    }

    private String staff(String tenant, String subject, String role) {
        return tokens.sign(new CallerIdentity(
                subject, CallerIdentity.Kind.STAFF, tenant, Set.of(), Set.of(), Set.of(role), Set.of(), "Staff"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
        return JSON.readTree(response.body());
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
}
