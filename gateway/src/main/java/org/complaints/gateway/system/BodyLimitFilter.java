package org.complaints.gateway.system;

import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Caps request bodies at {@code complaints.gateway.max-body-bytes}. A declared length over the limit
 * is refused with 413 before anything is proxied; a streamed (chunked) body is read up to the limit
 * first and proxied with its length, or refused with 413 (the error handler's) without reaching the
 * service.
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
        if (length >= 0 || !exchange.getRequest().getHeaders().containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
            // A declared body is read to exactly its length; without either header there is no body.
            return chain.filter(exchange);
        }
        // A streamed body is read whole (up to the limit) before anything is proxied: cut off half-way,
        // it would reach the service truncated and leave that connection busy for the next call.
        var request = exchange.getRequest();
        return DataBufferUtils.join(request.getBody(), (int) Math.min(maxBytes, Integer.MAX_VALUE))
                .onErrorMap(DataBufferLimitException.class, e -> new BodyTooLargeException(maxBytes))
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(body -> chain.filter(exchange.mutate()
                        .request(buffered(request, body.orElse(null)))
                        .build()));
    }

    /** The request with its body read: a known length instead of chunks. */
    private static ServerHttpRequestDecorator buffered(ServerHttpRequest request, DataBuffer body) {
        var headers = new HttpHeaders();
        headers.putAll(request.getHeaders());
        headers.remove(HttpHeaders.TRANSFER_ENCODING);
        headers.setContentLength(body == null ? 0 : body.readableByteCount());
        return new ServerHttpRequestDecorator(request) {
            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }

            @Override
            public Flux<DataBuffer> getBody() {
                return body == null ? Flux.empty() : Flux.just(body);
            }
        };
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
