package org.complaints.gateway.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 13 through the gateway: a partner key registers webhook subscriptions; one case lives its
 * whole life across the four services (compensation agreed, follow-up unsatisfied, second round,
 * closure) while the receiver answers 503 for over a minute and routing is restarted; the receiver
 * then gets every event of the case once, in sequence order, correctly signed. A second
 * subscription's receiver refuses the case with 410: its head is parked, listed for the operator and
 * the partner, the partner redelivers it, and the whole stream follows in order.
 */
class WebhooksIT {

    static final String KEY = "demo-generic-hotline-key";
    static final List<String> ALL = List.of(
            "complaint.received",
            "case.routed",
            "case.state_changed",
            "case.level_raised",
            "sla.at_risk",
            "sla.breached",
            "task.overdue",
            "compensation.decided",
            "follow_up.due",
            "follow_up.outcome",
            "case.closed",
            "case.reopened",
            "promise.broken");

    static RunningSuite suite;
    static final WireMockServer receiver = new WireMockServer(wireMockConfig().dynamicPort());

    @BeforeAll
    static void start() throws Exception {
        suite = RunningSuite.get();
        receiver.start();
    }

    @AfterAll
    static void stop() {
        receiver.stop();
    }

    @Test
    @DisplayName(
            "each event of a full case life exactly once, in sequence order, signed, through a minute of 503s and a routing restart; a parked delivery is redelivered by the partner")
    void wholeLifeExactlyOnceInOrder() throws Exception {
        var partner = Api.partner(suite, KEY);
        badInput(partner);

        receiver.stubFor(WireMock.post(urlPathEqualTo("/hooks/life"))
                .willReturn(aResponse().withStatus(503)));
        receiver.stubFor(WireMock.post(urlPathEqualTo("/hooks/gone"))
                .willReturn(aResponse().withStatus(503)));
        var outageFrom = Instant.now();
        var life = subscribe(partner, "/hooks/life");
        var gone = subscribe(partner, "/hooks/gone");

        var caseId = respondedCase(partner);
        // the second receiver refuses this case for good (others of the tenant it takes)
        receiver.stubFor(WireMock.post(urlPathEqualTo("/hooks/gone"))
                .atPriority(1)
                .withRequestBody(containing(caseId))
                .willReturn(aResponse().withStatus(410)));
        receiver.stubFor(WireMock.post(urlPathEqualTo("/hooks/gone"))
                .atPriority(5)
                .willReturn(aResponse().withStatus(200)));
        var agent = Api.staff(suite, "generic.agent");
        agreeOnAVoucher(agent, caseId);

        suite.restart("routing-service");

        agent = Api.staff(suite, "generic.agent");
        resolve(agent, caseId, "Customer called back and served at the priority counter");
        var planned = agent.await("/api/v1/follow-ups?caseId=" + caseId, list -> list.size() == 2, patience());
        assertThat(agent.post(
                                "/api/v1/follow-ups/"
                                        + planned.get(1).get("followUpId").asText() + "/outcome",
                                Map.of("satisfaction", 2, "resolved", false, "comment", "still waiting"))
                        .status())
                .isEqualTo(200);
        agent.await("/api/v1/cases/" + caseId, c -> "SECOND_HANDLING".equals(Api.text(c, "state")), patience());
        assertThat(agent.post("/api/v1/cases/" + caseId + "/contacts", Map.of("channel", "PHONE", "note", "called"))
                        .status())
                .isIn(200, 409);
        resolve(agent, caseId, "A second counter now opens whenever more than five customers wait");
        var all = agent.await("/api/v1/follow-ups?caseId=" + caseId, list -> list.size() == 4, patience());
        for (var followUp : all) {
            var status = Api.text(followUp, "status");
            if ("PLANNED".equals(status) || "OVERDUE".equals(status)) {
                assertThat(agent.post(
                                        "/api/v1/follow-ups/"
                                                + followUp.get("followUpId").asText() + "/outcome",
                                        Map.of("satisfaction", 5, "resolved", true))
                                .status())
                        .isEqualTo(200);
            }
        }
        var supervisor = Api.staff(suite, "generic.supervisor");
        supervisor.await("/api/v1/cases/" + caseId, c -> "FOLLOW_UP".equals(Api.text(c, "state")), patience());
        var closed =
                supervisor.post("/api/v1/cases/" + caseId + "/closure", Map.of("reason", "second round satisfied"));
        assertThat(closed.status()).as(closed.toString()).isEqualTo(200);

        var outage = Duration.between(outageFrom, Instant.now());
        if (outage.compareTo(Duration.ofSeconds(65)) < 0) {
            Thread.sleep(Duration.ofSeconds(65).minus(outage).toMillis());
        }
        assertThat(acknowledged("/hooks/life", caseId))
                .as("nothing acknowledged during the outage")
                .isEmpty();
        receiver.stubFor(WireMock.post(urlPathEqualTo("/hooks/life"))
                .willReturn(aResponse().withStatus(204)));

        var last = supervisor
                .get("/api/v1/cases/" + caseId)
                .json()
                .get("eventSequence")
                .asLong();
        assertThat(last).isGreaterThan(15);
        var delivered = awaitDelivered("/hooks/life", caseId, last);
        assertInOrderAndSigned(delivered, life.get("secret").asText(), last);
        var types = delivered.stream()
                .map(e -> Api.JSON
                        .readTree(e.getRequest().getBodyAsString())
                        .get("type")
                        .asText())
                .toList();
        assertThat(types)
                .startsWith("complaint.received")
                .contains(
                        "case.routed",
                        "case.state_changed",
                        "compensation.decided",
                        "follow_up.due",
                        "follow_up.outcome",
                        "case.reopened",
                        "case.closed");

        // the parked one: listed for the operator and the partner, redelivered, then the whole stream in order
        var streamId = gone.get("id").asText() + ":" + caseId;
        var operator = Api.staff(suite, "generic.gm");
        var parked = operator.await(
                "/api/v1/operations/routing/relay/parked",
                p -> p.get("parked").toString().contains(streamId),
                patience());
        JsonNode entry = null;
        for (var p : parked.get("parked")) {
            if (streamId.equals(Api.text(p, "documentId"))) {
                entry = p;
            }
        }
        assertThat(entry).isNotNull();
        assertThat(Api.text(entry, "kind")).isEqualTo("webhook");
        assertThat(Api.text(entry, "lastError")).contains("410");
        assertThat(Api.partner(suite, KEY)
                        .get("/api/v1/operations/routing/relay/parked")
                        .status())
                .as("an operator's task, not a partner's")
                .isEqualTo(403);
        receiver.stubFor(WireMock.post(urlPathEqualTo("/hooks/gone"))
                .atPriority(1)
                .withRequestBody(containing(caseId))
                .willReturn(aResponse().withStatus(200)));
        // ADR 0263: the partner sees its own parked delivery and sends it again
        var ownParked =
                partner.get("/api/v1/webhooks/subscriptions/" + gone.get("id").asText() + "/deliveries/parked");
        assertThat(ownParked.status()).as(ownParked.toString()).isEqualTo(200);
        assertThat(ownParked.json().get("items"))
                .extracting(p -> Api.text(p, "webhookId"))
                .containsExactly(Api.text(entry, "eventId"));
        var replay = partner.post(
                "/api/v1/webhooks/subscriptions/" + gone.get("id").asText() + "/deliveries/"
                        + Api.text(entry, "eventId") + "/redeliver",
                Map.of());
        assertThat(replay.status()).as(replay.toString()).isEqualTo(202);
        assertInOrderAndSigned(
                awaitDelivered("/hooks/gone", caseId, last), gone.get("secret").asText(), last);

        for (var subscription : List.of(life, gone)) {
            assertThat(partner.delete("/api/v1/webhooks/subscriptions/"
                                    + subscription.get("id").asText())
                            .status())
                    .isEqualTo(204);
        }
    }

