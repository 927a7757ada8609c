package org.complaints.gateway.openapi;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.complaints.gateway.system.DownstreamServices;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/v1/openapi.json}: the merged document, fetched from each service's
 * OpenAPI document (on its management port,
 * {@code complaints.services.<name>.management-url}) on every call (it is small and rarely read, and so never stale). Public,
 * like any published API description; it holds no data.
 */
@RestController
class OpenApiController {

    /** A service builds its document on the first request (seconds on a busy node), then serves it cached. */
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(10);

    private final WebClient http;
    private final DownstreamServices services;
    private final JsonMapper json = JsonMapper.builder().build();
    private final OpenApiMerger merger = new OpenApiMerger(json);

    OpenApiController(DownstreamServices services) {
        // Boot 4 auto-configures WebClient.Builder only with spring-boot-webclient; a plain client
        // with a per-fetch timeout is all this needs.
        this.http = WebClient.create();
        this.services = services;
    }

    @GetMapping(value = "/api/v1/openapi.json", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<JsonNode> merged() {
        return Flux.fromIterable(services.services().entrySet())
                .flatMap(service -> fetch(service.getValue().apiDocsUrl())
                        .map(doc -> Map.entry(service.getKey(), doc))
                        .defaultIfEmpty(Map.entry(service.getKey(), json.nullNode())))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new)
                .map(docs -> {
                    docs.replaceAll((name, doc) -> doc.isNull() ? null : doc);
                    return merger.merge(docs);
                });
    }

    private Mono<JsonNode> fetch(String apiDocsUrl) {
        return http.get()
                .uri(apiDocsUrl)
                .retrieve()
                .bodyToMono(String.class)
                .timeout(FETCH_TIMEOUT)
                .map(json::readTree)
                .onErrorResume(e -> Mono.empty());
    }
}
