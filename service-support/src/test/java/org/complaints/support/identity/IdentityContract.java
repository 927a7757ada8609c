package org.complaints.support.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What every service must do with the identity it is called with directly, not through the gateway
 * (decisions 0010, 0011). A service's IT extends this with one public read it serves and names its
 * application class; the test profile gives it the published development keys.
 */
public abstract class IdentityContract {

    @LocalServerPort
    protected int port;

    /** Where the OpenAPI document lives: the management port when the service has its own. */
    @Value("${local.management.port:0}")
    protected int managementPort;

    @Value("${spring.application.name}")
    protected String service;

    @Autowired
    protected Clock clock;

    private final HttpClient http = HttpClient.newHttpClient();

    /** A public read of this service that a staff director of {@link #tenant()} may call. */
    protected abstract String publicRead();

    /** The service's {@code @SpringBootApplication} class, started once more without keys. */
    protected abstract Class<?> application();

    protected String tenant() {
        return "demo-dealer";
    }

    /** Another service that may call this one (its development key signs system identities). */
    protected String peer() {
        return "intake-service".equals(service) ? "routing-service" : "intake-service";
    }

    protected HostileTokens tokens() {
        return new HostileTokens(service, tenant(), clock.instant());
    }

    @Test
    void shouldAcceptTheIdentityTheGatewaySigns() throws Exception {
        var response = call("GET", publicRead(), tokens().valid());
        assertThat(response.statusCode()).as(response.body()).isNotIn(401, 403).isLessThan(500);
    }

    @Test
    void shouldRefuseEveryTokenThatIsNotAddressedSignedAndTimedRight() throws Exception {
        var tokens = tokens();
        var refused = Map.ofEntries(
                Map.entry("expired", tokens.expired()),
                Map.entry("wrong audience", tokens.wrongAudience()),
                Map.entry("no audience", tokens.noAudience()),
                Map.entry("issuer evil, one year, system", tokens.evilIssuerForAYear()),
                Map.entry("unknown issuer with the gateway's key", tokens.wrongIssuer()),
                Map.entry("too long-lived", tokens.tooLongLived()),
                Map.entry("issued in the future", tokens.issuedInTheFuture()),
                Map.entry("unknown tenant", tokens.unknownTenant()),
                Map.entry("forged (another key)", tokens.forged()),
                Map.entry("staff identity signed by a service's key", tokens.staffSignedByService(peer())),
                Map.entry(
                        "system identity of another service",
                        tokens.systemOfAnotherService(peer(), "followup-service")),
                Map.entry("HS256 with the old public secret", tokens.hmac()),
                Map.entry("garbage", "not.a.token"));
        for (var entry : refused.entrySet()) {
            var response = call("GET", publicRead(), entry.getValue());
            assertThat(response.statusCode()).as(entry.getKey()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type"))
                    .as(entry.getKey())
                    .hasValue("application/problem+json");
        }
    }

    @Test
    void shouldRefuseStaffAndPartnersOnInternalEndpoints() throws Exception {
        var tokens = tokens();
        var partner = tokens.byGateway(c -> c.subject("key:crm").claim("kind", "partner"));
        for (var token : List.of(tokens.valid(), partner)) {
            for (var method : List.of("GET", "POST")) {
                var response = call(method, "/internal/v1/identity-probe", token);
                assertThat(response.statusCode()).as(method).isEqualTo(403);
                assertThat(response.body()).contains("internal-only");
            }
        }
    }

    @Test
    void shouldLetAPeersSystemIdentityReachInternalEndpoints() throws Exception {
        var system = tokens().systemOf(peer(), c -> c);
        var response = call("GET", "/internal/v1/identity-probe", system);
        assertThat(response.statusCode())
                .as("passes the filter; no such endpoint")
                .isNotIn(401, 403);
    }

    @Test
    void shouldRefuseASystemIdentityWritingToThePublicApi() throws Exception {
        var system = tokens().systemOf(peer(), c -> c);
        var response = call("POST", publicRead(), system);
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("system-identity-on-public-api");
    }

    @Test
    void shouldNotPublishInternalEndpointsInItsOpenApiDocument() throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(URI.create(
                                managementPort > 0 && managementPort != port
                                        ? "http://localhost:" + managementPort + "/actuator/openapi"
                                        : "http://localhost:" + port + "/v3/api-docs"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"paths\"").doesNotContain("\"/internal");
    }

    /** Issue 13 (ADR 0280): the document is a partner contract, not a view of the server's signatures. */
    @Test
    void shouldPublishNoInternalArgumentAndProblemAnswersInItsOpenApiDocument() throws Exception {
        var document = new tools.jackson.databind.json.JsonMapper()
                .readTree(http.send(
                                HttpRequest.newBuilder(URI.create(
                                                managementPort > 0 && managementPort != port
                                                        ? "http://localhost:" + managementPort + "/actuator/openapi"
                                                        : "http://localhost:" + port + "/v3/api-docs"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body());
        var operations = document.path("paths").values().stream()
                .flatMap(path -> path.values().stream())
                .toList();
        assertThat(operations).isNotEmpty().allSatisfy(operation -> {
            assertThat(operation.path("parameters").values().stream()
                            .map(p -> p.path("name").asString()))
                    .as("the verified caller is never a parameter")
                    .doesNotContain("caller");
            assertThat(operation.path("responses").path("404").path("content").has("application/problem+json"))
                    .as("problem answers are documented: %s", operation.path("operationId"))
                    .isTrue();
            assertThat(operation.path("responses").toString())
                    .as("answers name their media type")
                    .doesNotContain("*/*");
        });
    }

    @Test
    void shouldNotStartWithoutKeys() {
        assertThatThrownBy(() -> start(Map.of()))
                .rootCause()
                .hasMessageContaining("complaints.identity.private-key")
                .hasMessageContaining("is not set for " + service);
    }

    @Test
    void shouldNotStartWithThePublishedDevelopmentKeysOutsideTheLocalProfile() {
        var development =
                IdentityKeys.developmentPrivateKeys().getOrDefault(service, HostileTokens.developmentKey(peer()));
        var gateway = new ECKey.Builder(HostileTokens.freshKey().toPublicJWK())
                .keyID(IdentityTokens.GATEWAY)
                .build();
        assertThatThrownBy(() -> start(Map.of(
                        "complaints.identity.private-key", development.toJSONString(),
                        "complaints.identity.public-keys", new JWKSet(gateway).toString())))
                .rootCause()
                .hasMessageContaining("published development key");
    }

    /** Starts the application without a profile; {@code properties} as command-line arguments. */
    private void start(Map<String, String> properties) {
        var arguments = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        var context = new SpringApplicationBuilder(application())
                .properties("server.port=0", "spring.main.banner-mode=off")
                .run(arguments);
        context.close();
    }

    protected HttpResponse<String> call(String method, String path, String token) throws Exception {
        var builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header(IdentityTokens.HEADER, token)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        "GET".equals(method)
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString("{}"));
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }
}
