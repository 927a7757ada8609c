package org.complaints.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import reactor.core.publisher.Mono;

class ScopeAuthorizationTest {

    final ScopeAuthorization scopes = new ScopeAuthorization();

    @Test
    void shouldNeedReadForGetAndWriteForEverythingElse() {
        assertThat(required(HttpMethod.GET, "/api/v1/complaints/c-1")).isEqualTo("complaints:read");
        assertThat(required(HttpMethod.HEAD, "/api/v1/complaints")).isEqualTo("complaints:read");
        assertThat(required(HttpMethod.POST, "/api/v1/complaints")).isEqualTo("complaints:write");
        assertThat(required(HttpMethod.PATCH, "/api/v1/cases/k-1")).isEqualTo("cases:write");
    }

    @Test
    void shouldGroupResourcesIntoAreas() {
        assertThat(required(HttpMethod.GET, "/api/v1/customers/u-1/complaints")).isEqualTo("complaints:read");
        assertThat(required(HttpMethod.POST, "/api/v1/incidents")).isEqualTo("cases:write");
        assertThat(required(HttpMethod.GET, "/api/v1/policies/demo")).isEqualTo("cases:read");
        assertThat(required(HttpMethod.GET, "/api/v1/sites/gz-tianhe/calendar")).isEqualTo("cases:read");
        assertThat(required(HttpMethod.PUT, "/api/v1/sites/gz-tianhe/roster")).isEqualTo("cases:write");
        assertThat(required(HttpMethod.GET, "/api/v1/budgets")).isEqualTo("compensations:read");
        assertThat(required(HttpMethod.POST, "/api/v1/authority-matrix")).isEqualTo("compensations:write");
        assertThat(required(HttpMethod.POST, "/api/v1/follow-ups/t-1/outcomes")).isEqualTo("follow-ups:write");
        assertThat(required(HttpMethod.GET, "/api/v1/reports/monthly")).isEqualTo("reports:read");
        assertThat(required(HttpMethod.GET, "/api/v1/webhooks/subscriptions")).isEqualTo("webhooks:read");
        assertThat(required(HttpMethod.POST, "/api/v1/webhooks/subscriptions")).isEqualTo("webhooks:write");
        assertThat(required(HttpMethod.DELETE, "/api/v1/webhooks/subscriptions/s-1"))
                .isEqualTo("webhooks:write");
    }

    @Test
    void shouldLetEveryPartnerKeyReadItsTenantsReference() {
        var complaintsOnly = new CallerAuthentication(caller(Caller.PARTNER, List.of("complaints:write")));

        assertThat(required(HttpMethod.GET, "/api/v1/reference/compensations")).isNull();
        assertThat(granted(complaintsOnly, HttpMethod.GET, "/api/v1/reference/follow-ups"))
                .isTrue();
        assertThat(granted(complaintsOnly, HttpMethod.POST, "/api/v1/reference/cases"))
                .as("only reads are open")
                .isFalse();
    }

    @Test
    void shouldLimitPartnersToTheirScopesButNotStaff() {
        var partner = new CallerAuthentication(caller(Caller.PARTNER, List.of("complaints:read")));
        var staff = new CallerAuthentication(caller(Caller.STAFF, List.of()));

        assertThat(granted(partner, HttpMethod.GET, "/api/v1/complaints")).isTrue();
        assertThat(granted(partner, HttpMethod.POST, "/api/v1/complaints")).isFalse();
        assertThat(granted(staff, HttpMethod.POST, "/api/v1/compensations/p-1/approvals"))
                .isTrue();
        assertThat(granted(null, HttpMethod.GET, "/api/v1/complaints"))
                .as("no caller")
                .isFalse();
    }

    private boolean granted(Authentication auth, HttpMethod method, String path) {
        var exchange = MockServerWebExchange.from(MockServerHttpRequest.method(method, path));
        return scopes.authorize(Mono.justOrEmpty(auth), new AuthorizationContext(exchange))
                .block()
                .isGranted();
    }

    private static String required(HttpMethod method, String path) {
        return ScopeAuthorization.requiredScope(
                MockServerHttpRequest.method(method, path).build());
    }

    private static Caller caller(String kind, List<String> scopes) {
        return new Caller("s", kind, "demo", List.of(), List.of(), List.of(), scopes, "n", 10);
    }
}
