package org.complaints.intake.routing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
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
import java.util.List;
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

/** Pins intake's slice of routing's contract with WireMock: success, errors, timeouts, breaker. */
@SpringBootTest
@ActiveProfiles("test")
class RoutingClientContractIT {

    static final WireMockServer routing = new WireMockServer(wireMockConfig().dynamicPort());

    static {
        routing.start();
    }

    @DynamicPropertySource
    static void routingUrl(DynamicPropertyRegistry registry) {
        registry.add("complaints.services.routing.url", routing::baseUrl);
    }

    @AfterAll
    static void stop() {
        routing.stop();
    }

    @Autowired
    RoutingClient client;

    @Autowired
    CircuitBreakerRegistry breakers;

    @Autowired
    IdentityTokens tokens;

    @BeforeEach
    void reset() {
        routing.resetAll();
        breakers.circuitBreaker("routing-service").reset();
    }

    @Test
    void openCaseSendsASignedSystemIdentityAndReadsTheAnswer() {
        routing.stubFor(
                post("/internal/v1/cases")
                        .willReturn(
                                aResponse()
                                        .withStatus(201)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"caseId\":\"k-1\",\"complaintId\":\"c-1\",\"state\":\"REGISTERED\",\"level\":\"MAJOR\",\"department\":\"technical\",\"owner\":\"张诚\",\"deadlines\":[{\"clock\":\"FIRST_RESPONSE\",\"dueAt\":\"2025-03-03T01:30:00Z\",\"rule\":\"SLA-D2\"}]}")));

        var opened = CurrentCaller.runAs(
                CallerIdentity.system("intake-service", "demo-dealer"), () -> client.open(request()));

        assertThat(opened.caseId()).isEqualTo("k-1");
        assertThat(opened.deadlines())
                .singleElement()
                .satisfies(d -> assertThat(d.rule()).isEqualTo("SLA-D2"));
        var sent = routing.findAll(postRequestedFor(urlEqualTo("/internal/v1/cases")))
                .getFirst();
        var identity = tokens.verifyAs("routing-service", sent.getHeader(IdentityTokens.HEADER))
                .orElseThrow();
        assertThat(identity.tenant()).isEqualTo("demo-dealer");
        assertThat(identity.isSystem()).isTrue();
        routing.verify(postRequestedFor(urlEqualTo("/internal/v1/cases"))
                .withRequestBody(matching(".*\"complaintId\":\"c-1\".*")));
    }

    @Test
    void clientErrorSurfacesWithoutOpeningTheBreaker() {
        routing.stubFor(post("/internal/v1/cases")
                .willReturn(aResponse().withStatus(422).withBody("{}")));
        for (var i = 0; i < 6; i++) {
            assertThatThrownBy(this::openAsSystem).isNotNull();
        }
        assertThat(breakers.circuitBreaker("routing-service").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void fixedDelayTripsTheTimeout() {
        routing.stubFor(post("/internal/v1/cases")
                .willReturn(aResponse().withStatus(201).withFixedDelay(3000)));
        var started = Instant.now();
        assertThatThrownBy(this::openAsSystem).isNotNull();
        assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void repeatedServerErrorsOpenTheBreakerNamedAfterRouting() {
        routing.stubFor(post("/internal/v1/cases").willReturn(aResponse().withStatus(503)));
        for (var i = 0; i < 10; i++) {
            assertThatThrownBy(this::openAsSystem).isNotNull();
        }
        assertThat(breakers.circuitBreaker("routing-service").getState()).isEqualTo(CircuitBreaker.State.OPEN);
        var callsWhileOpen = routing.findAll(postRequestedFor(urlEqualTo("/internal/v1/cases")))
                .size();
        assertThatThrownBy(this::openAsSystem).isNotNull();
        assertThat(routing.findAll(postRequestedFor(urlEqualTo("/internal/v1/cases"))))
                .as("an open breaker does not call")
                .hasSize(callsWhileOpen);
    }

    private CaseOpened openAsSystem() {
        return CurrentCaller.runAs(
                CallerIdentity.system("intake-service", "demo-dealer"), () -> client.open(request()));
    }

    private static OpenCaseRequest request() {
        return new OpenCaseRequest(
                "c-1",
                "demo-dealer",
                "east",
                "sh-minhang",
                "WALK_IN",
                "MAJOR",
                "PRODUCT_QUALITY",
                null,
                "TECHNICAL",
                null,
                List.of(),
                List.of(),
                null,
                "id:cust-1",
                "VIN1",
                Instant.parse("2025-03-03T01:00:00Z"),
                "dealer.advisor",
                List.of(),
                3);
    }
}
