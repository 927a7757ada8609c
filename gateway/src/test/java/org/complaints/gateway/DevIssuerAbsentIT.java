package org.complaints.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.complaints.gateway.auth.ApiKeys;
import org.complaints.gateway.auth.dev.DevIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Without the local profile there is no development token issuer and no sample key. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class DevIssuerAbsentIT {

    static final String OPERATOR_KEY = "operator-configured-key";

    @DynamicPropertySource
    static void operatorKey(DynamicPropertyRegistry registry) {
        registry.add("complaints.gateway.api-keys.operator.sha256", () -> ApiKeys.sha256Hex(OPERATOR_KEY));
        registry.add("complaints.gateway.api-keys.operator.tenant", () -> "demo-dealer");
        registry.add("complaints.gateway.api-keys.operator.scopes", () -> "complaints:read");
    }

    @Autowired
    WebTestClient web;

    @Autowired
    ApplicationContext context;

    @Test
    void shouldHaveNoDevelopmentIssuerOutsideTheLocalProfile() {
        assertThat(context.getBeanNamesForType(DevIssuer.class)).isEmpty();

        web.post()
                .uri("/dev/tokens")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("user", "dealer.director"))
                .exchange()
                .expectStatus()
                .isUnauthorized();
        web.post()
                .uri("/dev/tokens")
                .header("X-Api-Key", OPERATOR_KEY)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("user", "dealer.director"))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void shouldNotAcceptTheSampleKeysOutsideTheLocalProfile() {
        web.get()
                .uri("/api/v1/complaints/x")
                .header("X-Api-Key", "demo-dealer-crm-key")
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void shouldRefuseBearerTokensWhenNoIssuerIsConfigured() {
        web.get()
                .uri("/api/v1/complaints/x")
                .header("Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln")
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }
}
