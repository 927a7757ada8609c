package org.complaints.routing.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.identity.IdentityTokens;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 13's bad input outside the local profile ({@code allow-insecure-targets} off, as in every
 * production profile): a subscription to a non-HTTPS URL or to a loopback, private or link-local
 * target is a problem detail (422 on {@code url}), and nothing is stored.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "complaints.webhooks.allow-insecure-targets=false")
@ActiveProfiles("test")
class ProductionTargetsIT {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    IdentityTokens tokens;

    final HttpClient http = HttpClient.newHttpClient();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://hooks.example.com/complaints",
                "http://localhost:8089/hooks",
                "https://localhost/hooks",
                "https://127.0.0.1/hooks",
                "https://[::1]/hooks",
                "https://10.20.30.40/hooks",
                "https://192.168.1.10/hooks",
                "https://169.254.169.254/latest/meta-data"
            })
    void refused(String url) throws Exception {
        var identity = tokens.sign(new CallerIdentity(
                "generic-partner",
                CallerIdentity.Kind.PARTNER,
                "demo-generic",
                Set.of(),
                Set.of(),
                Set.of("partner"),
                Set.of("webhooks:read", "webhooks:write"),
                "Generic partner"));
        var answer = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/subscriptions"))
                        .header("Content-Type", "application/json")
                        .header(IdentityTokens.HEADER, identity)
                        .POST(HttpRequest.BodyPublishers.ofString(
                                JSON.writeValueAsString(Map.of("url", url, "eventTypes", List.of("case.closed")))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(422);
        assertThat(answer.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        var problem = JSON.readTree(answer.body());
        assertThat(problem.get("fields").get(0).get("field").asText()).isEqualTo("url");
        var list = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/subscriptions"))
                        .header(IdentityTokens.HEADER, identity)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(list.body()).get("items")).as("nothing stored").isEmpty();
    }
}
