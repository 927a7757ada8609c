package org.complaints.gateway.identity;

import java.util.Locale;
import java.util.Optional;
import org.complaints.gateway.auth.ApiKeys;
import org.complaints.gateway.auth.Caller;
import org.complaints.gateway.auth.CallerAuthentication;
import org.complaints.gateway.system.Problems;
import org.complaints.gateway.system.RequestIdFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Replaces whatever identity a client claimed with the one its credentials proved: every
 * {@code X-Complaints-*} header from outside is dropped, the credentials themselves are not passed
 * on (a service has no use for them and should never log them), and a freshly signed identity,
 * addressed to the route's service only, is added, with the request id the gateway accepted.
 */
@Component
class IdentityRelayFilter implements GlobalFilter, Ordered {

    static final String RESERVED_PREFIX = "x-complaints-";
    static final String AUDIENCE = "audience";
    private final IdentitySigner signer;

    IdentityRelayFilter(IdentitySigner signer) {
        this.signer = signer;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return exchange.getPrincipal()
                .filter(CallerAuthentication.class::isInstance)
                .map(auth -> Optional.of(((CallerAuthentication) auth).getPrincipal()))
                .defaultIfEmpty(Optional.empty())
                .flatMap(caller -> caller.isPresent()
                        ? chain.filter(withIdentity(exchange, caller.get()))
                        // Security lets no unauthenticated call reach a route; refuse rather than
                        // forward without an identity should that ever change.
                        : Problems.write(exchange, HttpStatus.UNAUTHORIZED, "unauthenticated", "No verified caller."));
    }

    private ServerWebExchange withIdentity(ServerWebExchange exchange, Caller caller) {
        var token = signer.sign(caller, audience(exchange));
        return exchange.mutate()
                .request(r -> r.headers(headers -> {
                    headers.headerNames().stream()
                            .filter(name -> name.toLowerCase(Locale.ROOT).startsWith(RESERVED_PREFIX))
                            .toList()
                            .forEach(headers::remove);
                    headers.remove(HttpHeaders.AUTHORIZATION);
                    headers.remove(ApiKeys.HEADER);
                    headers.set(IdentitySigner.HEADER, token);
                    RequestIdFilter.of(exchange).ifPresent(id -> headers.set(RequestIdFilter.HEADER, id));
                }))
                .build();
    }

    /** The service the matched route leads to (its {@code metadata.audience}). */
    static String audience(ServerWebExchange exchange) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        var audience = route == null ? null : route.getMetadata().get(AUDIENCE);
        if (audience == null) {
            throw new IllegalStateException("route " + (route == null ? "?" : route.getId()) + " names no audience");
        }
        return audience.toString();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 20;
    }
}
