package org.complaints.support.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import feign.FeignException;
import feign.Request;
import feign.Response;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.identity.IdentityTokens;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Issue 10: the relay parks a permanent refusal and an entry past its budget (never retried
 * forever, never dropped), counts them, and an operator of the caller's tenant lists and replays
 * them through {@code /operations/relay/parked}.
 */
@ActiveProfiles("test")
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"complaints.relay.max-attempts=3", "complaints.relay.initial-delay=PT1H"})
class RelayOperationsIT {

    static final String COLLECTION = "relay_ops";
    static final DeliveryRelayPollIT.StepClock CLOCK =
            new DeliveryRelayPollIT.StepClock(Instant.parse("2026-11-22T10:00:00Z"));
    static volatile boolean receiverRefuses = true;

    @TestConfiguration
    static class Relay {
        @Bean
        Clock clock() {
            return CLOCK;
        }

        @Bean
        DeliveryRelay opsRelay(MongoTemplate mongo, MeterRegistry meters) {
            DeliveryHandler refused = new DeliveryHandler() {
                public String kind() {
                    return "case-event";
                }

                public void deliver(String documentId, Delivery delivery) {
                    if (receiverRefuses) {
                        throw status(409);
                    }
                }
            };
            DeliveryHandler down = new DeliveryHandler() {
                public String kind() {
                    return "flaky";
                }

                public void deliver(String documentId, Delivery delivery) {
                    throw new IllegalStateException("receiver down");
                }
            };
            return new DeliveryRelay(mongo, COLLECTION, List.of(refused, down), CLOCK, meters, "support-test");
        }
    }

    /** What an owning service's entity looks like: it maps the deliveries, nothing else of the relay's. */
    @org.springframework.data.mongodb.core.mapping.Document(COLLECTION)
    static class Holder {
        @Id
        String id;

        String tenant;
        List<Delivery> deliveries;
    }

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    DeliveryRelay relay;

    @Autowired
    IdentityTokens tokens;

    @Autowired
    MeterRegistry meters;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    @DisplayName(
            "a 4xx refusal and an exhausted budget are parked, counted, listed to the tenant's operator and replayable")
    void parkListReplay() throws Exception {
        receiverRefuses = true;
        var refusedEvent = Delivery.of("case-event", CLOCK.instant());
        var flakyEvent = Delivery.of("flaky", CLOCK.instant());
        save("doc-refused", "demo-dealer", refusedEvent);
        save("doc-flaky", "demo-dealer", flakyEvent);
        save("doc-retail", "demo-retail", Delivery.of("case-event", CLOCK.instant()));

        relay.relayDue(100);
        assertThat(entry("doc-refused").get("parkedAt")).as("409 parks at once").isNotNull();
        assertThat(entry("doc-refused").get("due")).isNull();
        assertThat(entry("doc-flaky").get("parkedAt")).as("transient: retried").isNull();

        for (var i = 0; i < 3; i++) {
            CLOCK.step(Duration.ofMinutes(10));
            relay.relayDue(100);
        }
        assertThat(entry("doc-flaky").get("parkedAt"))
                .as("parked after 3 attempts")
                .isNotNull();
        assertThat(entry("doc-flaky").getInteger("attempts")).isEqualTo(3);
        assertThat(relay.parked()).isEqualTo(3);
        assertThat(relay.backlog()).isZero();
        assertThat(meters.get("complaints.relay.parkings").counter().count()).isEqualTo(3.0);
        assertThat(meters.get("complaints.relay.parked").gauge().value()).isEqualTo(3.0);

        CLOCK.step(Duration.ofHours(48));
        relay.relayDue(100);
        assertThat(meters.get("complaints.relay.parkings").counter().count())
                .as("a parked entry is never retried by itself")
                .isEqualTo(3.0);

        // The owning service saves the whole document through its entity: the parked entry stays.
        var holder = mongo.findById("doc-refused", Holder.class);
        mongo.save(holder);
        assertThat(entry("doc-refused").get("parkedAt")).isNotNull();

        var dealerOps = operator("demo-dealer", "general-manager");
        var list = call("GET", "/operations/relay/parked", dealerOps);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body())
                .contains(refusedEvent.eventId(), flakyEvent.eventId(), "refused with HTTP 409")
                .doesNotContain("doc-retail");
        assertThat(call("GET", "/operations/relay/parked", operator("demo-dealer", "service-director"))
                        .statusCode())
                .isEqualTo(403);
        var retailOps = operator("demo-retail", "hq-executive");
        assertThat(call("GET", "/operations/relay/parked", retailOps).body())
                .contains("doc-retail")
                .doesNotContain("doc-refused");
        assertThat(call("POST", replay("doc-refused", refusedEvent), retailOps).statusCode())
                .as("another tenant's document")
                .isEqualTo(404);

        receiverRefuses = false;
        assertThat(call("POST", replay("doc-refused", refusedEvent), dealerOps).statusCode())
                .isEqualTo(202);
        assertThat(relay.parked()).isEqualTo(2);
        assertThat(relay.relayDue(100)).isEqualTo(1);
        assertThat(mongo.findById("doc-refused", Document.class, COLLECTION).getList("deliveries", Document.class))
                .isEmpty();
        assertThat(call("POST", replay("doc-refused", refusedEvent), dealerOps).statusCode())
                .as("nothing parked any more")
                .isEqualTo(404);
    }

    @Test
    void onlyPermanentRefusalsCount() {
        assertThat(DeliveryRelay.refusal(status(409))).isEqualTo(409);
        assertThat(DeliveryRelay.refusal(new RuntimeException("breaker", status(422))))
                .isEqualTo(422);
        assertThat(DeliveryRelay.refusal(status(408))).isNull();
        assertThat(DeliveryRelay.refusal(status(429))).isNull();
        assertThat(DeliveryRelay.refusal(status(503))).isNull();
        assertThat(DeliveryRelay.refusal(new IllegalStateException("down"))).isNull();
    }

    private void save(String id, String tenant, Delivery delivery) {
        var holder = new Holder();
        holder.id = id;
        holder.tenant = tenant;
        holder.deliveries = List.of(delivery);
        mongo.save(holder);
    }

    private Document entry(String id) {
        return mongo.findById(id, Document.class, COLLECTION)
                .getList("deliveries", Document.class)
                .getFirst();
    }

    private static String replay(String id, Delivery delivery) {
        return "/operations/relay/parked/" + id + "/" + delivery.eventId() + "/replay";
    }

    private String operator(String tenant, String role) {
        return tokens.sign(new CallerIdentity(
                "ops", CallerIdentity.Kind.STAFF, tenant, Set.of(), Set.of(), Set.of(role), Set.of(), "Ops"));
    }

    private HttpResponse<String> call(String method, String path, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header(IdentityTokens.HEADER, token)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static FeignException status(int status) {
        var request = Request.create(
                Request.HttpMethod.POST, "http://routing/cases", Map.of(), null, StandardCharsets.UTF_8, null);
        var response = Response.builder()
                .status(status)
                .reason("status " + status)
                .request(request)
                .headers(Map.of())
                .build();
        return FeignException.errorStatus("RoutingClient#event", response);
    }
}
