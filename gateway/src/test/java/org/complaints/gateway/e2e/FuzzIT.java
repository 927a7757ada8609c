package org.complaints.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClients;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 12 acceptance: a fuzz test driven by the public OpenAPI document. Valid calls built from
 * each operation's schema are mutated (wrong types, boundary and huge numbers, deep nesting,
 * unicode, {@code $}/{@code .} keys, long strings and headers, bad encodings, out-of-range dates,
 * unknown fields, malformed JSON) and sent through the gateway: no answer may be a 5xx (a 503, which
 * says a peer was slow for a moment, gets the call sent once more, and that answer counts), every error
 * must be problem+json, and every store, read directly before and after each round, must be
 * unchanged by a round in which no write was accepted. Calls a service may rightly accept (see
 * {@link #mayBeAccepted}) run in rounds of their own, so nearly every mutated round is checked.
 * Seeded ({@code -Dfuzz.seed}).
 *
 * <p>It runs first among the end-to-end tests ({@code @Order}, junit-platform.properties): each
 * round reads every store whole, so it costs least while the other tests have stored little.
 */
@Order(1)
class FuzzIT {

    static final long SEED = Long.getLong("fuzz.seed", 20261130L);
    static final int MIN_REQUESTS = 10_000;
    /** Not a speed bar: only stops a run that hangs. */
    static final Duration SAFETY_LIMIT = Duration.ofMinutes(12);

    static final int ROUND = 100;
    static final int THREADS = 12;
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static RunningSuite suite;
    static String token;
    static Map<String, String> ids = new LinkedHashMap<>();
    static JsonNode openApi;

    record Operation(String method, String path, JsonNode operation) {}

    record Call(String method, String target, Map<String, String> headers, byte[] body, String mutation, boolean raw) {}

    record Outcome(Call call, int status, String contentType, String body) {}

    @BeforeAll
    static void seed() throws Exception {
        suite = RunningSuite.get();
        var partner = Api.partner(suite, RunningSuite.FUZZ_KEY);
        var customer = "fuzz-customer-" + SEED;
        var filed = partner.with("Idempotency-Key", Complaints.key())
                .post(
                        "/api/v1/complaints",
                        Map.of(
                                "channel", "PHONE",
                                "site", "fuzz-counter",
                                "customer", Map.of("id", customer, "name", "陈女士", "phone", "13600000000"),
                                "content", "办理业务等待两小时",
                                "demand", Map.of("kind", "APOLOGY", "text", "要求道歉")));
        assertThat(filed.status()).as(filed.toString()).isEqualTo(201);
        var complaintId = filed.json().get("id").asText();
        var caseId = ComplaintJourneyIT.awaitRouted(partner, complaintId)
                .json()
                .get("routing")
                .get("caseId")
                .asText();
        var manager = Api.staff(suite, "fuzz.gm");
        token = manager.headerValue("Authorization");
        var compensation = manager.post(
                "/api/v1/compensations",
                Map.of(
                        "caseId",
                        caseId,
                        "options",
                        List.of(Map.of("kind", "VOUCHER", "amount", Map.of("amount", "20", "currency", "CNY")))));
        ids.put("complaints", complaintId);
        ids.put("cases", caseId);
        ids.put("customers", customer);
        ids.put(
                "compensations",
                compensation.status() < 300 ? compensation.json().path("id").asText("cmp-none") : "cmp-none");
        ids.put("follow-ups", "fu-none");
        ids.put("incidents", "inc-none");
        ids.put("policies", "e2e-fuzz");
        // Each service builds its document on the first request, which may outlast the gateway's
        // per-service fetch timeout on a cold JVM: ask again until two reads agree.
        var deadline = java.time.Instant.now().plusSeconds(90);
        var previous = -1;
        do {
            openApi = Api.JSON.readTree(HTTP.send(
                            HttpRequest.newBuilder(URI.create(suite.gateway() + "/api/v1/openapi.json"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            var paths = openApi.path("paths").size();
            if (paths > 20 && paths == previous) {
                break;
            }
            previous = paths;
            Thread.sleep(2_000);
        } while (java.time.Instant.now().isBefore(deadline));
    }

    @org.junit.jupiter.api.AfterAll
    static void closeStoreClients() {
        CLIENTS.values().forEach(com.mongodb.client.MongoClient::close);
        CLIENTS.clear();
    }

    @Test
    @DisplayName("10,000 mutated calls from the OpenAPI document: no 5xx, only problem+json errors, no store change")
    void fuzzThroughTheGateway() throws Exception {
        var operations = operations();
        assertThat(operations).as("operations in the public OpenAPI document").hasSizeGreaterThan(20);
        var random = new Random(SEED);
        var tally = new Tally();
        var storeChanges = new ArrayList<String>();
        var deadline = Instant.now().plus(SAFETY_LIMIT);
        var baseline = quiescentSnapshot();
        var hostile = new ArrayList<Call>();
        var plausible = new ArrayList<Call>();
        try (var pool = Executors.newFixedThreadPool(THREADS)) {
            while (tally.sent.get() < MIN_REQUESTS && Instant.now().isBefore(deadline)) {
                var call = mutate(operations.get(random.nextInt(operations.size())), random);
                (mayBeAccepted(call) ? plausible : hostile).add(call);
                if (hostile.size() == ROUND) {
                    // A round of refusals: the store must be exactly as before it.
                    if (run(pool, hostile, tally) == 0) {
                        var after = snapshot();
                        if (!after.equals(baseline)) {
                            storeChanges.add(difference(baseline, after));
                        }
                        tally.verifiedRounds++;
                        tally.verifiedRequests += hostile.size();
                        baseline = after;
                    } else {
                        baseline = quiescentSnapshot();
                    }
                    hostile.clear();
                }
                if (plausible.size() == ROUND) {
                    // Calls a service may rightly accept: checked for 5xx and problem+json only.
                    run(pool, plausible, tally);
                    plausible.clear();
                    baseline = quiescentSnapshot();
                }
            }
        }
        var report = tally.report();
        System.out.println(report);
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "fuzz-report.txt"), report);

        // The description names the first answers itself: CI keeps only the failure's summary line.
        assertThat(tally.serverErrors)
                .as("5xx answers (all in target/fuzz-report.txt): %s", inOneLine(tally.serverErrors))
                .isEmpty();
        assertThat(tally.notProblems).as("errors that are not problem+json").isEmpty();
        assertThat(storeChanges)
                .as("store changes in rounds where every write was refused")
                .isEmpty();
        assertThat(tally.sent.get()).as("requests sent").isGreaterThanOrEqualTo(MIN_REQUESTS);
        assertThat(tally.verifiedRequests)
                .as("requests in rounds checked against the store snapshot")
                .isGreaterThan(MIN_REQUESTS / 2);
    }

    /**
     * A write whose body and target are left intact (sent as built, or with an extra header, query
     * parameter or precondition) or only given unusual but valid text: a service may rightly accept
     * it, so it goes into rounds of its own and the mutated rounds stay checkable against the store.
     */
    private static boolean mayBeAccepted(Call call) {
        return !call.method().equals("GET") && PLAUSIBLE.contains(call.mutation());
    }

    static final java.util.Set<String> PLAUSIBLE = java.util.Set.of(
            "valid", "many-headers", "query-parameter", "bad-if-match", "long-header", "unicode", "free-text");

    /**
     * Sends one round concurrently; answers the number of writes accepted. A 503 says a peer was
     * too slow or down for a moment (a service's time limit or breaker, the gateway's connect
     * timeout), not that the input broke anything: such a call is sent once more after the round,
     * alone, and that answer is the one judged.
     */
    private static int run(java.util.concurrent.ExecutorService pool, List<Call> calls, Tally tally) throws Exception {
        var writesAccepted = new AtomicInteger();
        var unavailable = new ConcurrentLinkedQueue<Outcome>();
        var futures = calls.stream()
                .map(call -> pool.submit(() -> {
                    var outcome = send(call);
                    tally.sent.incrementAndGet();
                    if (outcome.status() == 503) {
                        unavailable.add(outcome);
                    } else {
                        judge(outcome, tally, writesAccepted);
                    }
                    return null;
                }))
                .toList();
        for (var future : futures) {
            future.get();
        }
        for (var first : unavailable) {
            tally.retriedUnavailable.add(first);
            var retry = send(first.call());
            tally.sent.incrementAndGet();
            judge(retry, tally, writesAccepted);
        }
        return writesAccepted.get();
    }

    private static void judge(Outcome outcome, Tally tally, AtomicInteger writesAccepted) {
        var call = outcome.call();
        if (outcome.status() >= 500) {
            tally.serverErrors.add(outcome);
        } else if (outcome.status() >= 400 && !outcome.contentType().startsWith("application/problem+json")) {
            tally.notProblems.add(outcome);
        } else if (outcome.status() < 300 && !call.method().equals("GET")) {
            writesAccepted.incrementAndGet();
            tally.accepted.merge(call.mutation(), 1, Integer::sum);
            if (!mayBeAccepted(call)) {
                tally.hostileAccepted.add(outcome);
            }
        }
    }

    /** What the run saw, for the assertions and target/fuzz-report.txt. */
    static final class Tally {
        final AtomicInteger sent = new AtomicInteger();
        final Map<String, Integer> accepted = new java.util.concurrent.ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<Outcome> serverErrors = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<Outcome> notProblems = new ConcurrentLinkedQueue<>();
        /** Mutated writes a service accepted: each costs its round the store check. */
        final ConcurrentLinkedQueue<Outcome> hostileAccepted = new ConcurrentLinkedQueue<>();
        /** First answers of 503, each sent again once ({@link #run}). */
        final ConcurrentLinkedQueue<Outcome> retriedUnavailable = new ConcurrentLinkedQueue<>();

        int verifiedRounds;
        int verifiedRequests;

        String report() {
            return FuzzIT.report(this);
        }
    }

    // ---- the operations and their valid calls ----

    private static List<Operation> operations() {
        var list = new ArrayList<Operation>();
        openApi.path("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(method -> {
                    var name = method.getKey().toUpperCase(java.util.Locale.ROOT);
                    if (List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(name)) {
                        list.add(new Operation(name, path.getKey(), method.getValue()));
                    }
                }));
        list.sort(java.util.Comparator.comparing(o -> o.method() + o.path()));
        return list;
    }

    private static Call valid(Operation op, Random random) {
        var path = op.path();
        var query = new LinkedHashMap<String, String>();
        for (var parameter : op.operation().path("parameters")) {
            var name = parameter.path("name").asText();
            var schema = resolve(parameter.path("schema"));
            switch (parameter.path("in").asText()) {
                case "path" -> path = path.replace("{" + name + "}", pathValue(op.path(), name));
                case "query" -> {
                    if (parameter.path("required").asBoolean() || random.nextBoolean()) {
                        query.put(name, scalar(name, schema, random).asText());
                    }
                }
                default -> {}
            }
        }
        var headers = new LinkedHashMap<String, String>();
        headers.put("Authorization", token);
        headers.put("Idempotency-Key", "fuzz-" + random.nextLong());
        byte[] body = null;
        var schema = op.operation()
                .path("requestBody")
                .path("content")
                .path("application/json")
                .path("schema");
        if (!schema.isMissingNode()) {
            body = Api.JSON.writeValueAsBytes(example(schema, random, 0));
            headers.put("Content-Type", "application/json");
        }
        return new Call(op.method(), path + queryString(query), headers, body, "valid", false);
    }

    private static String pathValue(String template, String name) {
        if (name.equals("month")) {
            return "2026-11";
        }
        if (name.equals("site")) {
            return "fuzz-counter";
        }
        if (name.equals("tenant")) {
            return "e2e-fuzz";
        }
        var resource = template.replace("/api/v1/", "").split("/")[0];
        if (name.equals("id") || name.endsWith("Id") && resource.startsWith(name.replace("Id", ""))) {
            return ids.getOrDefault(resource, "none");
        }
        return ids.getOrDefault(resource, "x-" + name);
    }

    private static JsonNode resolve(JsonNode schema) {
        var ref = schema.path("$ref").asText("");
        if (ref.startsWith("#/components/schemas/")) {
            return openApi.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
        }
        return schema;
    }

    private static String type(JsonNode schema) {
        var type = schema.path("type");
        if (type.isArray()) {
            for (var t : type) {
                if (!t.asText().equals("null")) {
                    return t.asText();
                }
            }
        }
        if (type.isString()) {
            return type.asText();
        }
        if (schema.has("properties")) {
            return "object";
        }
        return "string";
    }

    private static JsonNode example(JsonNode raw, Random random, int depth) {
        var schema = resolve(raw);
        if (schema.has("oneOf") || schema.has("anyOf")) {
            var options = schema.has("oneOf") ? schema.get("oneOf") : schema.get("anyOf");
            return example(options.get(0), random, depth);
        }
        switch (type(schema)) {
            case "object" -> {
                var object = NODES.objectNode();
                if (depth < 6) {
                    schema.path("properties")
                            .properties()
                            .forEach(p -> object.set(p.getKey(), example(p.getValue(), random, depth + 1)));
                    if (!schema.has("properties") && schema.has("additionalProperties")) {
                        object.put("kind", "REPAIR");
                    }
                }
                return object;
            }
            case "array" -> {
                var array = NODES.arrayNode();
                if (depth < 6) {
                    array.add(example(schema.path("items"), random, depth + 1));
                }
                return array;
            }
            default -> {
                return scalar("", schema, random);
            }
        }
    }

    private static JsonNode scalar(String name, JsonNode raw, Random random) {
        var schema = resolve(raw);
        if (schema.path("enum").isArray() && !schema.path("enum").isEmpty()) {
            var values = schema.path("enum");
            return values.get(random.nextInt(values.size()));
        }
        var format = schema.path("format").asText("");
        return switch (type(schema)) {
            case "integer" -> NODES.numberNode(1 + random.nextInt(20));
            case "number" -> NODES.numberNode(new java.math.BigDecimal("20.50"));
            case "boolean" -> NODES.booleanNode(random.nextBoolean());
            default -> {
                if (format.equals("date-time") || name.endsWith("From") || name.endsWith("To") || name.endsWith("At")) {
                    yield NODES.stringNode("2026-11-20T08:00:00Z");
                }
                if (name.equals("month")) {
                    yield NODES.stringNode("2026-11");
                }
                yield NODES.stringNode("fuzz");
            }
        };
    }

    // ---- mutations ----

    static final List<String> HUGE_NUMBERS = List.of(
            "1e3000000",
            "-1e3000000",
            "1e400",
            "-1.7976931348623157e309",
            "123456789012345678901234567890123456789",
            "9223372036854775808",
            "-9223372036854775809",
            "2147483648",
            "0.000000000000000000001",
            "1E+6144",
            "-0",
            "1" + "0".repeat(45));
    static final List<String> DATES = List.of(
            "+999999999-01-01T00:00:00Z",
            "-999999999-01-01T00:00:00Z",
            "1900-01-01T00:00:00Z",
            "2999-12-31T23:59:59Z",
            "2026-13-45T25:61:61Z",
            "yesterday",
            "");
    static final List<String> UNICODE = List.of(
            "😀👨‍👩‍👧‍👦",
            "\u202Eevil\u202C",
            "\u0000nul",
            "\uffff",
            "Ω≈ç√∫",
            "\u200B\u200B",
            "مرحبا",
            "𝕏".repeat(50));

    private static Call mutate(Operation op, Random random) {
        var call = valid(op, random);
        var kind = random.nextInt(17);
        if (kind <= 6 && call.body() == null) {
            kind = 7 + random.nextInt(10);
        }
        return switch (kind) {
            case 0 -> withBody(call, "wrong-type", mutateValue(call, random, v -> wrongType(v, random)));
            case 1 ->
                withText(
                        call,
                        "huge-number",
                        mutateRaw(call, random, HUGE_NUMBERS.get(random.nextInt(HUGE_NUMBERS.size()))));
            case 2 -> withText(call, "deep-nesting", mutateRaw(call, random, "[".repeat(200) + "1" + "]".repeat(200)));
            case 3 ->
                random.nextInt(5) == 0
                        // An unpaired surrogate, escaped: valid JSON text, not valid UTF-16 text.
                        ? withText(call, "unicode", mutateRaw(call, random, "\"\\ud800x\""))
                        : withBody(
                                call,
                                "unicode",
                                mutateValue(
                                        call,
                                        random,
                                        v -> NODES.stringNode(UNICODE.get(random.nextInt(UNICODE.size())))));
            case 4 ->
                withBody(
                        call,
                        "mongo-key",
                        addKey(
                                call,
                                random,
                                List.of("$where", "$set", "a.b", "$gt", "x.$").get(random.nextInt(5))));
            case 5 -> withBody(call, "unknown-field", addKey(call, random, "receivdAt"));
            case 6 -> withText(call, "out-of-range-date", DATES.get(random.nextInt(DATES.size())), random);
            case 7 -> withHeader(call, "long-header", "X-Fuzz", "h".repeat(20_000 + random.nextInt(10_000)));
            case 8 ->
                new Call(
                        call.method(),
                        badPath(call.target(), random),
                        call.headers(),
                        call.body(),
                        "bad-path-encoding",
                        true);
            case 9 ->
                new Call(
                        call.method(),
                        badQuery(call.target(), random),
                        call.headers(),
                        call.body(),
                        "bad-query-encoding",
                        true);
            case 10 -> withQuery(call, random);
            case 11 ->
                withRawBody(
                        call,
                        "malformed-json",
                        List.of(
                                        "",
                                        "{",
                                        "[]",
                                        "[1,2]",
                                        "{\"a\":1} {\"b\":2}",
                                        "{\"a\":1,\"a\":2}",
                                        "null",
                                        "\"text\"",
                                        "{'a':1}",
                                        "{\"a\":NaN}")
                                .get(random.nextInt(10))
                                .getBytes(StandardCharsets.UTF_8));
            case 12 ->
                withRawBody(call, "invalid-utf8", new byte[] {
                    '{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, (byte) 0xFF, '"', '}'
                });
            case 13 ->
                withHeader(
                        call,
                        "wrong-content-type",
                        "Content-Type",
                        List.of("text/plain", "application/xml", ";;/;", "application/json; charset=EBCDIC")
                                .get(random.nextInt(4)));
            case 14 ->
                new Call(
                        call.method(),
                        longPath(call.target(), random),
                        call.headers(),
                        call.body(),
                        "path-parameter",
                        false);
            case 15 ->
                call.body() == null
                        ? withHeader(
                                call,
                                "bad-if-match",
                                "If-Match",
                                List.of("\"-1\"", "W/\"x\"", "*", "\"99999999999999999999\"")
                                        .get(random.nextInt(4)))
                        : withText(call, "long-string", "長".repeat(25_000), random);
            default ->
                random.nextInt(4) == 0
                        ? call
                        : withHeader(call, "many-headers", "Accept", "text/html;q=0.9, */*;q=0.1");
        };
    }

    private static Call withBody(Call call, String mutation, JsonNode body) {
        return new Call(
                call.method(), call.target(), call.headers(), Api.JSON.writeValueAsBytes(body), mutation, false);
    }

    /**
     * One value replaced by {@code text}. Where that value was free text (a reason, a note), a
     * service may rightly take any other text, so the call counts as plausible ("free-text");
     * in place of a date, a number, an id or an enum it must be refused.
     */
    private static Call withText(Call call, String mutation, String text, Random random) {
        var replaced = new JsonNode[1];
        var body = mutateValue(call, random, v -> {
            replaced[0] = v;
            return NODES.stringNode(text);
        });
        return withBody(call, isFreeText(replaced[0]) ? "free-text" : mutation, body);
    }

    /** A text value that is no date or time, number or upper-case constant (an enum, a kind). */
    private static boolean isFreeText(JsonNode value) {
        if (value == null || !value.isString()) {
            return false;
        }
        var text = value.asString();
        return !text.matches("\\d{4}-\\d{2}.*|[-+]?\\d+(\\.\\d+)?|[A-Z][A-Z0-9_]*|P.*T.*");
    }

    private static Call withText(Call call, String mutation, String body) {
        return new Call(
                call.method(), call.target(), call.headers(), body.getBytes(StandardCharsets.UTF_8), mutation, false);
    }

    private static Call withRawBody(Call call, String mutation, byte[] body) {
        var headers = new LinkedHashMap<>(call.headers());
        headers.put("Content-Type", "application/json");
        var method = call.method().equals("GET") || call.method().equals("DELETE") ? "POST" : call.method();
        return new Call(method, call.target(), headers, body, mutation, false);
    }

    private static Call withHeader(Call call, String mutation, String name, String value) {
        var headers = new LinkedHashMap<>(call.headers());
        headers.put(name, value);
        return new Call(call.method(), call.target(), headers, call.body(), mutation, false);
    }

    private static Call withQuery(Call call, Random random) {
        var values = List.of(
                "-1",
                "0",
                "99999999999999999999",
                "abc",
                "+999999999-01-01T00:00:00Z",
                "2026-13",
                "x".repeat(3000),
                "%E2%80%AE",
                "$where",
                "a.b",
                "' OR 1=1 --",
                "1e3000000",
                "../../etc/passwd",
                "%00");
        var names = List.of(
                "limit",
                "cursor",
                "month",
                "createdFrom",
                "createdTo",
                "site",
                "region",
                "state",
                "level",
                "caseId",
                "status",
                "format");
        var separator = call.target().contains("?") ? "&" : "?";
        var target = call.target() + separator + names.get(random.nextInt(names.size())) + "="
                + values.get(random.nextInt(values.size())).replace(" ", "%20").replace("'", "%27");
        return new Call(call.method(), target, call.headers(), call.body(), "query-parameter", false);
    }

    private static String badPath(String target, Random random) {
        var bad = List.of("%ZZ", "%", "%C0%AF", "%E4%B8", "%FF%FE", "%25%", "%u0041");
        return "/api/v1/"
                + target.substring("/api/v1/".length()).replaceFirst("[^/?]+", bad.get(random.nextInt(bad.size())));
    }

    private static String badQuery(String target, Random random) {
        var bad = List.of("%ZZ", "%", "%C0%AF", "%E4%B8", "%FF");
        return target + (target.contains("?") ? "&" : "?") + "q=" + bad.get(random.nextInt(bad.size()));
    }

    private static String longPath(String target, Random random) {
        var segments = List.of(
                "x".repeat(3000),
                URLEncoder.encode("😀$where", StandardCharsets.UTF_8),
                "%24gt",
                "a.b",
                "..%2F..%2Fadmin",
                "-1",
                "null",
                "9".repeat(40));
        var at = target.indexOf('?');
        var path = at < 0 ? target : target.substring(0, at);
        var parts = path.split("/");
        if (parts.length > 4) {
            parts[4] = segments.get(random.nextInt(segments.size()));
        } else {
            return path + "/" + segments.get(random.nextInt(segments.size()));
        }
        return String.join("/", parts);
    }

    interface ValueChange {
        JsonNode apply(JsonNode value);
    }

    /** Replaces one randomly chosen value anywhere in the body. */
    private static JsonNode mutateValue(Call call, Random random, ValueChange change) {
        var body = Api.JSON.readTree(call.body());
        var slots = new ArrayList<Object[]>();
        collect(body, slots);
        if (slots.isEmpty()) {
            return change.apply(body);
        }
        var slot = slots.get(random.nextInt(slots.size()));
        if (slot[0] instanceof ObjectNode object) {
            object.set((String) slot[1], change.apply(object.get((String) slot[1])));
        } else if (slot[0] instanceof ArrayNode array) {
            array.set((Integer) slot[1], change.apply(array.get((Integer) slot[1])));
        }
        return body;
    }

    /** Puts a raw JSON literal (a huge number, a deep array) in place of one value. */
    private static String mutateRaw(Call call, Random random, String literal) {
        var marker = "\"__fuzz_" + random.nextInt(1_000_000) + "\"";
        var body = mutateValue(call, random, v -> NODES.stringNode(marker.substring(1, marker.length() - 1)));
        return Api.JSON.writeValueAsString(body).replace(marker, literal);
    }

    private static JsonNode addKey(Call call, Random random, String key) {
        var body = Api.JSON.readTree(call.body());
        var objects = new ArrayList<ObjectNode>();
        collectObjects(body, objects);
        if (objects.isEmpty()) {
            return body;
        }
        objects.get(random.nextInt(objects.size())).put(key, key.startsWith("$") ? "1" : "2026-01-01T00:00:00Z");
        return body;
    }

    private static void collect(JsonNode node, List<Object[]> slots) {
        if (node instanceof ObjectNode object) {
            object.properties().forEach(p -> {
                slots.add(new Object[] {object, p.getKey()});
                collect(p.getValue(), slots);
            });
        } else if (node instanceof ArrayNode array) {
            for (var i = 0; i < array.size(); i++) {
                slots.add(new Object[] {array, i});
                collect(array.get(i), slots);
            }
        }
    }

    private static void collectObjects(JsonNode node, List<ObjectNode> objects) {
        if (node instanceof ObjectNode object) {
            objects.add(object);
            object.properties().forEach(p -> collectObjects(p.getValue(), objects));
        } else if (node instanceof ArrayNode array) {
            array.forEach(n -> collectObjects(n, objects));
        }
    }

    private static JsonNode wrongType(JsonNode value, Random random) {
        if (value != null && value.isString()) {
            return List.<JsonNode>of(
                            NODES.numberNode(42), NODES.booleanNode(true), NODES.arrayNode(), NODES.objectNode())
                    .get(random.nextInt(4));
        }
        return List.<JsonNode>of(
                        NODES.stringNode("not-a-number"),
                        NODES.booleanNode(false),
                        NODES.numberNode(3.5),
                        NODES.nullNode())
                .get(random.nextInt(4));
    }

    private static String queryString(Map<String, String> query) {
        if (query.isEmpty()) {
            return "";
        }
        var parts = new ArrayList<String>();
        query.forEach((k, v) -> parts.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return "?" + String.join("&", parts);
    }

    // ---- sending ----

    private static Outcome send(Call call) {
        try {
            return call.raw() ? sendRaw(call) : sendClient(call);
        } catch (Exception e) {
            // A refused connection or a reset counts as an answer the client could not read: a failure.
            return new Outcome(call, 599, "", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static Outcome sendClient(Call call) throws Exception {
        var builder = HttpRequest.newBuilder(URI.create(suite.gateway() + call.target()))
                .timeout(Duration.ofSeconds(20));
        call.headers().forEach(builder::header);
        var body = call.body() == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(call.body());
        builder.method(call.method(), body);
        var response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        return new Outcome(
                call,
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    private static Outcome sendRaw(Call call) throws Exception {
        var port = URI.create(suite.gateway()).getPort();
        try (var socket = new Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            var request = new StringBuilder(
                    call.method() + " " + call.target() + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
            call.headers()
                    .forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
            var body = call.body() == null ? new byte[0] : call.body();
            request.append("Content-Length: ").append(body.length).append("\r\n\r\n");
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            var out = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(out);
            var text = out.toString(StandardCharsets.UTF_8);
            var end = text.indexOf("\r\n\r\n");
            var status = Integer.parseInt(text.substring(9, 12));
            var contentType = text.substring(0, Math.max(end, 0))
                    .lines()
                    .filter(l -> l.toLowerCase(java.util.Locale.ROOT).startsWith("content-type:"))
                    .map(l -> l.substring("content-type:".length()).strip())
                    .findFirst()
                    .orElse("");
            return new Outcome(call, status, contentType, end < 0 ? "" : text.substring(end + 4));
        }
    }

    // ---- store snapshots ----

    /** Every document of every service's store, by database, collection and id, as JSON. */
    private static Map<String, String> snapshot() {
        var started = System.nanoTime();
        try {
            return readStores();
        } finally {
            SNAPSHOTS.incrementAndGet();
            SNAPSHOT_NANOS.addAndGet(System.nanoTime() - started);
        }
    }

    static final Map<String, com.mongodb.client.MongoClient> CLIENTS = new java.util.concurrent.ConcurrentHashMap<>();
    static final AtomicInteger SNAPSHOTS = new AtomicInteger();
    /** Outbox entries (ADR 0002) the last snapshot found still to be sent: work not yet settled. */
    static final AtomicInteger OWED = new AtomicInteger();

    static final java.util.concurrent.atomic.AtomicLong SNAPSHOT_NANOS = new java.util.concurrent.atomic.AtomicLong();

    private static Map<String, String> readStores() {
        var snapshot = new java.util.TreeMap<String, String>();
        var owed = 0;
        for (var service : RunningSuite.services()) {
            var client = CLIENTS.computeIfAbsent(service, s -> MongoClients.create(suite.storeUri(s)));
            for (var database : client.listDatabaseNames()) {
                if (List.of("admin", "local", "config").contains(database)) {
                    continue;
                }
                var db = client.getDatabase(database);
                for (var collection : db.listCollectionNames()) {
                    if (collection.contains("lock") || collection.equals("due_buckets")) {
                        continue; // ShedLock's lease and the due sweeps' cursor, moved by every sweep
                    }
                    if (database.equals("complaints_followup") && collection.equals("reports")) {
                        continue; // a month's report is stored by its first read (ADR 0401), not a write
                    }
                    for (var doc : db.getCollection(collection).find().sort(new Document("_id", 1))) {
                        snapshot.put(database + "." + collection + "/" + doc.get("_id"), doc.toJson());
                        owed += owedDeliveries(doc);
                    }
                }
            }
        }
        OWED.set(owed);
        return snapshot;
    }

    /**
     * A snapshot once background work has settled: no outbox entry left to send (a relay sends on
     * its own schedule, so two equal reads alone can fall between its passes) and two equal reads
     * in a row.
     */
    private static Map<String, String> quiescentSnapshot() throws InterruptedException {
        var previous = snapshot();
        for (var i = 0; i < 60; i++) {
            Thread.sleep(500);
            var next = snapshot();
            if (next.equals(previous) && OWED.get() == 0) {
                return next;
            }
            previous = next;
        }
        return previous;
    }

    /** Entries of a document's outbox still due to be sent (not parked). */
    private static int owedDeliveries(Document doc) {
        if (!(doc.get("deliveries") instanceof List<?> deliveries)) {
            return 0;
        }
        var owed = 0;
        for (var entry : deliveries) {
            if (entry instanceof Document d && d.get("parkedAt") == null && d.get("due") != null) {
                owed++;
            }
        }
        return owed;
    }

    /** The documents a round added, removed or changed, each change shown where it starts. */
    private static String difference(Map<String, String> before, Map<String, String> after) {
        var changed = new ArrayList<String>();
        after.forEach((k, v) -> {
            var old = before.get(k);
            if (old == null) {
                changed.add(k + " added: " + excerpt(v, 0));
            } else if (!v.equals(old)) {
                var at = 0;
                while (at < Math.min(old.length(), v.length()) && old.charAt(at) == v.charAt(at)) {
                    at++;
                }
                changed.add(k + " changed: " + excerpt(old, at) + " -> " + excerpt(v, at));
            }
        });
        before.keySet().stream().filter(k -> !after.containsKey(k)).forEach(k -> changed.add(k + " removed"));
        return String.join("; ", changed);
    }

    private static String excerpt(String text, int at) {
        var from = Math.max(0, at - 80);
        return "…" + text.substring(from, Math.min(text.length(), at + 220)) + "…";
    }

    /** One line per distinct call and answer: what was sent and what came back, clipped. */
    private static void list(
            StringBuilder text,
            java.util.Set<String> seen,
            String label,
            java.util.Collection<Outcome> outcomes,
            boolean withContentType) {
        for (var o : outcomes) {
            var key = o.call().method() + " " + o.call().target().replaceAll("\\?.*", "") + " "
                    + o.call().mutation() + " " + o.status() + (withContentType ? " " + o.contentType() : "");
            if (seen.add(key)) {
                var body = o.call().body() == null ? "" : new String(o.call().body(), StandardCharsets.UTF_8);
                text.append(label)
                        .append(key)
                        .append(" body=")
                        .append(clip(body))
                        .append(" answer=")
                        .append(clip(o.body()))
                        .append('\n');
            }
        }
    }

    /** The first few outcomes as one line: method, target, mutation, status and the answer's start. */
    private static String inOneLine(java.util.Collection<Outcome> outcomes) {
        return outcomes.stream()
                .limit(5)
                .map(o -> o.call().method() + " " + o.call().target() + " "
                        + o.call().mutation() + " " + o.status() + " "
                        + clip(o.body()).replaceAll("\\s+", " "))
                .collect(java.util.stream.Collectors.joining(" | "));
    }

    private static String clip(String text) {
        return text.substring(0, Math.min(300, text.length()));
    }

    private static String report(Tally tally) {
        var serverErrors = tally.serverErrors;
        var notProblems = tally.notProblems;
        var text = new StringBuilder("FuzzIT seed " + SEED + ": " + tally.sent.get() + " requests, writes accepted by"
                + " mutation " + new java.util.TreeMap<>(tally.accepted) + ", " + tally.verifiedRounds + " rounds ("
                + tally.verifiedRequests + " requests) checked against store snapshots; " + SNAPSHOTS.get()
                + " snapshots took " + SNAPSHOT_NANOS.get() / 1_000_000 + " ms; " + tally.retriedUnavailable.size()
                + " answers of 503 sent again\n");
        var seen = new java.util.HashSet<String>();
        list(text, seen, "5xx: ", serverErrors, false);
        list(text, seen, "accepted mutated write: ", tally.hostileAccepted, false);
        list(text, seen, "503, sent again: ", tally.retriedUnavailable, false);
        list(text, seen, "not problem+json: ", notProblems, true);
        return text.toString();
    }
}
