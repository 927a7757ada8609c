package org.complaints.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A proxied call is timed once by the server and once by its route, not per security filter nor a
 * second time as a client call: those observations cost a tenth of the gateway's CPU (ADR 0604).
 */
class RequestMetricsIT extends GatewayItSupport {

    @Test
    void proxiedCallIsTimedByRequestAndRouteOnly() {
        web.get()
                .uri("/api/v1/complaints/c-1")
                .header("X-Api-Key", DEALER_KEY)
                .exchange()
                .expectStatus()
                .isOk();

        assertThat(meters.find("http.server.requests").timers()).isNotEmpty();
        assertThat(meters.find("spring.cloud.gateway.requests")
                        .tag("routeId", "intake")
                        .timers())
                .isNotEmpty();
        assertThat(meters.getMeters())
                .extracting(meter -> meter.getId().getName())
                .noneMatch(name -> name.startsWith("spring.security."))
                .doesNotContain("http.client.requests");
    }
}
