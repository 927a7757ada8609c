package org.complaints.gateway.quota;

import java.util.Optional;
import org.complaints.gateway.auth.Caller;
import org.complaints.gateway.auth.CallerAuthentication;
import org.complaints.gateway.system.GatewayProperties;
import org.complaints.gateway.system.Problems;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Charges every authenticated call to its credential's bucket (an API key or a staff user, within
 * its tenant), shared by all gateway replicas ({@link SharedQuotas}), and tells the caller where it
 * stands in the RateLimit fields; over the quota the call is refused with 429 and
 * {@code Retry-After} before any service is bothered.
 */
@Component
class QuotaFilter implements GlobalFilter, Ordered {

    private final SharedQuotas quotas;
    private final QuotaProperties properties;
    private final int defaultPerMinute;
    private final QuotaMetrics metrics;

    QuotaFilter(SharedQuotas quotas, QuotaProperties properties, GatewayProperties gateway, QuotaMetrics metrics) {
        this.quotas = quotas;
        this.properties = properties;
        this.defaultPerMinute = gateway.defaultQuotaPerMinute();
        this.metrics = metrics;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return exchange.getPrincipal()
                .filter(CallerAuthentication.class::isInstance)
                .map(auth -> Optional.of(((CallerAuthentication) auth).getPrincipal()))
                .defaultIfEmpty(Optional.empty())
                .flatMap(caller -> caller.isEmpty()
                        ? chain.filter(exchange)
                        : charge(caller.get()).flatMap(decision -> answer(exchange, chain, caller.get(), decision)));
    }

    private Mono<Decision> charge(Caller caller) {
        var perMinute = properties.perMinute(caller, defaultPerMinute);
        return Mono.fromFuture(() -> quotas.take(caller.tenant() + "/" + caller.subject(), perMinute));
    }

    private Mono<Void> answer(ServerWebExchange exchange, GatewayFilterChain chain, Caller caller, Decision decision) {
        RateLimitHeaders.write(exchange.getResponse().getHeaders(), decision);
        if (decision.granted()) {
            return chain.filter(exchange);
        }
        metrics.rejected(caller.tenant());
        return Problems.write(
                exchange,
                HttpStatus.TOO_MANY_REQUESTS,
                "quota-exceeded",
                "Quota of " + decision.quota() + " requests per minute exceeded; retry after "
                        + decision.retryAfterSeconds() + " s.");
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
