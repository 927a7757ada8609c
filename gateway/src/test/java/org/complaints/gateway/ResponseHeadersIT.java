package org.complaints.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Headers the gateway owns appear once on every proxied response, whatever the service sends: the
 * request id (services echo it, which made it appear twice) and the RateLimit fields.
 */
class ResponseHeadersIT extends GatewayItSupport {

    @BeforeEach
    void upstreamEchoingTheRequestIdAndClaimingAQuota() {
        intake.resetAll();
        intake.stubFor(any(anyUrl())
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("X-Request-Id", "crm-4711")
                        .withHeader("RateLimit", "\"upstream\";r=9;t=9")
                        .withBody("{}")));
    }

    @Test
    void shouldCarryTheRequestIdExactlyOnceThroughAServiceThatAlsoSetsIt() {
        var result = web.get()
                .uri("/api/v1/complaints/c-1")
                .header("X-Api-Key", DEALER_KEY)
                .header("X-Request-Id", "crm-4711")
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(String.class);

        assertThat(result.getResponseHeaders().get("X-Request-Id")).containsExactly("crm-4711");
    }

    @Test
    void shouldCarryTheGatewaysRateLimitFieldsOnlyWithRemainingDecreasing() {
        var remaining = new ArrayList<Long>();
        for (var i = 0; i < 3; i++) {
            var headers = web.get()
                    .uri("/api/v1/complaints/c-" + i)
                    .header("X-Api-Key", SLOW_QUOTA_KEY)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .returnResult(String.class)
                    .getResponseHeaders();
            assertThat(headers.get("RateLimit-Policy")).containsExactly("\"default\";q=5;w=60");
            assertThat(headers.get("RateLimit")).singleElement().asString().matches("\"default\";r=\\d+;t=\\d+");
            remaining.add(Long.parseLong(headers.getFirst("RateLimit").replaceAll(".*;r=(\\d+);.*", "$1")));
        }

        assertThat(remaining).containsExactly(4L, 3L, 2L);
    }
}
