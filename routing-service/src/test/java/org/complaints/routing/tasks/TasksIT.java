package org.complaints.routing.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.Document;
import org.complaints.routing.cases.CaseRepository;
import org.complaints.routing.cases.CaseService;
import org.complaints.routing.clocks.DeadlineSweep;
import org.complaints.routing.incidents.IncidentRepository;
import org.complaints.routing.incidents.IncidentTaskSweep;
import org.complaints.routing.incidents.IncidentTasks;
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
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 11, tasks as first-class work at routing's HTTP edge, with a stepping clock: completing a
 * side-route (ESC-01, CH-03) or incident task (SLA-X1) with evidence, the refusals as problem
 * details, {@code GET /tasks} (only the caller's work, inside their scope, earliest due first,
 * paged), and the overdue step: two racing sweepers escalate each task once and the relay creates
 * one TASK_OVERDUE notification for the supervisor.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "complaints.services.followup.url=http://127.0.0.1:1",
            "complaints.services.intake.url=http://127.0.0.1:1"
        })
@ActiveProfiles("test")
class TasksIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    /** Monday 2025-03-03 11:00 in Shanghai. */
    static final Instant START = Instant.parse("2025-03-03T03:00:00Z");

    static final AtomicReference<Instant> NOW = new AtomicReference<>(START);

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
    List<DeliveryRelay> relays;

    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void emptyStore() {
        NOW.set(START);
        // due_buckets too: its sweep cursor would otherwise stay where an earlier test's clock left it.
        for (var collection : List.of("cases", "incidents", "notifications", "notification_inboxes", "due_buckets")) {
            mongo.remove(new Query(), collection);
        }
    }

    @Test
    @DisplayName(
            "CH-03 / ESC-01: the owner completes with evidence (200, shown in the case view); another role 403, unknown task 404, done again 409, no or over-long evidence 422, unknown field 400 — all problem details, nothing changed")
    void completionAndRefusals() throws Exception {
        var id = openCase("sh-minhang", "MEDIA", "MAJOR", null);
        NOW.set(START.plus(Duration.ofMinutes(10)));
        var path = "/cases/" + id + "/tasks/";

        var done = post(
                staff("mm", Set.of("marketing-manager"), Set.of()),
                path + "MEDIA_WITHDRAWAL/completion",
                evidence("Article withdrawn"));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        var task = task(json(done), "MEDIA_WITHDRAWAL");
        assertThat(task.get("status").asText()).isEqualTo("DONE");
        assertThat(task.get("owner").asText()).isEqualTo("role:marketing-manager");
        assertThat(task.get("completedBy").asText()).isEqualTo("mm");
        assertThat(Instant.parse(task.get("completedAt").asText())).isEqualTo(NOW.get());
        assertThat(task.get("evidence").asText()).isEqualTo("Article withdrawn");

        var version = json(get(staff("sd", Set.of("service-director"), Set.of()), "/cases/" + id))
                .get("version");
        var refusals = new LinkedHashMap<String, HttpResponse<String>>();
        refusals.put(
                "403 another role",
                post(
                        staff("sa", Set.of("service-advisor"), Set.of()),
                        path + "BRAND_PR_ESCALATION/completion",
                        evidence("done")));
        refusals.put(
                "403 another owner's task",
                post(
                        staff("mm", Set.of("marketing-manager"), Set.of()),
                        path + "BRAND_PR_ESCALATION/completion",
                        evidence("done")));
        refusals.put(
                "404 unknown task",
                post(
                        staff("mm", Set.of("marketing-manager"), Set.of()),
                        path + "NO_SUCH_TASK/completion",
                        evidence("done")));
        refusals.put(
                "404 other region",
                post(
                        staff("mm", Set.of("marketing-manager"), Set.of("north")),
                        path + "MEDIA_WITHDRAWAL/completion",
                        evidence("again")));
        refusals.put(
                "409 done again",
                post(
                        staff("mm", Set.of("marketing-manager"), Set.of()),
                        path + "MEDIA_WITHDRAWAL/completion",
                        evidence("again")));
        refusals.put(
                "422 no evidence",
                post(
                        staff("sd", Set.of("service-director"), Set.of()),
                        path + "BRAND_PR_ESCALATION/completion",
                        Map.of()));
        refusals.put(
                "422 evidence too long",
                post(
                        staff("sd", Set.of("service-director"), Set.of()),
                        path + "BRAND_PR_ESCALATION/completion",
                        evidence("x".repeat(2001))));
        refusals.put(
                "400 unknown field",
                post(
                        staff("sd", Set.of("service-director"), Set.of()),
                        path + "BRAND_PR_ESCALATION/completion",
                        Map.of("evidence", "ok", "proof", "x")));
        for (var r : refusals.entrySet()) {
            var answer = r.getValue();
            assertThat(answer.statusCode())
                    .as(r.getKey() + " " + answer.body())
                    .isEqualTo(Integer.parseInt(r.getKey().substring(0, 3)));
            assertThat(answer.headers().firstValue("Content-Type").orElse(""))
                    .as(r.getKey())
                    .contains("application/problem+json");
        }
        assertThat(refusals.get("422 no evidence").body()).contains("\"field\":\"evidence\"");
        var after = json(get(staff("sd", Set.of("service-director"), Set.of()), "/cases/" + id));
        assertThat(after.get("version")).as("nothing changed").isEqualTo(version);
        assertThat(task(after, "BRAND_PR_ESCALATION").get("status").asText()).isEqualTo("OPEN");
        assertThat(task(after, "MEDIA_WITHDRAWAL").get("evidence").asText()).isEqualTo("Article withdrawn");
    }

    @Test
    @DisplayName(
            "GET /tasks: only the caller's work (own roles), inside their regions, earliest due first, paged by cursor, filtered by status and dueBefore; bad input is a problem detail")
    void workList(@Autowired DeadlineSweep sweep) throws Exception {
        var east1 = openCase("sh-minhang", "MEDIA", "GENERAL", null);
        NOW.set(START.plus(Duration.ofMinutes(1)));
        var north = openCase("bj-chaoyang", "MEDIA", "GENERAL", null);
        NOW.set(START.plus(Duration.ofMinutes(2)));
        var east2 = openCase("sh-minhang", "MEDIA", "MAJOR", null);
        var eastMarketing = staff("mm-east", Set.of("marketing-manager"), Set.of("east"));
        var anyMarketing = staff("mm", Set.of("marketing-manager"), Set.of());

        assertThat(parents(get(eastMarketing, "/tasks")))
                .as("east only, earliest due first")
                .containsExactly(east1, east2);
        assertThat(parents(get(anyMarketing, "/tasks"))).containsExactly(east1, north, east2);
        assertThat(parents(get(anyMarketing, "/tasks?assignee=role:marketing-manager")))
                .containsExactly(east1, north, east2);
        var items = json(get(anyMarketing, "/tasks")).get("items");
        assertThat(items.get(0).get("kind").asText()).isEqualTo("CASE");
        assertThat(items.get(0).get("region").asText()).isEqualTo("east");
        assertThat(items.get(0).get("task").get("id").asText()).isEqualTo("MEDIA_WITHDRAWAL");
        assertThat(parents(get(staff("pr", Set.of("brand-pr"), Set.of()), "/tasks")))
                .containsExactly(east2);

        var first = json(get(anyMarketing, "/tasks?limit=2"));
        assertThat(parents(first)).containsExactly(east1, north);
        var second = json(get(
                anyMarketing,
                "/tasks?limit=2&cursor=" + enc(first.get("nextCursor").asText())));
        assertThat(parents(second)).containsExactly(east2);
        assertThat(second.get("nextCursor").isNull()).isTrue();

        var northDue = Instant.parse(items.get(1).get("task").get("dueAt").asText());
        assertThat(parents(get(anyMarketing, "/tasks?dueBefore=" + northDue))).containsExactly(east1);
        assertThat(parents(get(anyMarketing, "/tasks?status=OVERDUE"))).isEmpty();

        NOW.set(northDue.plusSeconds(30));
        anyMarketing = staff("mm", Set.of("marketing-manager"), Set.of());
        sweep.sweep();
        assertThat(parents(get(anyMarketing, "/tasks?status=OVERDUE"))).containsExactly(east1, north);
        assertThat(parents(get(anyMarketing, "/tasks?status=OPEN"))).containsExactly(east2);
        var completed =
                post(anyMarketing, "/cases/" + east1 + "/tasks/MEDIA_WITHDRAWAL/completion", evidence("withdrawn"));
        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(200);
        assertThat(parents(get(anyMarketing, "/tasks")))
                .as("done work leaves the list")
                .containsExactly(north, east2);

        var bad = Map.of(
                "/tasks?status=DONE", 422,
                "/tasks?limit=0", 422,
                "/tasks?limit=201", 422,
                "/tasks?cursor=abc", 422,
                "/tasks?assignee=someone-else", 422,
                "/tasks?assignee=role:brand-pr", 403,
                "/tasks?dueBefore=tomorrow", 400);
        for (var b : bad.entrySet()) {
            var answer = get(anyMarketing, b.getKey());
            assertThat(answer.statusCode()).as(b.getKey() + " " + answer.body()).isEqualTo(b.getValue());
            assertThat(answer.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        }
        assertThat(get(system(), "/tasks").statusCode())
                .as("a service has no work list")
                .isEqualTo(403);
    }

    @Test
    @DisplayName(
            "CH-03: past due, two racing sweepers turn each withdrawal overdue once, and the relay tells the service director once per case (TASK_OVERDUE)")
    void overdueOnceWithRacingSweepersAndOneNotification(
            @Autowired CaseRepository cases,
            @Autowired CaseService service,
            @Autowired RoutingMetrics metrics,
            @Autowired DeadlineSweep sweep,
            @Autowired Clock clock)
            throws Exception {
        var ids = new ArrayList<String>();
        for (var i = 0; i < 20; i++) {
            ids.add(openCase("sh-minhang", "MEDIA", "GENERAL", null));
        }
        NOW.set(Instant.parse("2025-03-04T04:00:00Z"));
        var other = new DeadlineSweep(cases, service, metrics, clock);

        try (var pool = Executors.newFixedThreadPool(2)) {
            var a = pool.submit(sweep::sweep);
            var b = pool.submit(other::sweep);
            assertThat(a.get() + b.get()).isEqualTo(20);
        }

        for (var c : mongo.findAll(Document.class, "cases")) {
            var escalations = c.getList("escalations", Document.class).stream()
                    .filter(e -> "TASK_OVERDUE".equals(e.getString("kind")))
                    .toList();
            assertThat(escalations).as("case " + c.get("_id")).singleElement().satisfies(e -> {
                assertThat(e.getString("rule")).isEqualTo("CH-03");
                assertThat(e.getString("to")).isEqualTo("role:service-director");
            });
            var withdrawal = c.getList("tasks", Document.class).getFirst();
            assertThat(withdrawal.getString("status")).isEqualTo("OVERDUE");
        }
        relays.forEach(r -> r.relayDue(1000));
        relays.forEach(r -> r.relayDue(1000));

        var director = staff("sd", Set.of("service-director"), Set.of());
        var notified = new ArrayList<String>();
        json(get(director, "/notifications?limit=200")).get("items").forEach(n -> {
            if ("TASK_OVERDUE".equals(n.get("kind").asText())) {
                notified.add(n.get("caseId").asText());
            }
        });
        assertThat(notified).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    @DisplayName(
            "SLA-X1: incident tasks are in the owner's list; two racing sweepers turn each 1 h task overdue once and the general manager is told once; the owner completes over HTTP, another role gets 403")
    void incidentTasks(
            @Autowired IncidentRepository incidents,
            @Autowired IncidentTasks incidentTasks,
            @Autowired IncidentTaskSweep sweep,
            @Autowired Clock clock)
            throws Exception {
        var incidentIds = new ArrayList<String>();
        for (var p = 0; p < 3; p++) {
            String caseId = null;
            for (var i = 0; i < 3; i++) {
                caseId = openCase("sh-minhang", "SERVICE_ADVISOR_RECEPTION", "GENERAL", "VIN-" + p);
            }
            incidentIds.add(json(get(staff("sd", Set.of("service-director"), Set.of()), "/cases/" + caseId))
                    .get("incidentId")
                    .asText());
        }
        var director = staff("sd", Set.of("service-director"), Set.of());
        var listed = json(get(director, "/tasks")).get("items");
        assertThat(listed).hasSize(9);
        assertThat(listed.get(0).get("kind").asText()).isEqualTo("INCIDENT");
        assertThat(listed.get(0).get("task").get("id").asText()).isEqualTo("SPECIAL_TEAM_FORMED");
        assertThat(listed.get(0).get("incidentId").asText()).isIn(incidentIds);

        NOW.set(START.plus(Duration.ofMinutes(65)));
        director = staff("sd", Set.of("service-director"), Set.of());
        var other = new IncidentTaskSweep(incidents, incidentTasks, clock);
        try (var pool = Executors.newFixedThreadPool(2)) {
            var a = pool.submit(sweep::sweep);
            var b = pool.submit(other::sweep);
            assertThat(a.get() + b.get()).isEqualTo(3);
        }
        for (var incident : mongo.findAll(Document.class, "incidents")) {
            var overdue = incident.getList("tasks", Document.class).stream()
                    .filter(t -> "OVERDUE".equals(t.getString("status")))
                    .toList();
            assertThat(overdue).singleElement().satisfies(t -> {
                assertThat(t.getString("taskId")).isEqualTo("SPECIAL_TEAM_FORMED");
                assertThat(t.getString("escalatedTo")).isEqualTo("role:general-manager");
            });
        }
        relays.forEach(r -> r.relayDue(1000));
        relays.forEach(r -> r.relayDue(1000));
        var toldManager = json(get(staff("gm", Set.of("general-manager"), Set.of()), "/notifications"))
                .get("items");
        assertThat(toldManager).hasSize(3);
        toldManager.forEach(n -> assertThat(n.get("kind").asText()).isEqualTo("TASK_OVERDUE"));

        var path = "/incidents/" + incidentIds.getFirst() + "/tasks/";
        var refused = post(
                staff("sa", Set.of("service-advisor"), Set.of()),
                path + "SPECIAL_TEAM_FORMED/completion",
                evidence("team"));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        var done = post(director, path + "SPECIAL_TEAM_FORMED/completion", evidence("Team: 张诚, 钱城, 沈瑜"));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        var task = json(done).get("tasks").get(0);
        assertThat(task.get("status").asText()).isEqualTo("DONE");
        assertThat(task.get("escalatedTo").asText()).isEqualTo("role:general-manager");
        assertThat(post(director, path + "SPECIAL_TEAM_FORMED/completion", evidence("again"))
                        .statusCode())
                .isEqualTo(409);
        assertThat(post(director, path + "NO_SUCH_TASK/completion", evidence("x"))
                        .statusCode())
                .isEqualTo(404);
        assertThat(post(director, path + "EFFECT_VERIFIED/completion", Map.of()).statusCode())
                .isEqualTo(422);
        assertThat(post(director, "/incidents/no-such/tasks/EFFECT_VERIFIED/completion", evidence("x"))
                        .statusCode())
                .isEqualTo(404);
        assertThat(json(get(director, "/tasks")).get("items"))
                .as("the done task left the list")
                .hasSize(8);
    }

    // --- helpers

    @Test
    @DisplayName(
            "issue 11: both routing sweeps run under the single-runner lock: while another runner holds 'deadline-sweep' and 'incident-task-sweep' nothing turns overdue, then each task does once")
    void scheduledSweepsRunUnderTheSingleRunnerLock(
            @Autowired DeadlineSweep sweep,
            @Autowired IncidentTaskSweep incidentSweep,
            @Autowired net.javacrumbs.shedlock.core.LockProvider locks)
            throws Exception {
        var media = openCase("sh-minhang", "MEDIA", "GENERAL", null);
        for (var i = 0; i < 3; i++) {
            openCase("sh-minhang", "SERVICE_ADVISOR_RECEPTION", "GENERAL", "VIN-LOCK");
        }
        // The clock went back to START since the last test's passes: a pass now sees that and reads
        // through the index once (ADR 0023), as a process does after a clock set back. Nothing is due yet.
        assertThat(sweep.sweep() + incidentSweep.sweep()).isZero();
        var held = List.of(holdLock(locks, "deadline-sweep"), holdLock(locks, "incident-task-sweep"));
        try {
            NOW.set(Instant.parse("2025-03-04T04:00:00Z"));
            sweep.scheduled();
            incidentSweep.scheduled();
            assertThat(overdueTasks("cases"))
                    .as("another runner holds the locks")
                    .isZero();
            assertThat(overdueTasks("incidents")).isZero();
        } finally {
            held.forEach(net.javacrumbs.shedlock.core.SimpleLock::unlock);
        }
        sweep.scheduled();
        incidentSweep.scheduled();
        sweep.scheduled();
        incidentSweep.scheduled();
        assertThat(overdueTasks("cases"))
                .as("the MEDIA case's tasks, once each")
                .isPositive();
        var caseEscalations =
                mongo.findById(media, Document.class, "cases").getList("escalations", Document.class).stream()
                        .filter(e -> "TASK_OVERDUE".equals(e.getString("kind")))
                        .count();
        assertThat(caseEscalations).isEqualTo(overdueTasksOf(mongo.findById(media, Document.class, "cases")));
        assertThat(overdueTasks("incidents")).isPositive();
    }

    private long overdueTasks(String collection) {
        return mongo.findAll(Document.class, collection).stream()
                .mapToLong(TasksIT::overdueTasksOf)
                .sum();
    }

    private static long overdueTasksOf(Document parent) {
        return parent.getList("tasks", Document.class, List.of()).stream()
                .filter(t -> "OVERDUE".equals(t.getString("status")))
                .count();
    }

    /** Takes the named ShedLock lock as another replica would (retrying while a scheduled run holds it). */
    private static net.javacrumbs.shedlock.core.SimpleLock holdLock(
            net.javacrumbs.shedlock.core.LockProvider locks, String name) throws InterruptedException {
        for (var attempt = 0; attempt < 100; attempt++) {
            var lock = locks.lock(new net.javacrumbs.shedlock.core.LockConfiguration(
                    Instant.now(), name, Duration.ofMinutes(5), Duration.ZERO));
            if (lock.isPresent()) {
                return lock.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("could not take lock " + name);
    }

    private String openCase(String site, String channel, String level, String productRef) throws Exception {
        var body = new LinkedHashMap<String, Object>();
        body.put("complaintId", UUID.randomUUID().toString());
        body.put("site", site);
        body.put("channel", channel);
        body.put("level", level);
        if (productRef != null) {
            body.put("productRef", productRef);
        }
        var answer = post(system(), "/internal/v1/cases", body);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return json(answer).get("caseId").asText();
    }

    private static Map<String, Object> evidence(String text) {
        return Map.of("evidence", text);
    }

    private static JsonNode task(JsonNode view, String id) {
        for (var t : view.get("tasks")) {
            if (t.get("id").asText().equals(id)) {
                return t;
            }
        }
        throw new AssertionError("no task " + id + " in " + view.get("tasks"));
    }

    private List<String> parents(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return parents(json(response));
    }

    private static List<String> parents(JsonNode page) {
        var ids = new ArrayList<String>();
        page.get("items").forEach(i -> ids.add(i.get("caseId").asText()));
        return ids;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private String staff(String subject, Set<String> roles, Set<String> regions) {
        return tokens.sign(new CallerIdentity(
                subject, CallerIdentity.Kind.STAFF, "demo-dealer", regions, Set.of(), roles, Set.of(), "Staff"));
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
