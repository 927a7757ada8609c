package org.complaints.gateway.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.netty.channel.AbortedException;

/**
 * Issue 14: while a service restarts the gateway sees the connection refused, reset, closed or
 * aborted; each is 503 problem details with Retry-After (the client retries with its
 * Idempotency-Key), never 500.
 */
class UpstreamErrorHandlerTest {

    static Throwable[] restartFailures() {
        return new Throwable[] {
            new ConnectException("Connection refused"),
            new SocketException("Connection reset"),
            new IOException("recvAddress(..) failed: Connection reset by peer"),
            new ClosedChannelException(),
            new AbortedException("Connection has been closed BEFORE send operation"),
            new IllegalStateException("wrapped", new SocketException("Connection reset")),
        };
    }

    @ParameterizedTest
    @MethodSource("restartFailures")
    void aServiceThatIsRestartingIsServiceUnavailableWithRetryAfter(Throwable failure) {
        var exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/v1/complaints"));

        new UpstreamErrorHandler().handle(exchange, failure).block();

        var response = exchange.getResponse();
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(response.getHeaders().getFirst("Retry-After")).isNotBlank();
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(response.getBodyAsString().block())
                .contains("upstream-unavailable")
                .doesNotContain("Connection reset");
    }

    @ParameterizedTest
    @MethodSource("restartFailures")
    void neverInternalServerError(Throwable failure) {
        var exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/cases/c-1"));
        new UpstreamErrorHandler().handle(exchange, failure).block();
        assertThat(exchange.getResponse().getStatusCode()).isNotEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(exchange.getResponse().getBodyAsString().block().getBytes(StandardCharsets.UTF_8))
                .isNotEmpty();
    }
}
