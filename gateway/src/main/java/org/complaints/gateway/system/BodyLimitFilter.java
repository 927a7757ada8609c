package org.complaints.gateway.system;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Caps request bodies at {@code complaints.gateway.max-body-bytes}. A declared length over the limit
 * is refused with 413 before anything is proxied; a streamed (chunked) body is counted as it flows
 * and cut off at the limit, which the error handler turns into 413.
 */
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
        if (length >= 0) {
            // The server reads exactly the declared length, so a declared body needs no counting.
            return chain.filter(exchange);
        }
        var counted = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                var seen = new AtomicLong();
                return super.getBody().handle((buffer, sink) -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > maxBytes) {
                        DataBufferUtils.release(buffer);
                        sink.error(new BodyTooLargeException(maxBytes));
                    } else {
                        sink.next(buffer);
                    }
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
