package org.complaints.gateway.auth;

import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import reactor.core.publisher.Mono;

/**
 * Partner keys carry scopes such as {@code complaints:write}: a read ({@code GET}, {@code HEAD})
 * needs {@code <area>:read}, anything else {@code <area>:write}. Staff are not scope-limited here;
 * the services check their roles on every decision. Decided inside Spring Security, so a refused
 * call never reaches a route. The tenant's reference data ({@code /api/v1/reference/...}: channels,
 * level names, steps; no personal data) is open to every partner key of the tenant (ADR 0283).
 */
class ScopeAuthorization implements ReactiveAuthorizationManager<AuthorizationContext> {

    private static final String REFERENCE = "reference";
    private static final Map<String, String> AREA_OF_RESOURCE = Map.ofEntries(
            Map.entry("complaints", "complaints"),
            Map.entry("customers", "complaints"),
            Map.entry("cases", "cases"),
            Map.entry("incidents", "cases"),
            Map.entry("policies", "cases"),
            // site rosters and calendars are routing's policy data (LC-51, OT-30, SLA-G2)
            Map.entry("sites", "cases"),
            Map.entry("compensations", "compensations"),
            Map.entry("authority-matrix", "compensations"),
            Map.entry("budgets", "compensations"),
            Map.entry("follow-ups", "follow-ups"),
            Map.entry("reports", "reports"),
            // partner webhook subscriptions (routing, ADR 0260)
            Map.entry("webhooks", "webhooks"));

    @Override
    public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
        var needed = requiredScope(context.getExchange().getRequest());
        return authentication
                .filter(CallerAuthentication.class::isInstance)
                .map(auth -> ((CallerAuthentication) auth).getPrincipal())
                .<AuthorizationResult>map(caller -> new AuthorizationDecision(
                        !caller.isPartner() || needed == null || caller.scopes().contains(needed)))
                .defaultIfEmpty(new AuthorizationDecision(false));
    }

    /**
     * {@code /api/v1/<resource>/...}: the resource names the area, the method read or write; a read
     * of the reference needs no scope ({@code null}).
     */
    static String requiredScope(ServerHttpRequest request) {
        var segments = request.getPath().pathWithinApplication().value().split("/");
        var resource = segments.length > 3 ? segments[3] : "";
        if (REFERENCE.equals(resource) && HttpMethod.GET.equals(request.getMethod())) {
            return null;
        }
        var area = AREA_OF_RESOURCE.getOrDefault(resource, resource);
        var method = request.getMethod();
        var read = HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method);
        return area + (read ? ":read" : ":write");
    }
}
