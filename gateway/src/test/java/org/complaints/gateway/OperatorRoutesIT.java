package org.complaints.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The operator endpoints of the four services (ADR 0006) each have a gateway path of their own. */
class OperatorRoutesIT extends GatewayItSupport {

    @AfterEach
    void resetStubs() {
        intake.resetAll();
        routing.resetAll();
    }

    @Test
    void operatorEndpointsOfEachServiceHaveTheirOwnPath() {
        routing.stubFor(get(urlEqualTo("/operations/relay/parked"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"parked\":[]}")));

        web.get()
                .uri("/api/v1/operations/routing/relay/parked")
                .header("Authorization", "Bearer " + staffToken("dealer.gm"))
                .exchange()
                .expectStatus()
                .isOk();
        routing.verify(getRequestedFor(urlEqualTo("/operations/relay/parked")));
        intake.verify(0, getRequestedFor(anyUrl()));
    }
}
