package org.complaints.gateway.system;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes RFC 9457 problem details from filters and handlers (which run outside any controller, so
 * Spring's own ProblemDetail rendering does not reach them), with the services' type URIs.
 */
public final class Problems {

    public static final String TYPE_BASE = "https://complaints.example.org/problems/";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {}

    /** Completes empty once the problem is written; callers must not continue the chain after it. */
    public static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String type, String detail) {
        var response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("type", TYPE_BASE + type);
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("instance", exchange.getRequest().getPath().value());
        RequestIdFilter.of(exchange).ifPresent(id -> body.put("requestId", id));
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        var bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
    }
}
