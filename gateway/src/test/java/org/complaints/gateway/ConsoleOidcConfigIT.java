package org.complaints.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Outside the local profile the console signs in with the operator's OpenID Connect provider, as
 * the chart configures it (COMPLAINTS_CONSOLE_OIDC_*); no sample user is offered (ADR 0600).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "complaints.console.oidc.issuer=https://login.example.com/realms/complaints",
            "complaints.console.oidc.client-id=complaints-console",
            "complaints.console.oidc.scopes=openid,profile,email",
            "complaints.gateway.jwt.issuer-uri=https://login.example.com/realms/complaints"
        })
@AutoConfigureWebTestClient
class ConsoleOidcConfigIT {

    @DynamicPropertySource
    static void identityKey(DynamicPropertyRegistry registry) {
        registry.add("complaints.identity.private-key", () -> {
            try {
                return new ECKeyGenerator(Curve.P_256).generate().toJSONString();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Autowired
    WebTestClient web;

    @Test
    void shouldNameTheProviderAndNoSampleUsers() {
        var config = web.get()
                .uri("/console/config.json")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
        assertThat(config).containsEntry("signIn", "oidc").doesNotContainKey("devUsers");
        assertThat(config.get("oidc"))
                .isEqualTo(Map.of(
                        "issuer", "https://login.example.com/realms/complaints",
                        "clientId", "complaints-console",
                        "scopes", List.of("openid", "profile", "email")));
        web.post().uri("/dev/tokens").exchange().expectStatus().isUnauthorized();
        // The browser may fetch the provider's discovery document and tokens, nothing else.
        web.get()
                .uri("/console/")
                .exchange()
                .expectHeader()
                .value(
                        "Content-Security-Policy",
                        csp -> assertThat(csp).contains("connect-src 'self' https://login.example.com;"));
    }
}
