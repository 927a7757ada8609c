package org.complaints.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Who gets through: API keys, development staff tokens, scopes, and what stays open. */
class AuthenticationIT extends GatewayItSupport {

    @Test
    void shouldRefuseCallWithoutCredentialsWithProblemDetail() {
        var before = rejected("missing-credentials");

        var result = web.get()
                .uri("/api/v1/complaints/c-1")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://complaints.example.org/problems/unauthenticated")
                .jsonPath("$.title")
                .isEqualTo("Unauthorized")
                .jsonPath("$.status")
                .isEqualTo(401)
                .jsonPath("$.detail")
                .isNotEmpty()
                .jsonPath("$.instance")
                .isEqualTo("/api/v1/complaints/c-1")
                .jsonPath("$.requestId")
                .isNotEmpty()
                .returnResult();

        assertThat(result.getResponseHeaders().getFirst("X-Request-Id")).isNotBlank();
        assertThat(intake.getAllServeEvents()).isEmpty();
        assertThat(rejected("missing-credentials")).isEqualTo(before + 1);
    }

    @Test
    void shouldRefuseUnknownApiKey() {
        var before = rejected("invalid-api-key");
        web.get()
                .uri("/api/v1/complaints/c-1")
                .header("X-Api-Key", "demo-dealer-crm-key-guess")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(intake.getAllServeEvents()).isEmpty();
        assertThat(rejected("invalid-api-key")).isEqualTo(before + 1);
    }

    @Test
    void shouldRefuseTamperedStaffToken() {
        var before = rejected("invalid-token");
        var parts = staffToken("dealer.advisor").split("\\.");
        var payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]));
        var forged = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        payload.replace("service-advisor", "general-manager").getBytes());

        web.get()
                .uri("/api/v1/complaints/c-1")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + parts[0] + "." + forged + "." + parts[2])
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(intake.getAllServeEvents()).isEmpty();
        assertThat(rejected("invalid-token")).isEqualTo(before + 1);
    }

    @Test
    void shouldAcceptStaffTokenFromDevelopmentIssuerAndForwardItsRoles() throws Exception {
        web.get()
                .uri("/api/v1/complaints/c-1")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + staffToken("dealer.director"))
                .exchange()
                .expectStatus()
                .isOk();

        var received = onlyRequest(intake);
        var claims = verifiedIdentity(received);
        assertThat(claims.getStringClaim("kind")).isEqualTo("staff");
        assertThat(claims.getSubject()).isEqualTo("dealer.director");
        assertThat(claims.getStringClaim("tenant")).isEqualTo("demo-dealer");
        assertThat(claims.getStringListClaim("roles")).containsExactly("service-director");
        assertThat(claims.getStringListClaim("regions")).isEmpty();
        assertThat(received.containsHeader(HttpHeaders.AUTHORIZATION))
                .as("the bearer token is not passed on")
                .isFalse();
    }

    @Test
    void shouldCarryStaffRegionsAndSites() throws Exception {
        web.get()
                .uri("/api/v1/cases/k-1")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + staffToken("retail.desk.gz"))
                .exchange()
                .expectStatus()
                .isOk();

        var claims = verifiedIdentity(onlyRequest(routing));
        assertThat(claims.getStringClaim("tenant")).isEqualTo("demo-retail");
        assertThat(claims.getStringListClaim("regions")).containsExactly("south");
        assertThat(claims.getStringListClaim("sites")).containsExactly("gz-tianhe");
    }

    @Test
    void shouldForbidPartnerPostingComplaintsWithoutWriteScopeAndNotForwardIt() throws Exception {
        var before = rejected("insufficient-scope");
        web.post()
                .uri("/api/v1/complaints")
                .header("X-Api-Key", READ_ONLY_KEY)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("content", "noise"))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("complaints:write"));

        Thread.sleep(300); // a refused call must not be sent on after the answer either
        assertThat(intake.getAllServeEvents()).isEmpty();
        assertThat(rejected("insufficient-scope")).isEqualTo(before + 1);
    }

    @Test
    void shouldForbidPartnerReadingCasesWithoutReadScope() {
        web.get()
                .uri("/api/v1/cases/k-1")
                .header("X-Api-Key", RETAIL_EAST_KEY)
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("cases:read"));
        assertThat(routing.getAllServeEvents()).isEmpty();
    }

    @org.springframework.boot.test.web.server.LocalManagementPort
    int managementPort;

    @Test
    void shouldServeProbesAndMetricsOnTheManagementPortOnly() {
        var management = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + managementPort)
                .build();
        management
                .get()
                .uri("/actuator/health/liveness")
                .exchange()
                .expectStatus()
                .isOk();
        management
                .get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isOk();
        management.get().uri("/actuator/info").exchange().expectStatus().isOk();
        web.get()
                .uri("/api/v1/complaints/metrics-probe")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        management
                .get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(body -> assertThat(body)
                        .contains("complaints_gateway_auth_rejected_total{")
                        .contains("reason=\"missing-credentials\""));
        web.get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .value(status -> assertThat(status).isIn(401, 404));
        web.get()
                .uri("/actuator/health")
                .exchange()
                .expectStatus()
                .value(status -> assertThat(status).isIn(401, 404));
    }

    @Test
    void shouldRequireCredentialsOutsideTheOpenPaths() {
        web.get().uri("/somewhere-else").exchange().expectStatus().isUnauthorized();
        web.get()
                .uri("/actuator/../api/v1/complaints/c-1")
                .exchange()
                .expectStatus()
                .is4xxClientError();
        assertThat(intake.getAllServeEvents()).isEmpty();
    }

    @Test
    void shouldRefuseTokenForUnknownSampleUser() {
        web.post()
                .uri("/dev/tokens")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("user", "nobody"))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void shouldPublishTheDevelopmentIssuersKey() {
        web.get()
                .uri("/dev/jwks.json")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.keys[0].kty")
                .isEqualTo("RSA")
                .jsonPath("$.keys[0].d")
                .doesNotExist();
    }
}
