package org.complaints.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.complaints.gateway.bench.ServiceProcess;
import org.complaints.gateway.e2e.AuthorizationMatrix.MatrixCase;
import org.complaints.gateway.e2e.AuthorizationMatrix.Place;
import org.complaints.gateway.e2e.AuthorizationMatrix.Principal;
import org.complaints.gateway.e2e.MatrixCatalogue.Fixture;
import org.complaints.gateway.e2e.MatrixCatalogue.Request;
import org.complaints.gateway.e2e.MatrixCatalogue.Shape;
import org.complaints.gateway.e2e.MatrixCatalogue.Target;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 12's acceptance: every public endpoint × every role of each preset (at a site and in a
 * region; a tenant-wide user without a role) and every partner key (all scopes, one region, one scope each)
 * × the target's place (own site, another site of the region, another region, another tenant),
 * with the answers {@link AuthorizationMatrix} derives from the permission tables. Reads and denied
 * writes run first against shared fixtures (a denied write must leave its target's snapshot
 * unchanged); allowed writes run last, each on a fixture of its own unless it only adds a fact.
 * The report goes to {@code gateway/target/authorization-matrix.txt}.
 */
class AuthorizationMatrixIT {

    static final int THREADS = 4;
    static final int MIN_CASES = 1_500;

