package org.complaints.gateway.system;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Failures reach the client as problem details: a service that is down is 503, one that does not
 * answer in time is 504, never a bare 500 with internals.
 */
@Component
@Order(-2)
public class UpstreamErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(UpstreamErrorHandler.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (causedBy(error, TimeoutException.class)
                || causedBy(error, io.netty.handler.timeout.ReadTimeoutException.class)) {
            return Problems.write(
                    exchange, HttpStatus.GATEWAY_TIMEOUT, "upstream-timeout", "The service did not answer in time.");
        }
        if (causedBy(error, ConnectException.class)
                || causedBy(error, io.netty.channel.ConnectTimeoutException.class)) {
            return Problems.write(
                    exchange,
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "upstream-unavailable",
                    "The service is unavailable; retry later.");
        }
        if (error instanceof ResponseStatusException status) {
            var resolved = HttpStatus.resolve(status.getStatusCode().value());
            var code = resolved == null ? HttpStatus.BAD_REQUEST : resolved;
            if (code == HttpStatus.GATEWAY_TIMEOUT || code == HttpStatus.SERVICE_UNAVAILABLE) {
                return Problems.write(
                        exchange, code, "upstream-unavailable", "The service is unavailable; retry later.");
            }
            return Problems.write(
                    exchange,
                    code,
                    slug(code),
                    status.getReason() == null ? code.getReasonPhrase() : status.getReason());
        }
        log.error("unexpected gateway failure on {}", exchange.getRequest().getPath(), error);
        return Problems.write(exchange, HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Unexpected error.");
    }

    private static String slug(HttpStatus status) {
        return status.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
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
