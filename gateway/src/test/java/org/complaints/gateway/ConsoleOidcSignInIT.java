package org.complaints.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console's production sign-in in a real browser (ADR 0600): authorization code flow with
 * PKCE against an OpenID Connect provider (a small fake here), whose access token the gateway then
 * verifies as a staff token and relays to the services as a verified identity. Outside the local
 * profile, so there is no development issuer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleOidcSignInIT {

    static final String CLIENT_ID = "complaints-console";
    static final RSAKey SIGNING_KEY = rsaKey();
    static final FakeProvider provider = new FakeProvider();
    static final WireMockServer services = started();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) throws JOSEException {
        var identity = new ECKeyGenerator(Curve.P_256).generate().toJSONString();
        registry.add("complaints.identity.private-key", () -> identity);
        registry.add("complaints.console.oidc.issuer", provider::issuer);
        registry.add("complaints.console.oidc.client-id", () -> CLIENT_ID);
        registry.add("complaints.gateway.jwt.issuer-uri", provider::issuer);
        registry.add("complaints.gateway.jwt.jwk-set-uri", () -> provider.issuer() + "/jwks");
        for (var service : List.of("intake", "routing", "compensation", "followup")) {
            registry.add("complaints.services." + service + ".url", services::baseUrl);
        }
    }

    @AfterAll
    static void stop() {
        services.stop();
        provider.stop();
    }

    @Test
    void shouldSignInWithTheProviderUsingPkceAndCallTheApiWithItsToken() {
        try (var playwright = Playwright.create();
                var browser = playwright
                        .chromium()
                        .launch(new BrowserType.LaunchOptions()
                                .setExecutablePath(Paths.get("/usr/bin/chromium"))
                                .setHeadless(true)
                                .setArgs(List.of(
                                        "--no-sandbox",
                                        "--disable-gpu",
                                        "--disable-quic",
                                        "--no-first-run",
                                        "--disable-background-networking",
                                        "--disable-component-update",
                                        "--disable-sync")))) {
            var page = browser.newContext(new Browser.NewContextOptions().setLocale("en-US"))
                    .newPage();
            page.navigate("http://localhost:" + port + "/console/");
            assertThat(page.getByLabel("User name")).hasCount(0);
            page.getByRole(
                            AriaRole.BUTTON,
                            new Page.GetByRoleOptions().setName("Sign in with your organisation account"))
                    .click();

            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")))
                    .isVisible();
            assertThat(page.getByText("OIDC Manager · cs-manager")).isVisible();
            assertThat(page).hasURL("http://localhost:" + port + "/console/#/work");
            // The work list came back from the API (empty here), so the gateway took the token.
            assertThat(page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Cases and tasks"))
                            .getByText("Nothing here."))
                    .isVisible();
        }

        // The browser came back with the code and proved it holds the verifier (S256).
        var authorize = provider.requests.get("/authorize");
        var token = provider.requests.get("/token");
        assertThat(authorize)
                .containsEntry("response_type", "code")
                .containsEntry("client_id", CLIENT_ID)
                .containsEntry("code_challenge_method", "S256")
                .containsEntry("redirect_uri", "http://localhost:" + port + "/console/");
        assertThat(token)
                .containsEntry("grant_type", "authorization_code")
                .containsEntry("code", FakeProvider.CODE)
                .containsEntry("client_id", CLIENT_ID)
                .containsEntry("redirect_uri", "http://localhost:" + port + "/console/");
        assertThat(FakeProvider.s256(token.get("code_verifier"))).isEqualTo(authorize.get("code_challenge"));
        // The gateway verified the provider's token and relayed the identity to the services.
        services.verify(getRequestedFor(urlPathEqualTo("/cases"))
                .withHeader("X-Complaints-Identity", com.github.tomakehurst.wiremock.client.WireMock.matching(".+")));
    }

    private static WireMockServer started() {
        var server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        server.stubFor(any(anyUrl())
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"items\":[],\"nextCursor\":null}")));
        return server;
    }

    private static RSAKey rsaKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("fake-provider").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An OpenID Connect provider reduced to what the console uses: discovery, an authorization
     * endpoint that signs the user in at once and redirects back with a code, a token endpoint
     * (CORS, as a browser calls it) and the key set the gateway verifies with.
     */
    static final class FakeProvider {

        static final String CODE = "code-for-oidc-manager";
        final Map<String, Map<String, String>> requests = new ConcurrentHashMap<>();
        private final HttpServer server;

        FakeProvider() {
            try {
                server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/.well-known/openid-configuration", e -> json(e, discovery()));
            server.createContext("/authorize", this::authorize);
            server.createContext("/token", this::token);
            server.createContext("/jwks", e -> json(e, new JWKSet(SIGNING_KEY.toPublicJWK()).toString()));
            server.start();
        }

        String issuer() {
            return "http://localhost:" + server.getAddress().getPort();
        }

        void stop() {
            server.stop(0);
        }

        private String discovery() {
            return "{\"issuer\":\"" + issuer() + "\",\"authorization_endpoint\":\"" + issuer()
                    + "/authorize\",\"token_endpoint\":\"" + issuer() + "/token\",\"jwks_uri\":\"" + issuer()
                    + "/jwks\"}";
        }

        private void authorize(HttpExchange exchange) throws IOException {
            var query = form(exchange.getRequestURI().getRawQuery());
            requests.put("/authorize", query);
            var back = query.get("redirect_uri") + "?code=" + CODE + "&state=" + query.get("state");
            exchange.getResponseHeaders().set("Location", back);
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        }

        private void token(HttpExchange exchange) throws IOException {
            if ("OPTIONS".equals(exchange.getRequestMethod())) {
                cors(exchange);
                exchange.getResponseHeaders().set("Access-Control-Allow-Headers", "Content-Type");
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
                return;
            }
            var body = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            requests.put("/token", body);
            json(exchange, "{\"access_token\":\"" + accessToken() + "\",\"token_type\":\"Bearer\",\"expires_in\":300}");
        }

        private String accessToken() {
            try {
                var claims = new JWTClaimsSet.Builder()
                        .issuer(issuer())
                        .subject("oidc.manager")
                        .claim("tenant", "demo-generic")
                        .claim("roles", List.of("cs-manager"))
                        .claim("regions", List.of())
                        .claim("sites", List.of())
                        .claim("name", "OIDC Manager")
                        .issueTime(new Date())
                        .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                        .build();
                var jwt = new SignedJWT(
                        new JWSHeader.Builder(JWSAlgorithm.RS256)
                                .keyID(SIGNING_KEY.getKeyID())
                                .build(),
                        claims);
                jwt.sign(new RSASSASigner(SIGNING_KEY));
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        private static void json(HttpExchange exchange, String json) throws IOException {
            cors(exchange);
            var bytes = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }

        private static void cors(HttpExchange exchange) {
            exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
        }

        private static Map<String, String> form(String raw) {
            var values = new LinkedHashMap<String, String>();
            if (raw == null || raw.isEmpty()) {
                return values;
            }
            for (var pair : raw.split("&")) {
                var at = pair.indexOf('=');
                values.put(
                        URLDecoder.decode(at < 0 ? pair : pair.substring(0, at), StandardCharsets.UTF_8),
                        at < 0 ? "" : URLDecoder.decode(pair.substring(at + 1), StandardCharsets.UTF_8));
            }
            return values;
        }

        static String s256(String verifier) {
            try {
                var digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
                return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
