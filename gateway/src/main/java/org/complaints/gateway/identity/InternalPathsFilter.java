package org.complaints.gateway.identity;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Locale;
import org.complaints.gateway.system.Problems;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The services' {@code /internal/**} endpoints are never reachable through the gateway: no route
 * leads there, and this filter answers 404 before authentication for any path that would reach one
 * however it is spelt ({@code /internal/..}, {@code /api/v1/internal/..}, encoded, with dot
 * segments or doubled slashes). Decision 0011.
 */
@Component
class InternalPathsFilter implements WebFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (reachesInternal(exchange.getRequest().getURI())) {
            return Problems.write(exchange, HttpStatus.NOT_FOUND, "not-found", "No such endpoint.");
        }
        return chain.filter(exchange);
    }

    static boolean reachesInternal(URI uri) {
        var raw = uri.getRawPath() == null ? "" : uri.getRawPath();
        var segments = new ArrayDeque<String>();
        for (var segment : decode(raw).split("/")) {
            var clean = segment.contains(";") ? segment.substring(0, segment.indexOf(';')) : segment;
            if (clean.isEmpty() || clean.equals(".")) {
                continue;
            }
            if (clean.equals("..")) {
                segments.pollLast();
                continue;
            }
            segments.addLast(clean.toLowerCase(Locale.ROOT));
        }
        var path = segments.stream().toList();
        return (!path.isEmpty() && path.getFirst().equals("internal"))
                || (path.size() > 2 && path.get(2).equals("internal"));
    }

    /** Decodes until stable, so double encoding does not hide a segment. */
    private static String decode(String path) {
        var current = path;
        for (var i = 0; i < 3; i++) {
            String next;
            try {
                next = URLDecoder.decode(current.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                return current;
            }
            if (next.equals(current)) {
                return current;
            }
            current = next;
        }
        return current;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 5;
    }
}
