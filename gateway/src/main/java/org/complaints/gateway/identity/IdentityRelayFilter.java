package org.complaints.gateway.identity;

import java.util.Locale;
import org.complaints.gateway.auth.ApiKeys;
import org.complaints.gateway.auth.CallerAuthentication;
import org.complaints.gateway.system.Problems;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Replaces whatever identity a client claimed with the one its credentials proved: every
 * {@code X-Complaints-*} header from outside is dropped, the credentials are not passed on, and a
 * freshly signed identity is added.
 */
@Component
public class IdentityRelayFilter implements GlobalFilter, Ordered {

    private final IdentitySigner signer;

    public IdentityRelayFilter(IdentitySigner signer) {
        this.signer = signer;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return exchange.getPrincipal()
                .filter(CallerAuthentication.class::isInstance)
                .cast(CallerAuthentication.class)
                .map(auth -> exchange.mutate()
                        .request(r -> r.headers(headers -> {
                            headers.headerNames().stream()
                                    .filter(name ->
                                            name.toLowerCase(Locale.ROOT).startsWith("x-complaints-"))
                                    .toList()
                                    .forEach(headers::remove);
                            headers.remove(HttpHeaders.AUTHORIZATION);
                            headers.remove(ApiKeys.HEADER);
                            headers.set(IdentitySigner.HEADER, signer.sign(auth.getPrincipal()));
                        }))
                        .build())
                .flatMap(chain::filter)
                .switchIfEmpty(Mono.defer(() -> Problems.write(
                        exchange, HttpStatus.UNAUTHORIZED, "unauthenticated", "No verified caller for this request.")));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 20;
    }
}
