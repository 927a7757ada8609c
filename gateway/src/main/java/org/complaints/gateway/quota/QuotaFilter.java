package org.complaints.gateway.quota;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.complaints.gateway.auth.Caller;
import org.complaints.gateway.auth.CallerAuthentication;
import org.complaints.gateway.system.Problems;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A token bucket per caller (API key or staff user) refilled at its per-minute quota
 * ({@code quotaPerMinute} of the key, else {@code complaints.gateway.default-quota-per-minute}).
 *
 * <p>The buckets live in this replica's memory, so the quota is enforced per replica: with N
 * replicas behind a load balancer a caller may get up to N times its quota. That is accepted for
 * fair-use protection; a shared limiter (e.g. Redis) is the step for strict global quotas.
 */
@Component
class QuotaFilter implements GlobalFilter, Ordered {

    private final ConcurrentHashMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    @Autowired
    QuotaFilter() {
        this(System::nanoTime);
    }

    QuotaFilter(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return exchange.getPrincipal()
                .filter(CallerAuthentication.class::isInstance)
                .map(auth -> Optional.of(((CallerAuthentication) auth).getPrincipal()))
                .defaultIfEmpty(Optional.empty())
                .flatMap(caller -> {
                    var wait = caller.map(this::take).orElse(0L);
                    if (wait == 0) {
                        return chain.filter(exchange);
                    }
                    exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(wait));
                    return Problems.write(
                            exchange,
                            HttpStatus.TOO_MANY_REQUESTS,
                            "quota-exceeded",
                            "Quota of " + caller.get().quotaPerMinute() + " requests per minute exceeded.");
                });
    }

    /** 0 when the call may go ahead, else the seconds until it may. */
    long take(Caller caller) {
        var now = nanoTime.getAsLong();
        var bucket = buckets.computeIfAbsent(
                caller.tenant() + "/" + caller.subject(), key -> new TokenBucket(caller.quotaPerMinute(), now));
        return bucket.tryTake(now);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
