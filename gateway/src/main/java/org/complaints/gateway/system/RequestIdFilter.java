package org.complaints.gateway.system;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Every call gets an {@code X-Request-Id}: the client's when it is a safe token (it ends up in log
 * lines and headers, so anything else is replaced), else a new UUID. It is forwarded downstream
 * ({@code IdentityRelayFilter}), echoed to the client and written into problem details. Runs first so even a 401 carries it.
 */
@Component
public class RequestIdFilter implements WebFilter, Ordered {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    static final String ATTRIBUTE = RequestIdFilter.class.getName();
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public static Optional<String> of(ServerWebExchange exchange) {
        return Optional.ofNullable(exchange.getAttribute(ATTRIBUTE));
    }

    /**
     * Runs a log statement with the request id in the MDC. Reactive code hops threads, so the MDC
     * is set around the statement rather than per thread for the whole request.
     */
    public static void withLogContext(ServerWebExchange exchange, Runnable logStatement) {
        var id = of(exchange);
        id.ifPresent(value -> MDC.put(MDC_KEY, value));
        try {
            logStatement.run();
        } finally {
            id.ifPresent(value -> MDC.remove(MDC_KEY));
        }
    }

    static String accept(String incoming) {
        return incoming != null && SAFE.matcher(incoming).matches()
                ? incoming
                : UUID.randomUUID().toString();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var id = accept(exchange.getRequest().getHeaders().getFirst(HEADER));
        exchange.getAttributes().put(ATTRIBUTE, id);
        exchange.getResponse().getHeaders().set(HEADER, id);
        // The routed request gets it with the signed identity (IdentityRelayFilter), in the one
        // mutation of its headers: each mutation copies them and wraps the exchange once more.
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
