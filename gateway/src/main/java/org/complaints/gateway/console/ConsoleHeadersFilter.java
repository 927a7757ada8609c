package org.complaints.gateway.console;

import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * A Content-Security-Policy for the console's pages: scripts, styles and calls from the gateway's
 * own origin only (plus the OpenID Connect provider's, which the browser asks for its discovery
 * document and tokens), no inline script, no framing. The console's modules set styles through the
 * DOM, never inline.
 */
@Component
class ConsoleHeadersFilter implements WebFilter, Ordered {

    static final String HEADER = "Content-Security-Policy";

    private final String policy;

    ConsoleHeadersFilter(ConsoleProperties properties) {
        var connect = "'self'";
        var issuer = properties.oidc().issuer();
        if (issuer != null && !issuer.isBlank()) {
            var uri = URI.create(issuer.strip());
            connect += " " + uri.getScheme() + "://" + uri.getAuthority();
        }
        policy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
                + "font-src 'self'; connect-src " + connect + "; form-action 'self'; "
                + "frame-ancestors 'none'; base-uri 'none'";
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (path.equals("/console") || path.startsWith("/console/")) {
            exchange.getResponse().beforeCommit(() -> {
                exchange.getResponse().getHeaders().set(HEADER, policy);
                return Mono.empty();
            });
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }
}
