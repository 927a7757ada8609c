package org.complaints.gateway.quota;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.complaints.gateway.GatewayApplication;
import org.complaints.gateway.auth.ApiKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Two gateway replicas (two application contexts) in front of one upstream, sharing one quota store
 * as the chart's replicas share MongoDB: together they grant the quota once, not once each. Time
 * stands still (one clock for both) so no token refills while the test runs, until it honours
 * Retry-After by moving the clock.
 */
class SharedQuotaReplicasIT {

    static final String KEY = "test-replicas-key";
    static final int QUOTA = 100;
    static final TestClock CLOCK = new TestClock(Instant.now());
    static final MongoServer STORE = new MongoServer(new MemoryBackend());
    static final WireMockServer UPSTREAM = new WireMockServer(wireMockConfig().dynamicPort());
    static final List<ConfigurableApplicationContext> REPLICAS = new ArrayList<>();

    @BeforeAll
    static void start() {
        STORE.bind("127.0.0.1", 0);
        UPSTREAM.start();
        // A service echoes the request id it was given, as service-support's RequestIds does.
        UPSTREAM.stubFor(any(anyUrl())
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("X-Request-Id", "echoed-by-the-service")
                        .withBody("{}")));
        REPLICAS.add(replica());
        REPLICAS.add(replica());
    }

    @AfterAll
    static void stop() {
        REPLICAS.forEach(ConfigurableApplicationContext::close);
        UPSTREAM.stop();
        STORE.shutdownNow();
    }

    @Test
    void shouldGrantTheQuotaOnceAcrossReplicasAndAgainAfterRetryAfter() {
        var granted = 0;
        var remaining = List.of(new ArrayList<Long>(), new ArrayList<Long>());
        HttpHeaders refused = null;
        for (var i = 0; i < QUOTA + 20; i++) {
            var replica = i % 2;
            var result = call(replica);
            var headers = result.getResponseHeaders();
            assertThat(headers.get("RateLimit-Policy")).containsExactly("\"default\";q=" + QUOTA + ";w=60");
            assertThat(headers.get("X-Request-Id"))
                    .as("once, though the service echoes it")
                    .hasSize(1);
            if (result.getStatus().value() == 200) {
                granted++;
                remaining.get(replica).add(remainingOf(headers));
            } else {
                assertThat(result.getStatus().value()).isEqualTo(429);
                assertThat(remainingOf(headers)).isZero();
                refused = headers;
            }
        }

        assertThat(granted).as("one quota for both replicas").isEqualTo(QUOTA);
        assertThat(UPSTREAM.getAllServeEvents()).hasSize(QUOTA);
        for (var seen : remaining) {
            assertThat(seen)
                    .as("each replica reports its remaining count falling")
                    .hasSizeGreaterThan(QUOTA / 4);
            assertThat(seen).isSortedAccordingTo((a, b) -> Long.compare(b, a)).doesNotHaveDuplicates();
        }
        try (var client = MongoClients.create(
                "mongodb://127.0.0.1:" + STORE.getLocalAddress().getPort())) {
            var bucket = client.getDatabase("complaints_gateway")
                    .getCollection("quota_buckets")
                    .find(new Document("_id", "demo-generic/key:replicas"))
                    .first();
            assertThat(bucket).as("the bucket lives in the shared store").isNotNull();
            assertThat(bucket.getDouble("tokens")).isZero();
        }

        var retryAfter = Long.parseLong(refused.getFirst(HttpHeaders.RETRY_AFTER));
        assertThat(retryAfter).isEqualTo(1);
        assertThat(call(0).getStatus().value()).as("before Retry-After").isEqualTo(429);
        CLOCK.advance(Duration.ofSeconds(retryAfter));
        assertThat(call(0).getStatus().value()).as("honouring Retry-After").isEqualTo(200);
    }

    private static org.springframework.test.web.reactive.server.EntityExchangeResult<byte[]> call(int replica) {
        var port = REPLICAS.get(replica).getEnvironment().getProperty("local.server.port");
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .build()
                .get()
                .uri("/api/v1/complaints/r-1")
                .header("X-Api-Key", KEY)
                .exchange()
                .expectBody()
                .returnResult();
    }

    private static long remainingOf(HttpHeaders headers) {
        return Long.parseLong(headers.getFirst("RateLimit").replaceAll(".*;r=(\\d+);.*", "$1"));
    }

    private static ConfigurableApplicationContext replica() {
        var upstream = UPSTREAM.baseUrl();
        var closed = "http://127.0.0.1:1";
        return new SpringApplicationBuilder(GatewayApplication.class)
                .profiles("local")
                .initializers(context -> {
                    var beans = (GenericApplicationContext) context;
                    beans.registerBean("frozenClock", Clock.class, () -> CLOCK, bean -> bean.setPrimary(true));
                    // Event loops of its own: closing a replica must not shut down reactor-netty's
                    // global ones, which the other gateway ITs' cached context in this JVM uses.
                    beans.registerBean(ReactorResourceFactory.class, () -> {
                        var own = new ReactorResourceFactory();
                        own.setUseGlobalResources(false);
                        return own;
                    });
                })
                .run(
                        "--server.port=0",
                        "--management.server.port=0",
                        "--INTAKE_URL=" + upstream,
                        "--INTAKE_MANAGEMENT_URL=" + upstream,
                        "--ROUTING_URL=" + closed,
                        "--ROUTING_MANAGEMENT_URL=" + closed,
                        "--COMPENSATION_URL=" + closed,
                        "--COMPENSATION_MANAGEMENT_URL=" + closed,
                        "--FOLLOWUP_URL=" + closed,
                        "--FOLLOWUP_MANAGEMENT_URL=" + closed,
                        "--complaints.gateway.quota.mongodb-uri=mongodb://127.0.0.1:"
                                + STORE.getLocalAddress().getPort(),
                        "--complaints.gateway.api-keys.replicas.sha256=" + ApiKeys.sha256Hex(KEY),
                        "--complaints.gateway.api-keys.replicas.tenant=demo-generic",
                        "--complaints.gateway.api-keys.replicas.scopes=complaints:read",
                        "--complaints.gateway.api-keys.replicas.quota-per-minute=" + QUOTA);
    }
}
