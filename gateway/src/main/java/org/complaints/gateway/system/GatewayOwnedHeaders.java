package org.complaints.gateway.system;

import java.util.Set;
import java.util.TreeSet;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Drops from a service's response the headers the gateway itself sets on every response: the
 * request id (the services echo the one the gateway forwarded, and the proxy adds upstream headers
 * to the gateway's, so it appeared twice) and the RateLimit fields (only the gateway knows quotas).
 */
@Component
public class GatewayOwnedHeaders implements HttpHeadersFilter {

    private static final Set<String> OWNED = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

    static {
        OWNED.addAll(Set.of(RequestIdFilter.HEADER, "RateLimit", "RateLimit-Policy"));
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        var kept = new HttpHeaders();
        input.forEach((name, values) -> {
            if (!OWNED.contains(name)) {
                kept.addAll(name, values);
            }
        });
        return kept;
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.RESPONSE;
    }
}
