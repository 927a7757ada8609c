package org.complaints.gateway.routes;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import org.complaints.gateway.system.BodyTooLargeException;
import org.complaints.gateway.system.Problems;
import org.complaints.gateway.system.RequestIdFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.client.PrematureCloseException;

/**
 * Failures reach the client as problem details: a service that does not answer in time is 504, one
 * that cannot be reached or drops the connection (refused, reset, closed before answering: a
 * restart) is 503 with Retry-After (the caller may retry), never a bare 500 with internals. Ordered
 * before Boot's default handler, which would render its own JSON.
 */
@Component
@Order(-2)
class UpstreamErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(UpstreamErrorHandler.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (causedBy(error, BodyTooLargeException.class)) {
            // The rest of the upload is not read: close the connection rather than drain it.
            exchange.getResponse().getHeaders().setConnection("close");
            return Problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE, "body-too-large", error.getMessage());
        }
        if (causedBy(error, TimeoutException.class)
                || causedBy(error, ReadTimeoutException.class)
                || hasStatus(error, HttpStatus.GATEWAY_TIMEOUT)) {
            warn(exchange, "did not answer in time");
            return Problems.write(
                    exchange, HttpStatus.GATEWAY_TIMEOUT, "upstream-timeout", "The service did not answer in time.");
        }
        if (causedBy(error, ConnectException.class)
                || causedBy(error, ConnectTimeoutException.class)
                || causedBy(error, UnknownHostException.class)
                || causedBy(error, PrematureCloseException.class)
                // A restarting service: connection reset, closed channel, aborted exchange.
                || causedBy(error, IOException.class)
                || causedBy(error, AbortedException.class)) {
            warn(exchange, "is unavailable: " + error.getClass().getSimpleName());
            return unavailable(exchange);
        }
        if (error instanceof ResponseStatusException status) {
            var resolved = HttpStatus.resolve(status.getStatusCode().value());
            var code = resolved == null ? HttpStatus.BAD_REQUEST : resolved;
            if (code == HttpStatus.SERVICE_UNAVAILABLE) {
                return unavailable(exchange);
            }
            return Problems.write(
                    exchange,
                    code,
                    slug(code),
                    status.getReason() == null ? code.getReasonPhrase() : status.getReason());
        }
        RequestIdFilter.withLogContext(
                exchange,
                () -> log.error(
                        "unexpected gateway failure on {}",
                        exchange.getRequest().getPath(),
                        error));
        return Problems.write(exchange, HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Unexpected error.");
    }

    private static Mono<Void> unavailable(ServerWebExchange exchange) {
        exchange.getResponse().getHeaders().set("Retry-After", "5");
        return Problems.write(
                exchange,
                HttpStatus.SERVICE_UNAVAILABLE,
                "upstream-unavailable",
                "The service is unavailable; retry later.");
    }

    private static void warn(ServerWebExchange exchange, String what) {
        // The path, never the query string or body: those may carry personal data.
        RequestIdFilter.withLogContext(
                exchange,
                () -> log.warn("upstream for {} {}", exchange.getRequest().getPath(), what));
    }

    private static boolean hasStatus(Throwable error, HttpStatus status) {
        return error instanceof ResponseStatusException e && e.getStatusCode().value() == status.value();
    }

    private static String slug(HttpStatus status) {
        return status.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (var t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
