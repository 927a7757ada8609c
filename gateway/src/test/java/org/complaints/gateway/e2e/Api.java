package org.complaints.gateway.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A partner system or a staff member calling the suite through the gateway, as the outside world does. */
final class Api {

    static final JsonMapper JSON = JsonMapper.builder().build();
    /** Requests sent by every caller of this JVM (the authorization matrix reports its rate). */
    static final java.util.concurrent.atomic.AtomicLong SENT = new java.util.concurrent.atomic.AtomicLong();

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String base;
    private final Map<String, String> headers;

    private Api(String base, Map<String, String> headers) {
        this.base = base;
        this.headers = headers;
    }

    static Api anonymous(RunningSuite suite) {
        return anonymous(suite.gateway());
    }

    static Api anonymous(String base) {
        return new Api(base, Map.of());
    }

    static Api partner(RunningSuite suite, String apiKey) {
        return new Api(suite.gateway(), Map.of("X-Api-Key", apiKey));
    }

    static Api staff(RunningSuite suite, String user) throws Exception {
        return staff(suite.gateway(), user);
    }

    /** A staff member of a gateway at {@code base} (ConsoleIT may drive an already running one). */
    static Api staff(String base, String user) throws Exception {
        var answer = new Api(base, Map.of()).post("/dev/tokens", Map.of("user", user));
        if (answer.status() != 200) {
            throw new IllegalStateException("no dev token for " + user + ": " + answer.body());
        }
        return new Api(
                base,
                Map.of("Authorization", "Bearer " + answer.json().get("token").asText()));
    }

    Api with(String header, String value) {
        var more = new LinkedHashMap<>(headers);
        more.put(header, value);
        return new Api(base, more);
    }

    /** A header this caller sends (e.g. its {@code Authorization}), for tests that build raw requests. */
    String headerValue(String name) {
        return headers.get(name);
    }

    Answer get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Answer post(String path, Object body) throws Exception {
        return postRaw(path, JSON.writeValueAsString(body), "application/json");
    }

    Answer put(String path, Object body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    Answer delete(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    Answer postRaw(String path, String body, String contentType) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /**
     * Reads {@code path} until its JSON satisfies {@code done}, polling for at most {@code within}
     * (a relay or a sweep of another process is to act), else fails naming the last answer.
     */
    JsonNode await(String path, Predicate<JsonNode> done, Duration within) throws Exception {
        var deadline = Instant.now().plus(within);
        Answer last = null;
        while (true) {
            last = get(path);
            if (last.status() == 200 && done.test(last.json())) {
                return last.json();
            }
            if (!Instant.now().isBefore(deadline)) {
                throw new AssertionError(path + " did not reach the expected state within " + within + ": " + last);
            }
            Thread.sleep(250);
        }
    }

    /** A field's text, or null when it is absent or JSON null. */
    static String text(JsonNode node, String field) {
        var value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private Answer send(HttpRequest.Builder builder) throws Exception {
        SENT.incrementAndGet();
        headers.forEach(builder::header);
        var response = HTTP.send(builder.timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(
                response.statusCode(),
                response.body(),
                response.headers().firstValue("Content-Type").orElse(""));
    }

    record Answer(int status, String body, String contentType) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
