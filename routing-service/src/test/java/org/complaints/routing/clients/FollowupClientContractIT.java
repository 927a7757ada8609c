package org.complaints.routing.clients;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.time.Instant;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.identity.CurrentCaller;
import org.complaints.support.identity.IdentityTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Pins routing's slice of follow-up's contract: the plan request, errors, timeout and breaker. */
@SpringBootTest
@ActiveProfiles("test")
class FollowupClientContractIT {

    static final WireMockServer followup = new WireMockServer(wireMockConfig().dynamicPort());

    static {
        followup.start();
        // One plain request first: a cold WireMock on a loaded machine can exceed the 500 ms read timeout.
        try (var http = java.net.http.HttpClient.newHttpClient()) {
            http.send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(followup.baseUrl() + "/__admin/mappings"))
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
        } catch (Exception ignored) {
            // the tests below report any real problem
        }
    }

    @DynamicPropertySource
    static void url(DynamicPropertyRegistry registry) {
        registry.add("complaints.services.followup.url", followup::baseUrl);
        registry.add("spring.cloud.openfeign.client.config.default.read-timeout", () -> "500");
    }

    @AfterAll
    static void stop() {
        followup.stop();
    }

    @Autowired
    FollowupClient client;

    @Autowired
    CircuitBreakerRegistry breakers;

    @Autowired
    IdentityTokens tokens;

    @BeforeEach
    void reset() {
        followup.resetAll();
        breakers.circuitBreaker("followup-service").reset();
    }

    @Test
    void planIsSentWithTheSystemIdentityOfTheCaseTenant() {
        followup.stubFor(
                post("/internal/v1/follow-ups/plans").willReturn(aResponse().withStatus(201)));
        plan();
        var sent = followup.findAll(postRequestedFor(urlEqualTo("/internal/v1/follow-ups/plans")))
                .getFirst();
        assertThat(tokens.verifyAs("followup-service", sent.getHeader(IdentityTokens.HEADER))
                        .orElseThrow()
                        .tenant())
                .isEqualTo("demo-dealer");
        assertThat(sent.getBodyAsString())
                .contains("\"caseId\":\"k-1\"")
                .contains("\"reworkDone\":true")
                .contains("\"eventId\":\"e-1\"")
                .contains("\"round\":2");
    }

    @Test
    void fixedDelayTimesOut() {
        followup.stubFor(post("/internal/v1/follow-ups/plans")
                .willReturn(aResponse().withStatus(201).withFixedDelay(3000)));
        var started = Instant.now();
        assertThatThrownBy(this::plan).isNotNull();
        assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void repeatedServerErrorsOpenTheBreaker() {
        followup.stubFor(
                post("/internal/v1/follow-ups/plans").willReturn(aResponse().withStatus(500)));
        for (var i = 0; i < 10; i++) {
            assertThatThrownBy(this::plan).isNotNull();
        }
        assertThat(breakers.circuitBreaker("followup-service").getState()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    private void plan() {
        CurrentCaller.runAs(
                CallerIdentity.system("routing-service", "demo-dealer"),
                () -> client.plan(new FollowupClient.PlanRequest(
                        "e-1",
                        "k-1",
                        "c-1",
                        "demo-dealer",
                        "east",
                        "sh-minhang",
                        "technical",
                        "GENERAL",
                        "WALK_IN",
                        Instant.parse("2025-03-04T08:00:00Z"),
                        true,
                        2,
                        "zhang.cheng")));
    }
}
