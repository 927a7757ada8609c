package org.complaints.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.util.Map;
import org.complaints.gateway.auth.ApiKeys;
import org.complaints.gateway.auth.dev.DevIssuer;
import org.complaints.gateway.auth.dev.DevSignIn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.ClassPathResource;
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
        registry.add("complaints.identity.private-key", () -> generatedKey().toJSONString());
    }

    private static ECKey generatedKey() {
        try {
            return new ECKeyGenerator(Curve.P_256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Autowired
    WebTestClient web;

    @Autowired
    ApplicationContext context;

    @Test
    void shouldHaveNoDevelopmentIssuerOutsideTheLocalProfile() {
        assertThat(context.getBeanNamesForType(DevIssuer.class)).isEmpty();
        assertThat(context.getBean(DevSignIn.class).issuer()).isEmpty();

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
        web.get()
                .uri("/dev/jwks.json")
                .header("X-Api-Key", OPERATOR_KEY)
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void shouldNotStartWithoutAnIdentityKeyOutsideTheLocalProfile() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(GatewayApplication.class)
                        .run("--server.port=0", "--spring.main.banner-mode=off")
                        .close())
                .rootCause()
                .hasMessageContaining("complaints.identity.private-key")
                .hasMessageContaining("is not set");
    }

    @Test
    void shouldNotStartWithThePublishedDevelopmentKeyOutsideTheLocalProfile() throws Exception {
        var development = new YamlPropertySourceLoader()
                .load("dev", new ClassPathResource("identity-development-keys.yml"))
                .getFirst()
                .getProperty("complaints.identity.development.private-key");
        assertThatThrownBy(() -> new SpringApplicationBuilder(GatewayApplication.class)
                        .run(
                                "--server.port=0",
                                "--spring.main.banner-mode=off",
                                "--complaints.identity.private-key=" + development)
                        .close())
                .rootCause()
                .hasMessageContaining("published development key");
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