    static RunningSuite suite;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = RunningSuite.get();
    }

    record Outcome(MatrixCase c, int status, boolean asExpected, String detail) {}

    private AuthorizationMatrix matrix;
    private MatrixFixtures fixtures;
    private String month;
    private final Map<String, Api> callers = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> shared = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final Map<String, String> lastSnapshots = new ConcurrentHashMap<>();
    private final Map<String, Future<Api.Answer>> lists = new ConcurrentHashMap<>();
    private final Map<String, Future<String>> narrowedSummaries = new ConcurrentHashMap<>();
    private final AtomicInteger retries = new AtomicInteger();
    private final Map<String, Queue<Map<String, String>>> leftBehind = new ConcurrentHashMap<>();
    private final List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());

    @Test
    @DisplayName(
            "issue 12: every endpoint × role × place × partner scope answers as the permission tables say, and a denied call changes nothing")
    void everyCallIsAnsweredAsTheTablesSay() throws Exception {
        var started = Instant.now();
        var sentBefore = Api.SENT.get();
        var cpuBefore = cpu();
        matrix = AuthorizationMatrix.generate(ServiceProcess.root());
        month = YearMonth.now(ZoneOffset.UTC).toString();
        fixtures = new MatrixFixtures(suite, matrix, month);
        var phases = new LinkedHashMap<String, Duration>();
        try (var pool = Executors.newFixedThreadPool(THREADS)) {
            var at = Instant.now();
            buildShared(pool, matrix.cases, true);
            matrix.decide(owners());
            phases.put("fixtures", Duration.between(at, Instant.now()));
            at = Instant.now();
            runAll(pool, readsAndDenials());
            phases.put("reads and denied writes", Duration.between(at, Instant.now()));
            at = Instant.now();
            var allowed = matrix.cases.stream()
                    .filter(c ->
                            c.entry().shape() == Shape.WRITE && c.expected().allowed())
                    .toList();
            buildShared(
                    pool, allowed.stream().filter(c -> !c.entry().consumes()).toList(), false);
            // In the fixtures' lifecycle order, so what an allowed call leaves behind (an approved
            // option, a rejection, an agreement, a promise) serves a later call that needs it.
            var waves = new TreeMap<Integer, List<MatrixCase>>();
            allowed.forEach(c -> waves.computeIfAbsent(
                            c.entry().fixture() == null
                                    ? -1
                                    : c.entry().fixture().ordinal(),
                            k -> new ArrayList<>())
                    .add(c));
            for (var wave : waves.values()) {
                runAll(pool, wave);
            }
            phases.put("allowed writes", Duration.between(at, Instant.now()));
        }
        var used = new LinkedHashMap<String, Double>();
        cpu().forEach((process, seconds) -> used.put(process, seconds - cpuBefore.getOrDefault(process, 0.0)));
        var report = report(Duration.between(started, Instant.now()), phases, Api.SENT.get() - sentBefore, used);
        var file = ServiceProcess.root().resolve("gateway/target/authorization-matrix.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report);

        assertThat(matrix.cases).as("cases generated").hasSizeGreaterThanOrEqualTo(MIN_CASES);
        assertThat(outcomes).hasSameSizeAs(matrix.cases);
        assertThat(outcomes.stream().filter(o -> !o.asExpected()).map(this::line))
                .as("unexpected answers (report: " + file + ")")
                .isEmpty();
    }

    private List<MatrixCase> readsAndDenials() {
        return matrix.cases.stream()
                .filter(c -> c.entry().shape() != Shape.WRITE || !c.expected().allowed())
                .toList();
    }

    /** One fixture per place and kind: the deny fixtures (never written by an allowed call), or the allow fixtures. */
    private void buildShared(ExecutorService pool, List<MatrixCase> cases, boolean deny) throws Exception {
        var needed = new LinkedHashMap<String, Callable<Void>>();
        for (var c : cases) {
            var fixture = c.entry().fixture();
            if (fixture == null || c.target() == null) {
                continue;
            }
            var key = key(c.target(), fixture, deny);
            needed.putIfAbsent(key, () -> {
                var data = fixtures.build(fixture, c.target());
                data.put("lock", key);
                shared.put(key, data);
                return null;
            });
        }
        for (var future : pool.invokeAll(needed.values())) {
            future.get();
        }
        for (var key : needed.keySet()) {
            fixtures.settle(Fixture.valueOf(key.split("\\|")[2]), shared.get(key));
        }
    }

    /** Routing's owner of each tenant's fixtures, read from the deny fixtures at the tenant's home site. */
    private Map<String, String> owners() throws Exception {
        var owners = new LinkedHashMap<String, String>();
        for (var entry : shared.entrySet()) {
            var key = entry.getKey().split("\\|");
            var fixture = Fixture.valueOf(key[2]);
            if (key[1].equals(matrix.tenant(key[0]).home().site())) {
                owners.put(key[0] + "|" + fixture, fixtures.owner(fixture, entry.getValue()));
            }
        }
        return owners;
    }

    private void runAll(ExecutorService pool, List<MatrixCase> cases) throws Exception {
        var futures = new ArrayList<Future<?>>();
        for (var c : cases) {
            futures.add(pool.submit(() -> outcomes.add(run(c))));
        }
        for (var future : futures) {
            future.get();
        }
    }

    private Outcome run(MatrixCase c) {
        try {
            var entry = c.entry();
            var allowedWrite = entry.shape() == Shape.WRITE && c.expected().allowed();
            Map<String, String> fixture = Map.of();
            if (entry.fixture() != null && c.target() != null) {
                fixture = allowedWrite && entry.consumes()
                        ? fresh(entry.fixture(), c.target())
                        : shared.get(key(c.target(), entry.fixture(), !allowedWrite));
                if (allowedWrite && entry.service().equals("routing")) {
                    fixtures.awaitCase(entry.fixture(), fixture);
                }
            }
            var target = new Target(
                    c.principal(),
                    c.target(),
                    fixture,
                    matrix.terms(c.principal().tenant()),
                    month,
                    fixtures.nonce());
            return switch (entry.shape()) {
                case WRITE -> allowedWrite ? allowed(c, target) : denied(c, target);
                case READ -> read(c, target);
                case LIST -> list(c, target);
                case SUMMARY -> summary(c, target);
            };
        } catch (Exception | AssertionError e) {
            return new Outcome(c, -1, false, "failed: " + e);
        }
    }

    /** A fixture of its own for a call that uses it up: one an earlier allowed call left behind, or a new one. */
    private Map<String, String> fresh(Fixture fixture, Place place) throws Exception {
        var left = leftBehind(place, fixture).poll();
        if (left != null) {
            return left;
        }
        var built = fixtures.build(fixture, place);
        fixtures.settle(fixture, built);
        // A fixture of several parts (pending options, incident tasks, planned follow-ups) serves
        // one call per part; calls on one fixture take turns.
        for (var part : List.of("optionId", "taskId", "followUpId")) {
            var ids = built.getOrDefault(part + "s", "").split(",");
            if (ids.length > 1) {
                built.put("lock", part + ":" + ids[0]);
                for (var other : List.of(ids).subList(1, ids.length)) {
                    var copy = new LinkedHashMap<>(built);
                    copy.put(part, other);
                    leftBehind(place, fixture).add(copy);
                }
            }
        }
        return built;
    }

    private Queue<Map<String, String>> leftBehind(Place place, Fixture fixture) {
        return leftBehind.computeIfAbsent(
                place.tenant() + "|" + place.site() + "|" + fixture, k -> new ConcurrentLinkedQueue<>());
    }

    /** An allowed write: its success status; calls on one shared fixture take turns (optimistic locking). */
    private Outcome allowed(MatrixCase c, Target target) throws Exception {
        Api.Answer answer;
        var lockKey = target.fixture().get("lock");
        if (lockKey != null) {
            synchronized (locks.computeIfAbsent(lockKey, k -> new Object())) {
                answer = send(c.principal(), c.entry().request().build(target));
            }
        } else {
            answer = send(c.principal(), c.entry().request().build(target));
        }
        var ok = answer.status() == c.entry().ok();
        if (ok && c.entry().produces() != null) {
            c.entry()
                    .produces()
                    .after(target, answer.json())
                    .ifPresent(produced ->
                            leftBehind(target.place(), produced.fixture()).add(produced.data()));
        }
        return new Outcome(c, answer.status(), ok, brief(answer));
    }

    /**
     * A denied write: the expected refusal, and the target's snapshot the same before and after.
     * Calls on one fixture take turns, each call's "after" being the next one's "before".
     */
    private Outcome denied(MatrixCase c, Target target) throws Exception {
        var snapshot = c.entry().snapshot();
        if (snapshot.nothing() != null) {
            return denied(c, target, snapshot.nothing()).outcome();
        }
        var place = target.place();
        var lockKey =
                target.fixture().getOrDefault("lock", place.tenant() + "|" + place.site() + "|" + snapshot.name());
        synchronized (locks.computeIfAbsent(lockKey, k -> new Object())) {
            var seen = lockKey + "|" + snapshot.name();
            var before = lastSnapshots.get(seen);
            if (before == null) {
                before = snapshot.take(target, fixtures::admin);
            }
            var outcome = denied(c, target, before);
            lastSnapshots.put(seen, outcome.after());
            return outcome.outcome();
        }
    }

    private record Checked(Outcome outcome, String after) {}

    private Checked denied(MatrixCase c, Target target, String before) throws Exception {
        var answer = send(c.principal(), c.entry().request().build(target));
        var after = c.entry().snapshot().take(target, fixtures::admin);
        if (answer.status() != c.expected().status()) {
            return new Checked(new Outcome(c, answer.status(), false, brief(answer)), after);
        }
        if (!before.equals(after)) {
            return new Checked(
                    new Outcome(c, answer.status(), false, "state changed: " + before + " → " + after), after);
        }
        return new Checked(new Outcome(c, answer.status(), true, ""), after);
    }

    private Outcome read(MatrixCase c, Target target) throws Exception {
        var answer = send(c.principal(), c.entry().request().build(target));
        var expected = c.expected().allowed() ? c.entry().ok() : c.expected().status();
        return new Outcome(c, answer.status(), answer.status() == expected, brief(answer));
    }

    /**
     * A list: the target shows exactly when the caller may see it, and nothing outside the caller's
     * scope shows. A caller's list that does not name the target is read once for all places (no
     * call that could change it runs meanwhile).
     */
    private Outcome list(MatrixCase c, Target target) throws Exception {
        var request = c.entry().request().build(target);
        var read = new FutureTask<>(() -> send(c.principal(), request));
        var first = lists.putIfAbsent(c.principal().name() + " " + request.path(), read);
        if (first == null) {
            read.run();
        }
        var answer = (first == null ? read : first).get();
        if (c.expected().status() != 0 || answer.status() != 200) {
            var expected = c.expected().status() != 0 ? c.expected().status() : 200;
            return new Outcome(c, answer.status(), answer.status() == expected, brief(answer));
        }
        var lister = c.entry().lister();
        var items = lister.items(answer.json());
        var leaks = items.stream()
                .filter(item -> !inScope(c.principal(), item))
                .map(item -> item.path(lister.idField()).asText() + "@"
                        + item.path("site").asText())
                .toList();
        if (!leaks.isEmpty()) {
            return new Outcome(c, 200, false, "outside the caller's scope: " + leaks);
        }
        if (lister.fixtureKey() == null) {
            return new Outcome(c, 200, true, "");
        }
        var id = target.get(lister.fixtureKey());
        var visible = items.stream()
                .anyMatch(item -> id.equals(item.path(lister.idField()).asText()));
        return new Outcome(
                c,
                200,
                visible == c.expected().visible(),
                visible ? "shows " + id : "does not show " + id + " (" + items.size() + " items)");
    }

    /** Every item's site must be one of the caller's tenant, inside its regions and sites. */
    private boolean inScope(Principal p, JsonNode item) {
        var tenant = item.path("tenant").asText(null);
        if (tenant != null && !tenant.equals(p.tenant())) {
            return false;
        }
        var site = item.path("site").asText(null);
        if (site == null) {
            return true;
        }
        var region = matrix.tenant(p.tenant()).regionOfSite().get(site);
        return region != null && p.covers(new Place(p.tenant(), region, site));
    }

    /**
     * A summary for a region: refused as the tables and scope say, else equal to what the tenant's
     * administrator gets for the same region narrowed to the caller's single region and site.
     */
    private Outcome summary(MatrixCase c, Target target) throws Exception {
        var answer = send(c.principal(), c.entry().request().build(target));
        var expected = c.expected().allowed() ? 200 : c.expected().status();
        if (answer.status() != expected || expected != 200) {
            return new Outcome(c, answer.status(), answer.status() == expected, brief(answer));
        }
        var p = c.principal();
        var region = target.place() != null ? target.place().region() : p.onlyRegion();
        var path = c.entry().summary().path(month, region, p.onlySite());
        var admin = fixtures.admin(p.tenant());
        var own = comparable(answer);
        var read = new FutureTask<>(() -> comparable(admin.get(path)));
        var first = narrowedSummaries.putIfAbsent(p.tenant() + " " + path, read);
        if (first == null) {
            read.run();
        }
        var narrowed = (first == null ? read : first).get();
        if (!own.equals(narrowed)) {
            // the two reads are not atomic: read both once more before calling it a leak
            own = comparable(send(p, c.entry().request().build(target)));
            narrowed = comparable(admin.get(path));
        }
        return new Outcome(
                c,
                200,
                own.equals(narrowed),
                own.equals(narrowed) ? "" : "got " + own + " but " + path + " is " + narrowed);
    }

    private static String comparable(Api.Answer answer) {
        if (answer.status() != 200) {
            return answer.toString();
        }
        var json = answer.json();
        if (json instanceof ObjectNode object) {
            object.remove("generatedAt");
            object.remove("_id");
            // Sanctions name staff: a partner's report has the count only (ADR 0242), staff's also
            // the people; the count is what both must agree on.
            if (object.get("sanctions") instanceof ObjectNode sanctions) {
                sanctions.remove("byPerson");
            }
            // Likewise the per-person figures of the monthly report (ADR 0521): staff only.
            object.remove("responsiblePersons");
            if (object.get("cases") instanceof ObjectNode cases) {
                cases.remove("byResponsiblePerson");
            }
            if (object.get("followUps") instanceof ObjectNode followUps) {
                followUps.remove("satisfactionByStaff");
            }
        }
        return json.toString();
    }

    private Api.Answer send(Principal p, Request request) throws Exception {
        var api = callers.computeIfAbsent(p.name(), n -> {
            try {
                return p.partner() ? Api.partner(suite, p.credential()) : Api.staff(suite, p.credential());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        for (var header : request.headers().entrySet()) {
            api = api.with(header.getKey(), header.getValue());
        }
        for (var attempt = 1; ; attempt++) {
            var answer = switch (request.method()) {
                case "GET" -> api.get(request.path());
                case "POST" -> api.post(request.path(), request.body());
                case "PUT" -> api.put(request.path(), request.body());
                default -> throw new IllegalArgumentException(request.method());
            };
            // The gateway's "no connection to the service" (503) reached no service, and a read may
            // be repeated after its timeout (504): on a busy machine, retry as a client would.
            var busy = answer.status() == 503
                    || (answer.status() == 504 && request.method().equals("GET"));
            if (!busy || attempt == 3) {
                return answer;
            }
            retries.incrementAndGet();
            Thread.sleep(500L * attempt);
        }
    }

    private static String key(Place place, Fixture fixture, boolean deny) {
        return place.tenant() + "|" + place.site() + "|" + fixture + "|" + (deny ? "deny" : "allow");
    }

    private static String brief(Api.Answer answer) {
        var body = answer.body() == null ? "" : answer.body().replaceAll("\\s+", " ");
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }

    // ---------------------------------------------------------------- report

    private String line(Outcome o) {
        var c = o.c();
        var expected = c.expected().allowed()
                ? "allow"
                : c.expected().status() == 0
                        ? "hidden"
                        : String.valueOf(c.expected().status());
        return "[" + c.service() + "] " + c.entry().label() + " | "
                + c.principal().name() + " | " + c.position().label
                + " → expected " + expected + " (" + c.expected().because() + "), got " + o.status() + ": "
                + o.detail();
    }

    /** CPU seconds used by the suite's processes and this JVM: the run's cost however busy the machine is. */
    private static Map<String, Double> cpu() {
        var used = new LinkedHashMap<>(suite.cpuSeconds());
        used.put(
                "test",
                ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                                .getProcessCpuTime()
                        / 1e9);
        return used;
    }

    private String report(Duration took, Map<String, Duration> phases, long requests, Map<String, Double> cpu) {
        var out = new StringBuilder();
        var unexpected = outcomes.stream().filter(o -> !o.asExpected()).count();
        out.append("Authorization matrix (issue 12), ")
                .append(Instant.now())
                .append('\n')
                .append(matrix.cases.size())
                .append(" cases, ")
                .append(unexpected)
                .append(" unexpected, ")
                .append(took.toSeconds())
                .append(" s (")
                .append(phases.entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue().toSeconds() + " s")
                        .collect(Collectors.joining(", ")))
                .append("), ")
                .append(requests)
                .append(" requests through the gateway (")
                .append(retries.get())
                .append(" retried after 503/504, ")
                .append(requests / Math.max(1, took.toSeconds()))
                .append("/s), ")
                .append(Math.round(
                        cpu.values().stream().mapToDouble(Double::doubleValue).sum()))
                .append(" CPU seconds (")
                .append(cpu.entrySet().stream()
                        .map(e -> e.getKey() + " " + Math.round(e.getValue()))
                        .collect(Collectors.joining(", ")))
                .append(")\n");
        out.append("Tenants: ")
                .append(matrix.tenants.stream()
                        .map(t -> t.id() + " (" + t.preset() + ", "
                                + matrix.principals.get(t.id()).size() + " principals)")
                        .collect(Collectors.joining(", ")))
                .append("\nTables: <service>-service/src/main/resources/presets/<preset>.yml permissions"
                        + " (+ intake channels.*.recorderRoles, compensation authority and approvalLadder)\n\n");
        out.append(String.format("%-14s %7s %8s %8s %11s%n", "service", "cases", "allowed", "denied", "unexpected"));
        var byService = group(o -> o.c().service());
        AuthorizationMatrix.SERVICES.forEach(s -> out.append(row(s, byService.getOrDefault(s, List.of()))));
        out.append(row("total", outcomes));
        out.append("\n(allowed = the tables allow it and the call succeeded or, for a list, showed the target;")
                .append(" denied = refused with the expected status, or left out of a list)\n");
        if (!matrix.notes.isEmpty()) {
            out.append("\nNot generated from a table (presets/*.yml without the table or row):\n");
            matrix.notes.forEach((note, what) -> out.append("- ")
                    .append(note)
                    .append(" (presets ")
                    .append(String.join(", ", what.get("presets")))
                    .append("): ")
                    .append(String.join(", ", what.get("endpoints")))
                    .append('\n'));
        }
        out.append("\nNot in the matrix:\n");
        MatrixCatalogue.NOT_IN_THE_MATRIX.forEach(
                n -> out.append("- ").append(n).append('\n'));
        out.append("\nBy endpoint:\n");
        var byEntry = group(o -> o.c().service() + " " + o.c().entry().label());
        byEntry.forEach((label, list) -> out.append(row(label, list)));
        out.append("\nUnexpected:\n");
        if (unexpected == 0) {
            out.append("none\n");
        }
        outcomes.stream()
                .filter(o -> !o.asExpected())
                .sorted(Comparator.comparing(this::line))
                .forEach(o -> out.append("- ").append(line(o)).append('\n'));
        return out.toString();
    }

    private Map<String, List<Outcome>> group(Function<Outcome, String> by) {
        return outcomes.stream().collect(Collectors.groupingBy(by, TreeMap::new, Collectors.toList()));
    }

    private static String row(String label, List<Outcome> list) {
        var allowed = list.stream()
                .filter(o -> o.asExpected() && o.c().expected().allowed())
                .count();
        var denied = list.stream()
                .filter(o -> o.asExpected() && !o.c().expected().allowed())
                .count();
        var unexpected = list.stream().filter(o -> !o.asExpected()).count();
        return String.format(
                "%-" + (label.length() > 14 ? 72 : 14) + "s %7d %8d %8d %11d%n",
                label,
                list.size(),
                allowed,
                denied,
                unexpected);
    }
}
