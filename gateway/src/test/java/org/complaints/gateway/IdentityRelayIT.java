package org.complaints.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What a service receives: a verified identity from credentials, a request id, nothing forged. */
class IdentityRelayIT extends GatewayItSupport {

    @Test
    void shouldProxyPartnerCallWithVerifiedIdentityOfItsKey() throws Exception {
        var response = web.get()
                .uri("/api/v1/complaints/c-1?page=2")
                .header("X-Api-Key", DEALER_KEY)
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(String.class);

        var received = onlyRequest(intake);
        assertThat(received.getUrl()).as("/api/v1 is stripped").isEqualTo("/complaints/c-1?page=2");
        var claims = verifiedIdentity(received);
        assertThat(claims.getIssuer()).isEqualTo("gateway");
        assertThat(claims.getAudience()).as("addressed to intake only").containsExactly("intake-service");
        assertThat(claims.getSubject()).isEqualTo("key:dealer-crm");
        assertThat(claims.getStringClaim("kind")).isEqualTo("partner");
        assertThat(claims.getStringClaim("tenant")).isEqualTo("demo-dealer");
        assertThat(claims.getStringListClaim("roles")).containsExactly("partner");
        assertThat(claims.getStringListClaim("regions")).isEmpty();
        assertThat(claims.getStringListClaim("scopes"))
                .containsExactlyInAnyOrder(
                        "complaints:write", "complaints:read", "cases:read", "webhooks:read", "webhooks:write");
        assertThat(Duration.between(
                        claims.getIssueTime().toInstant(),
                        claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofMinutes(5));
        assertThat(received.containsHeader("X-Api-Key"))
                .as("the key is not passed on")
                .isFalse();
        assertThat(received.getHeader("X-Request-Id"))
                .isNotBlank()
                .isEqualTo(response.getResponseHeaders().getFirst("X-Request-Id"));
    }

    @Test
    void shouldAddressEachIdentityToTheServiceTheRouteLeadsTo() throws Exception {
        web.get()
                .uri("/api/v1/cases/k-1")
                .header("X-Api-Key", DEALER_KEY)
                .exchange()
                .expectStatus()
                .isOk();

        assertThat(verifiedIdentity(onlyRequest(routing)).getAudience()).containsExactly("routing-service");
        assertThat(intake.getAllServeEvents()).isEmpty();
    }

    @Test
    void shouldCarryThePartnerKeysRegions() throws Exception {
        web.get()
                .uri("/api/v1/complaints/c-1")
                .header("X-Api-Key", RETAIL_EAST_KEY)
                .exchange()
                .expectStatus()
                .isOk();

        var claims = verifiedIdentity(onlyRequest(intake));
        assertThat(claims.getStringClaim("tenant")).isEqualTo("demo-retail");
        assertThat(claims.getStringListClaim("regions")).containsExactly("east");
    }

    @Test
    void shouldReplaceClientSentIdentityAndDropOtherComplaintsHeaders() throws Exception {
        web.get()
                .uri("/api/v1/complaints/c-1")
                .header("X-Api-Key", DEALER_KEY)
                .header("X-Complaints-Identity", "forged.identity.token")
                .header("x-complaints-tenant", "demo-retail")
                .exchange()
                .expectStatus()
                .isOk();

        var received = onlyRequest(intake);
        assertThat(verifiedIdentity(received).getStringClaim("tenant")).isEqualTo("demo-dealer");
        assertThat(received.containsHeader("X-Complaints-Tenant")).isFalse();
    }

    @Test
    void shouldPassThroughASafeClientRequestId() {
        web.get()
                .uri("/api/v1/complaints/c-1")
                .header("X-Api-Key", DEALER_KEY)
                .header("X-Request-Id", "crm-4711.retry_2")
                .exchange()
                .expectHeader()
                .valueEquals("X-Request-Id", "crm-4711.retry_2");

        assertThat(onlyRequest(intake).getHeader("X-Request-Id")).isEqualTo("crm-4711.retry_2");
    }

    @Test
    void shouldReplaceAnUnsafeClientRequestId() {
        var unsafe = "x".repeat(65);
        var echoed = web.get()
                .uri("/api/v1/complaints/c-1")
                .header("X-Api-Key", DEALER_KEY)
                .header("X-Request-Id", unsafe)
                .exchange()
                .returnResult(String.class)
                .getResponseHeaders()
                .getFirst("X-Request-Id");

        assertThat(echoed).isNotEqualTo(unsafe).matches("[0-9a-f-]{36}");
        assertThat(onlyRequest(intake).getHeader("X-Request-Id")).isEqualTo(echoed);
    }
}
