package org.complaints.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The gateway in front of WireMock upstreams: authentication, identity, limits and failures. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
class GatewayIT {

    static final String SECRET = "gateway-test-identity-secret-0123456789-abcdef";
    static final WireMockServer intake = new WireMockServer(wireMockConfig().dynamicPort());
    static final String DOWN = "http://127.0.0.1:1";

    static {
        intake.start();
    }

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("INTAKE_URL", intake::baseUrl);
        registry.add("ROUTING_URL", () -> DOWN);
        registry.add("COMPLAINTS_IDENTITY_SECRET", () -> SECRET);
        registry.add("spring.cloud.gateway.server.webflux.httpclient.response-timeout", () -> "1s");
        registry.add("complaints.gateway.max-body-bytes", () -> "1000");
        registry.add("complaints.gateway.api-keys.tiny-quota.sha256", () -> sha256("tiny-quota-key"));
        registry.add("complaints.gateway.api-keys.tiny-quota.tenant", () -> "demo-generic");
        registry.add("complaints.gateway.api-keys.tiny-quota.scopes", () -> "complaints:read");
        registry.add("complaints.gateway.api-keys.tiny-quota.quota-per-minute", () -> "2");
    }

    @AfterAll
    static void stop() {
        intake.stop();
    }

    @LocalServerPort
    int port;

    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeEach
    void reset() {
        intake.resetAll();
        intake.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}")));
    }

    @Test
    void callWithoutCredentialsIsUnauthorizedProblem() throws Exception {
        var response = send(get("/api/v1/complaints/c-1"));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(response.body()).contains("unauthenticated").contains("requestId");
        assertThat(intake.getAllServeEvents()).isEmpty();
    }

    @Test
    void unknownKeyIsUnauthorized() throws Exception {
        assertThat(send(get("/api/v1/complaints/c-1").header("X-Api-Key", "guess"))
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void partnerKeyIsProxiedWithAVerifiedIdentityAndRequestId() throws Exception {
        var response = send(get("/api/v1/complaints/c-1").header("X-Api-Key", "demo-dealer-crm-key"));
        assertThat(response.statusCode()).isEqualTo(200);

        var received =
                intake.findAll(getRequestedFor(urlEqualTo("/complaints/c-1"))).getFirst();
        var claims = verified(received.getHeader("X-Complaints-Identity"));
        assertThat(claims.getStringClaim("tenant")).isEqualTo("demo-dealer");
        assertThat(claims.getStringClaim("kind")).isEqualTo("partner");
        assertThat(claims.getStringListClaim("scopes")).contains("complaints:write");
        assertThat(received.getHeader("X-Request-Id")).isNotBlank();
        assertThat(received.containsHeader("X-Api-Key"))
                .as("credentials are not passed on")
                .isFalse();
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue(received.getHeader("X-Request-Id"));
    }

    @Test
    void clientSentIdentityHeadersAreReplaced() throws Exception {
        send(get("/api/v1/complaints/c-1")
                .header("X-Api-Key", "demo-dealer-crm-key")
                .header("X-Complaints-Identity", "forged")
                .header("X-Complaints-Tenant", "demo-retail"));

        var received =
                intake.findAll(getRequestedFor(urlEqualTo("/complaints/c-1"))).getFirst();
        assertThat(received.getHeaders().getHeader("X-Complaints-Identity").values())
                .hasSize(1);
        assertThat(verified(received.getHeader("X-Complaints-Identity")).getStringClaim("tenant"))
                .isEqualTo("demo-dealer");
        assertThat(received.containsHeader("X-Complaints-Tenant")).isFalse();
    }

    @Test
    void staffTokenFromTheDevelopmentIssuerCarriesRoles() throws Exception {
        var token = send(post("/dev/tokens", "{\"user\":\"dealer.director\"}")).body();
        var bearer = token.replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");

        var response = send(get("/api/v1/complaints/c-1").header("Authorization", "Bearer " + bearer));
        assertThat(response.statusCode())
                .as(response.headers().map() + " " + token)
                .isEqualTo(200);
        var claims = verified(intake.findAll(getRequestedFor(urlEqualTo("/complaints/c-1")))
                .getFirst()
                .getHeader("X-Complaints-Identity"));
        assertThat(claims.getStringListClaim("roles")).containsExactly("service-director");
        assertThat(claims.getSubject()).isEqualTo("dealer.director");
    }

    @Test
    void tamperedStaffTokenIsUnauthorized() throws Exception {
        var token = send(post("/dev/tokens", "{\"user\":\"dealer.advisor\"}"))
                .body()
                .replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
        var parts = token.split("\\.");
        var tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "xx." + parts[2];
        assertThat(send(get("/api/v1/complaints/c-1").header("Authorization", "Bearer " + tampered))
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void partnerWithoutTheScopeIsForbidden() throws Exception {
        var response = send(get("/api/v1/cases/k-1").header("X-Api-Key", "demo-retail-east-key"));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("cases:read");
        assertThat(intake.getAllServeEvents()).isEmpty();
    }

    @Test
    void bodyOverTheLimitIsRefusedBeforeProxying() throws Exception {
        var response = send(post("/api/v1/complaints", "{\"content\":\"" + "x".repeat(2000) + "\"}")
                .header("X-Api-Key", "demo-dealer-crm-key"));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(intake.getAllServeEvents()).isEmpty();
    }

    @Test
    void quotaExceededIsTooManyRequestsWithRetryAfter() throws Exception {
        var statuses = new java.util.ArrayList<Integer>();
        HttpResponse<String> last = null;
        for (var i = 0; i < 4; i++) {
            last = send(get("/api/v1/complaints/q-" + i).header("X-Api-Key", "tiny-quota-key"));
            statuses.add(last.statusCode());
        }
        assertThat(statuses.subList(0, 2)).containsOnly(200);
        assertThat(statuses.get(3)).isEqualTo(429);
        assertThat(last.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void upstreamDownIsServiceUnavailableProblem() throws Exception {
        var response = send(get("/api/v1/cases/k-1").header("X-Api-Key", "demo-dealer-crm-key"));
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("upstream-unavailable");
    }

    @Test
    void slowUpstreamIsGatewayTimeoutWithinTheLimit() throws Exception {
        intake.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(3000)));
        var started = System.nanoTime();
        var response = send(get("/api/v1/complaints/slow").header("X-Api-Key", "demo-dealer-crm-key"));
        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2900));
    }

    @Test
    void mergedOpenApiListsUnavailableServicesInsteadOfFailing() throws Exception {
        intake.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get("/v3/api-docs")
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"openapi\":\"3.1.0\",\"paths\":{\"/complaints\":{\"post\":{}}}}")));
        var response = send(get("/api/v1/openapi.json"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("/api/v1/complaints").contains("routing-service");
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .GET();
    }

    private HttpRequest.Builder post(String path, String body) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static com.nimbusds.jwt.JWTClaimsSet verified(String token) throws Exception {
        var jwt = SignedJWT.parse(token);
        assertThat(jwt.verify(new MACVerifier(SECRET.getBytes(StandardCharsets.UTF_8))))
                .isTrue();
        return jwt.getJWTClaimsSet();
    }

    private static String sha256(String value) {
        return org.complaints.gateway.auth.ApiKeys.sha256(value);
    }
}
