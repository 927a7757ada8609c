package org.complaints.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.complaints.support.delivery.Delivery;
import org.complaints.support.delivery.DeliveryHandler;
import org.complaints.support.delivery.DeliveryRelay;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.identity.HostileTokens;
import org.complaints.support.identity.IdentityTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SupportIT {

    @LocalServerPort
    int port;

    @Autowired
    IdentityTokens tokens;

    @Autowired
    MongoTemplate mongo;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void readinessIncludesTheEmbeddedStore() throws Exception {
        var response = get("/actuator/health/readiness", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void callWithoutIdentityIsUnauthorizedProblem() throws Exception {
        var response = get("/whoami", null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("unauthenticated").contains("requestId");
    }

    @Test
    void forgedIdentitySignedWithAnotherKeyIsRejected() throws Exception {
        var forged = new HostileTokens("support-test", "demo-dealer", Instant.now()).forged();
        var response = get("/whoami", forged);
        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void peerSystemIdentityReachesAnInternalEndpoint() throws Exception {
        var token = tokens.sign(CallerIdentity.system("routing-service", "demo-retail"));
        var response = get("/internal/v1/whoami", token);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"subject\":\"system:routing-service\"");
    }

    @Test
    void verifiedIdentityReachesTheController() throws Exception {
        var response = get("/whoami", tokens.sign(staff("demo-retail")));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"tenant\":\"demo-retail\"").contains("service-director");
    }

    @Test
    void invalidBodyNamesTheField() throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/echo"))
                .header("Content-Type", "application/json")
                .header(IdentityTokens.HEADER, tokens.sign(staff("demo-retail")))
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"\"}"))
                .build();
        var response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"text\"");
    }

    @Test
    void malformedJsonIsBadRequestNotServerError() throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/echo"))
                .header("Content-Type", "application/json")
                .header(IdentityTokens.HEADER, tokens.sign(staff("demo-retail")))
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":"))
                .build();
        var response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("malformed-body");
    }

    @Test
    void relayRetriesUntilAcknowledgedThenRemovesTheDelivery() {
        var clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
        var attempts = new ArrayList<String>();
        var failFirst = new boolean[] {true};
        DeliveryHandler handler = new DeliveryHandler() {
            public String kind() {
                return "case-opened";
            }

            public void deliver(String documentId, Delivery delivery) {
                attempts.add(documentId + "/" + delivery.eventId());
                if (failFirst[0]) {
                    failFirst[0] = false;
                    throw new IllegalStateException("receiver down");
                }
            }
        };
        var relay = new DeliveryRelay(mongo, "relay_test", List.of(handler), clock, new SimpleMeterRegistry(), "test");
        var delivery = Delivery.of("case-opened", clock.instant());
        mongo.insert(new Document("_id", "c-1").append(DeliveryRelay.FIELD, List.of(delivery)), "relay_test");

        assertThat(relay.relayDue(10)).isZero();
        assertThat(relay.relayDue(10)).as("backed off, not due yet").isZero();
        assertThat(attempts).hasSize(1);

        clock.advance(Duration.ofSeconds(5));
        assertThat(relay.relayDue(10)).isEqualTo(1);
        assertThat(attempts).containsExactly("c-1/" + delivery.eventId(), "c-1/" + delivery.eventId());
        assertThat(relay.backlog()).isZero();
        clock.advance(Duration.ofMinutes(10));
        assertThat(relay.relayDue(10)).as("delivered once, never again").isZero();
    }

    private static CallerIdentity staff(String tenant) {
        return new CallerIdentity(
                "dealer.director",
                CallerIdentity.Kind.STAFF,
                tenant,
                Set.of(),
                Set.of(),
                Set.of("service-director"),
                Set.of(),
                "Director");
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        var builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) {
            builder.header(IdentityTokens.HEADER, token);
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