    /**
     * A generic counter case, accepted and contacted. On this shared 2-core machine a cold service
     * can miss the gateway's 10 s answer timeout: a 502/503/504 is retried as a client would (the
     * complaint with the same Idempotency-Key; a step that did apply then answers 409).
     */
    private static String respondedCase(Api partner) throws Exception {
        var key = Complaints.key();
        var body = Map.of(
                "channel", "PHONE",
                "site", "cd-counter-1",
                "customer", Map.of("id", "c-" + System.nanoTime(), "name", "陈女士", "phone", "13600000000"),
                "content", "办理业务等待两小时",
                "demand", Map.of("kind", "APOLOGY", "text", "要求道歉并补偿"));
        var filed = retried(() -> partner.with("Idempotency-Key", key).post("/api/v1/complaints", body));
        assertThat(filed.status()).as(filed.toString()).isIn(200, 201);
        var caseId = ComplaintJourneyIT.awaitRouted(
                        partner, filed.json().get("id").asText())
                .json()
                .get("routing")
                .get("caseId")
                .asText();
        var agent = Api.staff(suite, "generic.agent");
        step(agent, "/api/v1/cases/" + caseId + "/acceptance", Map.of());
        step(agent, "/api/v1/cases/" + caseId + "/contacts", Map.of("channel", "PHONE", "note", "apologised"));
        return caseId;
    }

    private static Api.Answer retried(java.util.concurrent.Callable<Api.Answer> call) throws Exception {
        Api.Answer answer = null;
        for (var attempt = 0; attempt < 5; attempt++) {
            answer = call.call();
            if (answer.status() < 502 || answer.status() > 504) {
                return answer;
            }
            Thread.sleep(2000);
        }
        return answer;
    }

    private static void step(Api api, String path, Object body) throws Exception {
        var first = api.post(path, body);
        if (first.status() >= 502 && first.status() <= 504) {
            assertThat(retried(() -> api.post(path, body)).status()).isIn(200, 409);
        } else {
            assertThat(first.status()).as(first.toString()).isEqualTo(200);
        }
    }

