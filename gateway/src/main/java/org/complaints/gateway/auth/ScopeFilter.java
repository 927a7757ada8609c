package org.complaints.gateway.auth;

import java.util.Map;
import org.complaints.gateway.system.Problems;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Partner keys carry scopes such as {@code complaints:write}; a read needs {@code <area>:read}, any
 * other method {@code <area>:write}. Staff are not scope-limited here: the services check their
 * roles on every decision.
 */
@Component
public class ScopeFilter implements GlobalFilter, Ordered {

    private static final Map<String, String> AREA_OF_RESOURCE = Map.ofEntries(
            Map.entry("complaints", "complaints"),
            Map.entry("customers", "complaints"),
            Map.entry("cases", "cases"),
            Map.entry("incidents", "cases"),
            Map.entry("policies", "cases"),
            Map.entry("compensations", "compensations"),
            Map.entry("authority-matrix", "compensations"),
            Map.entry("budgets", "compensations"),
            Map.entry("follow-ups", "follow-ups"),
            Map.entry("reports", "reports"));

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return exchange.getPrincipal()
                .cast(CallerAuthentication.class)
                .map(CallerAuthentication::getPrincipal)
                .filter(Caller::isPartner)
                .flatMap(caller -> {
                    var needed = requiredScope(exchange);
                    return caller.scopes().contains(needed)
                            ? chain.filter(exchange)
                            : Problems.write(
                                    exchange,
                                    HttpStatus.FORBIDDEN,
                                    "insufficient-scope",
                                    "This API key lacks the scope " + needed + ".");
                })
                .switchIfEmpty(Mono.defer(() -> chain.filter(exchange)));
    }

    static String requiredScope(ServerWebExchange exchange) {
        var segments = exchange.getRequest().getPath().value().split("/");
        var resource = segments.length > 3 ? segments[3] : "";
        var area = AREA_OF_RESOURCE.getOrDefault(resource, resource);
        var method = exchange.getRequest().getMethod();
        var read = HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method);
        return area + (read ? ":read" : ":write");
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
