package org.complaints.gateway.system;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** Refuses a declared body over the limit with 413 before it is proxied anywhere. */
@Component
public class BodyLimitFilter implements WebFilter, Ordered {

    private final long maxBytes;

    public BodyLimitFilter(GatewayProperties properties) {
        this.maxBytes = properties.maxBodyBytes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var length = exchange.getRequest().getHeaders().getContentLength();
        if (length > maxBytes) {
            return Problems.write(
                    exchange,
                    HttpStatus.CONTENT_TOO_LARGE,
                    "body-too-large",
                    "The body exceeds the limit of " + maxBytes + " bytes.");
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
