package org.complaints.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;

/**
 * The staff console's files are served without credentials, while the API it calls still needs
 * them (ADR 0600); in the local profile its configuration offers the development issuer's users.
 */
class ConsoleFilesIT extends GatewayItSupport {

    @Test
    void shouldServeTheConsoleWithoutCredentials() {
        web.get()
                .uri("/console")
                .exchange()
                .expectStatus()
                .isEqualTo(301)
                .expectHeader()
                .location("/console/");
        var page = web.get()
                .uri("/console/")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(page).contains("<script type=\"module\" src=\"/console/js/app.js\">");
        web.get()
                .uri("/console/")
                .exchange()
                .expectHeader()
                .value(
                        "Content-Security-Policy",
                        csp -> assertThat(csp)
                                .contains("script-src 'self';", "connect-src 'self';", "frame-ancestors 'none'")
                                .doesNotContain("unsafe-inline"));
        web.get()
                .uri("/console/js/app.js")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith("text/javascript");
        web.get().uri("/console/console.css").exchange().expectStatus().isOk();
        web.get().uri("/console/no-such-file.js").exchange().expectStatus().isNotFound();
    }

    @Test
    void shouldStillRefuseTheApiWithoutAToken() {
        web.get()
                .uri("/api/v1/tasks")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .doesNotExist("Content-Security-Policy");
        web.get()
                .uri("/console/../api/v1/tasks")
                .exchange()
                .expectStatus()
                .value(s -> assertThat(s).isIn(400, 401));
    }

    @Test
    void shouldOfferTheDevelopmentIssuersUsersInTheLocalProfile() {
        var config = web.get()
                .uri("/console/config.json")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
        assertThat(config).containsEntry("signIn", "development").doesNotContainKey("oidc");
        @SuppressWarnings("unchecked")
        var users = (List<Map<String, Object>>) config.get("devUsers");
        assertThat(users)
                .contains(Map.of(
                        "user", "dealer.director", "tenant", "demo-dealer", "roles", List.of("service-director")));
        assertThat(users).allSatisfy(u -> assertThat(u).containsOnlyKeys("user", "tenant", "roles"));
    }
}
