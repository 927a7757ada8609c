package org.complaints.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** A service that is down or slow costs the caller a clear problem, never a hang or a bare 500. */
class UpstreamFailuresIT extends GatewayItSupport {

    @Test
    void shouldAnswerServiceUnavailableProblemWhenTheServiceIsDown() {
        web.get()
                .uri("/api/v1/compensations/p-1")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + staffToken("dealer.director"))
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .exists("Retry-After")
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://complaints.example.org/problems/upstream-unavailable")
                .jsonPath("$.requestId")
                .isNotEmpty();
    }

    @Test
    void shouldAnswerGatewayTimeoutWithinTheResponseTimeout() {
        intake.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(4000)));
        var started = System.nanoTime();

        web.get()
                .uri("/api/v1/complaints/slow")
                .header("X-Api-Key", DEALER_KEY)
                .exchange()
                .expectStatus()
                .isEqualTo(504)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://complaints.example.org/problems/upstream-timeout");

        // The test context sets the response timeout to 1 s.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(3000));
    }

    @Test
    void shouldPassAServicesOwnProblemThroughUnchanged() {
        var problem = "{\"type\":\"https://complaints.example.org/problems/conflict\",\"status\":409}";
        intake.stubFor(any(anyUrl())
                .willReturn(aResponse()
                        .withStatus(409)
                        .withHeader("Content-Type", "application/problem+json")
                        .withBody(problem)));

        web.post()
                .uri("/api/v1/complaints")
                .header("X-Api-Key", DEALER_KEY)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody(String.class)
                .isEqualTo(problem);
    }
}