    private static void badInput(Api partner) throws Exception {
        var unknown = retried(() -> partner.post(
                "/api/v1/webhooks/subscriptions",
                Map.of("url", receiver.baseUrl() + "/hooks/x", "eventTypes", List.of("case.closed", "case.vanished"))));
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(422);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.json().get("fields").get(0).get("field").asText()).isEqualTo("eventTypes[1]");
        var noUrl = partner.post("/api/v1/webhooks/subscriptions", Map.of("eventTypes", List.of("case.closed")));
        assertThat(noUrl.status()).isEqualTo(422);
        var noScope = Api.partner(suite, "demo-retail-east-key")
                .post(
                        "/api/v1/webhooks/subscriptions",
                        Map.of("url", receiver.baseUrl() + "/hooks/x", "eventTypes", List.of("case.closed")));
        assertThat(noScope.status()).as("a key without webhooks:write").isEqualTo(403);
    }

    private static JsonNode subscribe(Api partner, String path) throws Exception {
        var created = partner.post(
                "/api/v1/webhooks/subscriptions", Map.of("url", receiver.baseUrl() + path, "eventTypes", ALL));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(Api.text(created.json(), "secret")).startsWith("whsec_");
        return created.json();
    }

    private static void agreeOnAVoucher(Api agent, String caseId) throws Exception {
        var proposed = retried(() -> agent.post(
                "/api/v1/compensations",
                Map.of(
                        "caseId",
                        caseId,
                        "options",
                        List.of(Map.of("kind", "VOUCHER", "amount", Map.of("amount", "50", "currency", "CNY"))))));
        assertThat(proposed.status()).as(proposed.toString()).isEqualTo(201);
        var option = proposed.json().get("options").get(0);
        assertThat(Api.text(option, "status")).isEqualTo("APPROVED");
        var consent = agent.post(
                "/api/v1/compensations/" + proposed.json().get("compensationId").asText() + "/consent",
                Map.of("optionId", option.get("optionId").asText(), "accepted", true));
        assertThat(consent.status()).as(consent.toString()).isIn(200, 201);
        agent.await("/api/v1/cases/" + caseId, c -> "AGREED".equals(Api.text(c, "state")), patience());
    }

    private static void resolve(Api agent, String caseId, String correction) throws Exception {
        var resolved = agent.post(
                "/api/v1/cases/" + caseId + "/resolution",
                Map.of(
                        "resolution",
                        Map.of(
                                "rootCause",
                                "Only one counter open at lunch time",
                                "defectCorrection",
                                correction,
                                "longTermMeasure",
                                Map.of(
                                        "action",
                                        "Lunch-time rota keeps two counters open from 11:30 to 13:30",
                                        "owner",
                                        "branch manager",
                                        "dueDate",
                                        "2026-12-31"))));
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
    }

    /** The receiver's answered-2xx requests about one case, oldest first. */
    private static List<ServeEvent> acknowledged(String path, String caseId) {
        var events = new ArrayList<>(receiver.getAllServeEvents());
        java.util.Collections.reverse(events); // WireMock lists the newest first
        return events.stream()
                .filter(e -> e.getRequest().getUrl().equals(path))
                .filter(e -> e.getResponse().getStatus() / 100 == 2)
                .filter(e -> caseId.equals(Api.JSON
                        .readTree(e.getRequest().getBodyAsString())
                        .get("data")
                        .get("caseId")
                        .asText()))
                .toList();
    }

    private static List<ServeEvent> awaitDelivered(String path, String caseId, long last) throws Exception {
        var deadline = Instant.now().plus(patience().multipliedBy(3));
        while (Instant.now().isBefore(deadline)) {
            var delivered = acknowledged(path, caseId);
            if (delivered.size() >= last) {
                Thread.sleep(3000); // anything more (a duplicate) would arrive now
                return acknowledged(path, caseId);
            }
            Thread.sleep(500);
        }
        throw new AssertionError(path + ": " + acknowledged(path, caseId).size() + " of " + last + " in time");
    }

    private static void assertInOrderAndSigned(List<ServeEvent> delivered, String secret, long last) throws Exception {
        assertThat(delivered)
                .extracting(e -> e.getRequest().getHeader("webhook-id"))
                .as("each event once")
                .hasSize((int) last)
                .doesNotHaveDuplicates();
        var sequences = new ArrayList<Long>();
        for (var e : delivered) {
            var request = e.getRequest();
            var body = request.getBodyAsString();
            assertThat(request.getHeader("webhook-signature"))
                    .isEqualTo(sign(
                            secret, request.getHeader("webhook-id"), request.getHeader("webhook-timestamp"), body));
            sequences.add(Api.JSON.readTree(body).get("sequence").asLong());
        }
        assertThat(sequences)
                .as("in sequence order, no gap")
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, last).boxed().toList());
    }

    /** The Standard Webhooks signature, computed as a receiver would. */
    static String sign(String secret, String id, String timestamp, String body) throws Exception {
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        return "v1,"
                + Base64.getEncoder()
                        .encodeToString(
                                mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    private static Duration patience() {
        return Duration.ofSeconds(Long.getLong("e2e.await-seconds", 90));
    }
}
