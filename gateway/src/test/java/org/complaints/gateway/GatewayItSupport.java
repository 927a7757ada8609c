package org.complaints.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import org.complaints.gateway.auth.ApiKeys;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * One gateway context (local profile, so sample keys and the development issuer exist) in front of
 * WireMock upstreams for intake and routing; compensation and follow-up point at a closed port.
 * Every *IT extending this shares the context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ActiveProfiles("local")
abstract class GatewayItSupport {

    /** The gateway's signing key in these tests (an operator's own key, not the development one). */
    static final ECKey IDENTITY_KEY = generatedKey();

    static final String CLOSED_PORT_URL = "http://127.0.0.1:1";
    static final String DEALER_KEY = "demo-dealer-crm-key";
    static final String RETAIL_EAST_KEY = "demo-retail-east-key";
    static final String READ_ONLY_KEY = "test-read-only-key";
    static final String TINY_QUOTA_KEY = "test-tiny-quota-key";
    static final int TINY_QUOTA = 2;
    /** 60 per minute: a refused call may retry after one second. */
    static final String MINUTE_QUOTA_KEY = "test-minute-quota-key";
    /** A key without a quota of its own, in a tenant whose keys get TENANT_QUOTA per minute. */
    static final String TENANT_QUOTA_KEY = "test-tenant-quota-key";

    static final int TENANT_QUOTA = 3;
    /** 5 per minute: a token refills in 12 s, so a few quick calls see the remaining count fall. */
    static final String SLOW_QUOTA_KEY = "test-slow-quota-key";

    static final int MAX_BODY_BYTES = 1000;

    static final WireMockServer intake = started();
    static final WireMockServer routing = started();

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("INTAKE_URL", intake::baseUrl);
        registry.add("ROUTING_URL", routing::baseUrl);
        registry.add("INTAKE_MANAGEMENT_URL", intake::baseUrl);
        registry.add("ROUTING_MANAGEMENT_URL", routing::baseUrl);
        registry.add("COMPENSATION_MANAGEMENT_URL", () -> CLOSED_PORT_URL);
        registry.add("FOLLOWUP_MANAGEMENT_URL", () -> CLOSED_PORT_URL);
        registry.add("COMPENSATION_URL", () -> CLOSED_PORT_URL);
        registry.add("FOLLOWUP_URL", () -> CLOSED_PORT_URL);
        registry.add("complaints.identity.private-key", IDENTITY_KEY::toJSONString);
        registry.add("spring.cloud.gateway.server.webflux.httpclient.response-timeout", () -> "1s");
        registry.add("complaints.gateway.max-body-bytes", () -> MAX_BODY_BYTES);
        key(registry, "read-only", READ_ONLY_KEY, "complaints:read", 0);
        key(registry, "tiny-quota", TINY_QUOTA_KEY, "complaints:read", TINY_QUOTA);
        key(registry, "minute-quota", MINUTE_QUOTA_KEY, "complaints:read", 60);
        key(registry, "slow-quota", SLOW_QUOTA_KEY, "complaints:read", 5);
        key(registry, "tenant-quota", TENANT_QUOTA_KEY, "quota-tenant", "complaints:read", 0);
        registry.add("complaints.gateway.quota.tenants.quota-tenant.per-minute", () -> TENANT_QUOTA);
    }

    private static void key(DynamicPropertyRegistry registry, String id, String key, String scopes, int quota) {
        key(registry, id, key, "demo-generic", scopes, quota);
    }

    private static void key(
            DynamicPropertyRegistry registry, String id, String key, String tenant, String scopes, int quota) {
        var prefix = "complaints.gateway.api-keys." + id + ".";
        registry.add(prefix + "sha256", () -> ApiKeys.sha256Hex(key));
        registry.add(prefix + "tenant", () -> tenant);
        registry.add(prefix + "scopes", () -> scopes);
        registry.add(prefix + "quota-per-minute", () -> quota);
    }

    private static WireMockServer started() {
        var server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        return server;
    }

    @Autowired
    WebTestClient web;

    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void resetUpstreams() {
        for (var upstream : List.of(intake, routing)) {
            upstream.resetAll();
            upstream.stubFor(any(anyUrl())
                    .willReturn(aResponse()
                            .withStatus(200)
                            .withHeader("Content-Type", "application/json")
                            .withBody("{}")));
        }
        warmUpProxyOnce();
    }

    private static boolean warm;

    /**
     * The first call proxied in a JVM opens the gateway's HTTP client and wakes WireMock, which on a
     * loaded machine can take longer than these tests' 1 s response timeout (a 504 in whichever test
     * comes first): one call, whatever its answer, before any test's own.
     */
    private void warmUpProxyOnce() {
        if (warm) {
            return;
        }
        warm = true;
        for (var attempt = 0; attempt < 3; attempt++) {
            var status = web.get()
                    .uri("/api/v1/complaints/warm-up")
                    .header("X-Api-Key", DEALER_KEY)
                    .exchange()
                    .returnResult(Void.class)
                    .getStatus();
            if (status.value() != 504) {
                break;
            }
        }
        intake.resetRequests();
    }

    String staffToken(String user) {
        var answer = web.post()
                .uri("/dev/tokens")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("user", user))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
        assertThat(answer).containsEntry("expiresIn", 3600);
        return (String) answer.get("token");
    }

    static LoggedRequest onlyRequest(WireMockServer upstream) {
        var requests = upstream.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(anyUrl()));
        assertThat(requests).hasSize(1);
        return requests.getFirst();
    }

    /** The identity a service would accept: ES256, verified with the gateway's public key. */
    static JWTClaimsSet verifiedIdentity(LoggedRequest received) throws Exception {
        assertThat(received.getHeaders().getHeader("X-Complaints-Identity").values())
                .hasSize(1);
        var jwt = SignedJWT.parse(received.getHeader("X-Complaints-Identity"));
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo("gateway");
        assertThat(jwt.verify(new ECDSAVerifier(IDENTITY_KEY.toPublicJWK())))
                .as("identity signed with the gateway's key")
                .isTrue();
        return jwt.getJWTClaimsSet();
    }

    private static ECKey generatedKey() {
        try {
            return new ECKeyGenerator(Curve.P_256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    double rejected(String reason) {
        var counter = meters.find("complaints.gateway.auth.rejected")
                .tag("reason", reason)
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
