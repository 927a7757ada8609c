package org.complaints.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The services' /internal/** endpoints are not reachable through the gateway, however spelt. */
class InternalPathsIT extends GatewayItSupport {

    @LocalServerPort
    int port;

    static final List<String> INTERNAL = List.of(
            "/internal/v1/cases",
            "/api/v1/internal/v1/cases",
            "/api/v1/cases/../../internal/v1/cases",
            "/api/v1/cases/%2e%2e/%2e%2e/internal/v1/cases",
            "/api/v1//internal/v1/follow-ups/plans",
            "/api/v1/%69nternal/v1/cases",
            "/api/v1/INTERNAL/v1/cases");

    @Test
    void shouldNotRouteInternalPathsForAnAuthenticatedCaller() {
        for (var path : INTERNAL) {
            for (var method : List.of("GET", "POST")) {
                var status = web.method(org.springframework.http.HttpMethod.valueOf(method))
                        // An absolute URI, so the client sends the path exactly as spelt here.
                        .uri(java.net.URI.create("http://localhost:" + port + path))
                        .header("X-Api-Key", DEALER_KEY)
                        .header("Content-Type", "application/json")
                        .exchange()
                        .returnResult(String.class)
                        .getStatus()
                        .value();
                assertThat(status).as(method + " " + path).isIn(400, 404);
            }
        }
        assertThat(intake.getAllServeEvents()).isEmpty();
        assertThat(routing.getAllServeEvents()).isEmpty();
    }

    @Test
    void shouldAnswerNotFoundWithoutCredentialsToo() {
        web.get()
                .uri("/internal/v1/cases")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType("application/problem+json");
        web.post().uri("/api/v1/internal/v1/cases").exchange().expectStatus().isNotFound();
    }
}
