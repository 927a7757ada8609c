package org.complaints.routing.rosters;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.concurrent.atomic.AtomicReference;
import org.complaints.support.delivery.DeliveryRelay;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.identity.IdentityTokens;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 11 at routing's HTTP edge, on a stepping clock: site rosters read and replaced by the
 * site's supervisor (LC-51, OT-30), the supervisor alerted at once when a ticket finds the desk
 * empty, site calendars (SLA-G2, SLA-D4) and sanctions on cases summed per person (KP-05). Bad
 * input is a problem detail and changes nothing.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "complaints.services.followup.url=http://127.0.0.1:1")
@ActiveProfiles("test")
class RostersIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    /** Monday 2 March 2026, 12:10 in Shanghai. */
    static final AtomicReference<Instant> NOW = new AtomicReference<>(Instant.parse("2026-03-02T04:10:00Z"));

    static final List<String> EVERY_DAY =
            List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY");

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
    @Qualifier("caseRelay")
    DeliveryRelay relay;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    @DisplayName(
            "LC-51 / OT-30: the site's supervisor reads the configured roster and replaces it (ETag/If-Match); overlapping, inverted, stale, non-supervisor and out-of-scope replacements are problem details and change nothing")
    void siteSupervisorReadsAndReplacesTheRoster() throws Exception {
        var supervisor = staff("demo-retail", "sup-gz", Set.of("cs-supervisor"), Set.of("south"), Set.of("gz-tianhe"));
        var configured = send(supervisor, "GET", "/sites/gz-tianhe/roster", null, null);
        assertThat(configured.statusCode()).as(configured.body()).isEqualTo(200);
        assertThat(configured.headers().firstValue("ETag")).hasValue("\"0\"");
        assertThat(json(configured).get("source").asText()).isEqualTo("CONFIGURED");
        assertThat(json(configured)
                        .get("windows")
                        .get(1)
                        .get("acceptors")
                        .get(0)
                        .asText())
                .as("seeded from the tenant configuration: the supervisor covers lunch")
                .isEqualTo("retail.supervisor.gz");

        var replacement = roster(window("10:00", "12:30", "desk-1"), window("12:30", "22:00", "desk-2"));
        var replaced = send(supervisor, "PUT", "/sites/gz-tianhe/roster", replacement, "\"0\"");
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertThat(replaced.headers().firstValue("ETag")).hasValue("\"1\"");
        assertThat(json(replaced).get("source").asText()).isEqualTo("STORED");
        assertThat(json(replaced).get("updatedBy").asText()).isEqualTo("sup-gz");
        var stored = json(send(supervisor, "GET", "/sites/gz-tianhe/roster", null, null));

        var refusals = new LinkedHashMap<String, HttpResponse<String>>();
        refusals.put(
                "overlap 422",
                send(
                        supervisor,
                        "PUT",
                        "/sites/gz-tianhe/roster",
                        roster(window("10:00", "14:00", "desk-1"), window("13:00", "22:00", "desk-2")),
                        null));
        refusals.put(
                "inverted 422",
                send(supervisor, "PUT", "/sites/gz-tianhe/roster", roster(window("22:00", "10:00", "desk-1")), null));
        refusals.put(
                "stale 412",
                send(
                        supervisor,
                        "PUT",
                        "/sites/gz-tianhe/roster",
                        roster(window("10:00", "22:00", "desk-1")),
                        "\"0\""));
        refusals.put(
                "service desk 403",
                send(
                        staff("demo-retail", "desk-gz", Set.of("service-desk"), Set.of("south"), Set.of("gz-tianhe")),
                        "PUT",
                        "/sites/gz-tianhe/roster",
                        roster(window("10:00", "22:00", "desk-1")),
                        null));
        refusals.put(
                "east supervisor 404",
                send(
                        staff("demo-retail", "sup-east", Set.of("cs-supervisor"), Set.of("east"), Set.of()),
                        "PUT",
                        "/sites/gz-tianhe/roster",
                        roster(window("10:00", "22:00", "desk-1")),
                        null));
        refusals.put(
                "malformed 400",
                send(supervisor, "PUT", "/sites/gz-tianhe/roster", Map.of("windows", "all day"), null));
        for (var refusal : refusals.entrySet()) {
            var answer = refusal.getValue();
            var expected =
                    Integer.parseInt(refusal.getKey().substring(refusal.getKey().length() - 3));
            assertThat(answer.statusCode())
                    .as(refusal.getKey() + " " + answer.body())
                    .isEqualTo(expected);
            assertThat(answer.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        }
        assertThat(fields(refusals.get("overlap 422"))).containsExactly("windows[1]");
        assertThat(fields(refusals.get("inverted 422"))).containsExactly("windows[0]");
        assertThat(json(send(supervisor, "GET", "/sites/gz-tianhe/roster", null, null)))
                .as("nothing changed")
                .isEqualTo(stored);
        assertThat(send(
                                staff("demo-retail", "sup-east", Set.of("cs-supervisor"), Set.of("east"), Set.of()),
                                "GET",
                                "/sites/gz-tianhe/roster",
                                null,
                                null)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    @DisplayName(
            "OT-30 / LC-51: a ticket at 12:10 with nobody on duty puts one UNSTAFFED_DESK notification in the cs-supervisor role's inbox, not the store manager's")
    void emptyDeskAlertsTheSupervisorRoleOnce() throws Exception {
        NOW.set(Instant.parse("2026-03-02T04:10:00Z"));
        var supervisor = staff("demo-retail", "sup", Set.of("cs-supervisor"), Set.of(), Set.of());
        var put = send(
                supervisor,
                "PUT",
                "/sites/sh-xujiahui/roster",
                roster(window("10:00", "12:00", "retail.desk"), window("13:00", "21:00", "retail.desk")),
                null);
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

        var caseId = openRetailCase("sh-xujiahui");
        relay.relayDue(100);
        relay.relayDue(100);

        var inbox = json(send(
                staff("demo-retail", "sup-east", Set.of("cs-supervisor"), Set.of("east"), Set.of()),
                "GET",
                "/notifications?limit=200",
                null,
                null));
        var alerts = new ArrayList<JsonNode>();
        inbox.get("items").forEach(n -> {
            if (caseId.equals(n.path("caseId").asText())
                    && "UNSTAFFED_DESK".equals(n.path("kind").asText())) {
                alerts.add(n);
            }
        });
        assertThat(alerts).hasSize(1);
        assertThat(alerts.getFirst().get("id").asText()).isEqualTo("unstaffed-desk-" + caseId);
        var manager = json(send(
                staff("demo-retail", "mgr", Set.of("store-manager"), Set.of(), Set.of()),
                "GET",
                "/notifications?limit=200",
                null,
                null));
        assertThat(manager.get("items").findValuesAsString("caseId")).doesNotContain(caseId);
    }

    @Test
    @DisplayName(
            "SLA-G2 / SLA-D4: the calendar API shows the 2026 Spring Festival break, its 调休 Saturdays, the dealer's Sunday rest and major holidays; bad ranges are 422, other sites 404")
    void calendarShowsTheConfiguredDays() throws Exception {
        NOW.set(Instant.parse("2026-03-02T04:10:00Z"));
        var advisor = staff("demo-dealer", "adv", Set.of("service-advisor"), Set.of("east"), Set.of("sh-minhang"));
        var answer = send(advisor, "GET", "/sites/sh-minhang/calendar?from=2026-02-13&to=2026-03-01", null, null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        var days = new LinkedHashMap<String, JsonNode>();
        json(answer).get("days").forEach(d -> days.put(d.get("date").asText(), d));
        assertThat(days).hasSize(17);
        assertThat(days.get("2026-02-14").get("workingDay").asBoolean()).isTrue();
        assertThat(days.get("2026-02-14").get("adjustedWorkingDay").asBoolean()).isTrue();
        assertThat(days.get("2026-02-17").get("holiday").asBoolean()).isTrue();
        assertThat(days.get("2026-02-17").get("majorHoliday").asBoolean()).isTrue();
        assertThat(days.get("2026-02-17").get("workingDay").asBoolean()).isFalse();
        assertThat(days.get("2026-02-24").get("workingDay").asBoolean()).isTrue();
        assertThat(days.get("2026-02-28").get("adjustedWorkingDay").asBoolean()).isTrue();
        assertThat(days.get("2026-03-01").get("workingDay").asBoolean())
                .as("Sunday rest")
                .isFalse();
        assertThat(json(answer).get("zone").asText()).isEqualTo("Asia/Shanghai");

        var byDefault = json(send(advisor, "GET", "/sites/sh-minhang/calendar", null, null));
        assertThat(byDefault.get("from").asText()).isEqualTo("2026-03-02");
        assertThat(byDefault.get("days")).hasSize(31);

        for (var bad : List.of("from=2026-02-30", "from=2026-03-10&to=2026-03-01", "from=2026-01-01&to=2027-01-02")) {
            var refused = send(advisor, "GET", "/sites/sh-minhang/calendar?" + bad, null, null);
            assertThat(refused.statusCode()).as(bad).isEqualTo(422);
        }
        assertThat(send(advisor, "GET", "/sites/bj-chaoyang/calendar", null, null)
                        .statusCode())
                .as("a site outside the caller's scope")
                .isEqualTo(404);
        assertThat(send(advisor, "GET", "/sites/sh-xujiahui/calendar", null, null)
                        .statusCode())
                .as("another tenant's site")
                .isEqualTo(404);
    }

    @Test
    @DisplayName(
            "KP-05: a supervisor records sanctions on a case (idempotent by key); a non-supervisor, bad input or another region is refused and stores nothing; the month's totals per person come from the internal summary")
    void sanctionsAreRecordedBySupervisorsAndSummedPerPerson() throws Exception {
        NOW.set(Instant.parse("2026-03-10T02:00:00Z"));
        var caseId = openRetailCase("gz-tianhe");
        var supervisor = staff("demo-retail", "sup-gz", Set.of("cs-supervisor"), Set.of("south"), Set.of("gz-tianhe"));
        var fine = sanction("desk.wang", "服务台午餐时间空岗，处罚绩效50元 (LC-51)", "50", "CNY");

        var first = post(supervisor, "/cases/" + caseId + "/sanctions", fine, "key-1");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(json(first).get("amount").get("amount").decimalValue()).isEqualByComparingTo("50");
        assertThat(json(first).get("recordedBy").asText()).isEqualTo("sup-gz");
        var replay = post(supervisor, "/cases/" + caseId + "/sanctions", fine, "key-1");
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(json(replay).get("id").asText())
                .isEqualTo(json(first).get("id").asText());
        NOW.set(NOW.get().plusSeconds(60));
        assertThat(post(
                                supervisor,
                                "/cases/" + caseId + "/sanctions",
                                sanction("desk.wang", "再次空岗", "30.50", "CNY"),
                                null)
                        .statusCode())
                .isEqualTo(201);
        assertThat(post(supervisor, "/cases/" + caseId + "/sanctions", sanction("mgr.li", "书面警告", null, null), null)
                        .statusCode())
                .isEqualTo(201);

        var refusals = new LinkedHashMap<String, HttpResponse<String>>();
        refusals.put(
                "reused key 409",
                post(
                        supervisor,
                        "/cases/" + caseId + "/sanctions",
                        sanction("desk.wang", "other", "50", "CNY"),
                        "key-1"));
        refusals.put(
                "service desk 403",
                post(
                        staff("demo-retail", "desk-gz", Set.of("service-desk"), Set.of("south"), Set.of("gz-tianhe")),
                        "/cases/" + caseId + "/sanctions",
                        fine,
                        null));
        refusals.put(
                "east supervisor 404",
                post(
                        staff("demo-retail", "sup-east", Set.of("cs-supervisor"), Set.of("east"), Set.of()),
                        "/cases/" + caseId + "/sanctions",
                        fine,
                        null));
        refusals.put(
                "negative 422",
                post(supervisor, "/cases/" + caseId + "/sanctions", sanction("desk.wang", "fine", "-5", "CNY"), null));
        refusals.put(
                "phone in text 422",
                post(
                        supervisor,
                        "/cases/" + caseId + "/sanctions",
                        sanction("desk.wang", "call 13800138000", "5", "CNY"),
                        null));
        refusals.put(
                "no person 422",
                post(supervisor, "/cases/" + caseId + "/sanctions", sanction(null, "fine", "5", "CNY"), null));
        for (var refusal : refusals.entrySet()) {
            var expected =
                    Integer.parseInt(refusal.getKey().substring(refusal.getKey().length() - 3));
            assertThat(refusal.getValue().statusCode())
                    .as(refusal.getKey() + " " + refusal.getValue().body())
                    .isEqualTo(expected);
        }

        var listed = json(send(
                staff("demo-retail", "mgr", Set.of("store-manager"), Set.of(), Set.of()),
                "GET",
                "/cases/" + caseId + "/sanctions",
                null,
                null));
        assertThat(listed.get("items")).as("nothing stored by the refusals").hasSize(3);
        assertThat(send(
                                staff("demo-retail", "desk-gz", Set.of("service-desk"), Set.of("south"), Set.of()),
                                "GET",
                                "/cases/" + caseId + "/sanctions",
                                null,
                                null)
                        .statusCode())
                .isEqualTo(403);

        var summary = json(send(
                tokens.sign(CallerIdentity.system("followup-service", "demo-retail")),
                "GET",
                "/internal/v1/sanctions/summary?month=2026-03&region=south",
                null,
                null));
        assertThat(summary.get("total").asLong()).isEqualTo(3);
        var wang = summary.get("byPerson").get(0);
        assertThat(wang.get("person").asText()).isEqualTo("desk.wang");
        assertThat(wang.get("count").asLong()).isEqualTo(2);
        assertThat(wang.get("totals").get("CNY").decimalValue()).isEqualByComparingTo("80.50");
        assertThat(summary.get("byPerson").get(1).get("person").asText()).isEqualTo("mgr.li");
        var east = json(send(
                tokens.sign(CallerIdentity.system("followup-service", "demo-retail")),
                "GET",
                "/internal/v1/sanctions/summary?month=2026-03&region=east",
                null,
                null));
        assertThat(east.get("byPerson").findValuesAsString("person")).doesNotContain("desk.wang");
        assertThat(send(supervisor, "GET", "/internal/v1/sanctions/summary?month=2026-03", null, null)
                        .statusCode())
                .as("staff never read the internal summary")
                .isEqualTo(403);
    }

    // --- helpers

    private String openRetailCase(String site) throws Exception {
        var body = new LinkedHashMap<String, Object>();
        body.put("complaintId", UUID.randomUUID().toString());
        body.put("site", site);
        body.put("channel", "COMPANY_HOTLINE");
        body.put("level", "SERVICE_REQUEST");
        body.put("receivedAt", NOW.get().toString());
        var opened = post(
                tokens.sign(CallerIdentity.system("intake-service", "demo-retail")), "/internal/v1/cases", body, null);
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        return json(opened).get("caseId").asText();
    }

    @SafeVarargs
    private static Map<String, Object> roster(Map<String, Object>... windows) {
        return Map.of("windows", List.of(windows));
    }

    private static Map<String, Object> window(String start, String end, String acceptor) {
        return Map.of("days", EVERY_DAY, "start", start, "end", end, "acceptors", List.of(acceptor));
    }

    private static Map<String, Object> sanction(String person, String text, String amount, String currency) {
        var body = new LinkedHashMap<String, Object>();
        body.put("person", person);
        body.put("text", text);
        if (amount != null) {
            body.put("amount", Map.of("amount", new java.math.BigDecimal(amount), "currency", currency));
        }
        return body;
    }

    private String staff(String tenant, String subject, Set<String> roles, Set<String> regions, Set<String> sites) {
        return tokens.sign(new CallerIdentity(
                subject, CallerIdentity.Kind.STAFF, tenant, regions, sites, roles, Set.of(), "Staff"));
    }

    private HttpResponse<String> post(String identity, String path, Object body, String idempotencyKey)
            throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .header(IdentityTokens.HEADER, identity)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String identity, String method, String path, Object body, String ifMatch)
            throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header(IdentityTokens.HEADER, identity)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> fields(HttpResponse<String> response) {
        var fields = new ArrayList<String>();
        json(response).path("fields").forEach(f -> fields.add(f.get("field").asText()));
        return fields;
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
