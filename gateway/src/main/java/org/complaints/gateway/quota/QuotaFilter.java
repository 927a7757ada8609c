package org.complaints.gateway.quota;

import java.util.concurrent.ConcurrentHashMap;
import org.complaints.gateway.auth.Caller;
import org.complaints.gateway.auth.CallerAuthentication;
import org.complaints.gateway.system.Problems;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A token bucket per caller (API key or staff user) refilled at its per-minute quota. Buckets live
 * in this replica's memory, so the effective quota is per replica; a shared limiter (e.g. Redis)
 * is the step for strict global quotas.
 */
@Component
public class QuotaFilter implements GlobalFilter, Ordered {

    private final ConcurrentHashMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return exchange.getPrincipal()
                .cast(CallerAuthentication.class)
                .map(CallerAuthentication::getPrincipal)
                .flatMap(caller -> {
                    var bucket = buckets.computeIfAbsent(key(caller), k -> new TokenBucket(caller.quotaPerMinute()));
                    var waitSeconds = bucket.tryTake(System.nanoTime());
                    if (waitSeconds == 0) {
                        return chain.filter(exchange);
                    }
                    exchange.getResponse().getHeaders().set("Retry-After", Long.toString(waitSeconds));
                    return Problems.write(
                            exchange,
                            HttpStatus.TOO_MANY_REQUESTS,
                            "quota-exceeded",
                            "Quota of " + caller.quotaPerMinute() + " requests per minute exceeded.");
                })
                .switchIfEmpty(Mono.defer(() -> chain.filter(exchange)));
    }

    private static String key(Caller caller) {
        return caller.tenant() + "/" + caller.subject();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 5;
    }
}
