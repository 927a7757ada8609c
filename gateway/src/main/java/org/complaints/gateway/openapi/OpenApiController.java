package org.complaints.gateway.openapi;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.complaints.gateway.system.GatewayProperties;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /api/v1/openapi.json}: one document for partners, merged from each service's
 * springdoc output with paths prefixed by {@code /api/v1}. A service that does not answer is
 * listed under {@code x-unavailable} rather than failing the whole document. Public, like any
 * published API description.
 */
@RestController
class OpenApiController {

    private final WebClient http;
    private final Map<String, String> services;
    private final JsonMapper json = JsonMapper.builder().build();

    OpenApiController(GatewayProperties properties) {
        this.http = WebClient.create();
        this.services = properties.services();
    }

    @GetMapping(value = "/api/v1/openapi.json", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<JsonNode> merged() {
        return Flux.fromIterable(services.entrySet())
                .flatMap(service -> http.get()
                        .uri(service.getValue() + "/v3/api-docs")
                        .retrieve()
                        .bodyToMono(String.class)
                        .timeout(Duration.ofSeconds(3))
                        .map(body -> Map.entry(service.getKey(), json.readTree(body)))
                        .onErrorResume(e -> Mono.just(Map.entry(service.getKey(), json.nullNode()))))
                .collectList()
                .map(this::merge);
    }

    private JsonNode merge(List<Map.Entry<String, JsonNode>> documents) {
        var root = json.createObjectNode();
        root.put("openapi", "3.1.0");
        root.putObject("info").put("title", "Complaints API").put("version", "v1");
        var paths = root.putObject("paths");
        var schemas = root.putObject("components").putObject("schemas");
        var unavailable = root.putArray("x-unavailable");
        var sorted = new LinkedHashMap<String, JsonNode>();
        documents.stream().sorted(Map.Entry.comparingByKey()).forEach(e -> sorted.put(e.getKey(), e.getValue()));
        sorted.forEach((service, doc) -> {
            if (doc == null || doc.isNull() || !doc.has("paths")) {
                unavailable.add(service);
                return;
            }
            doc.get("paths").properties().forEach(p -> paths.set("/api/v1" + p.getKey(), p.getValue()));
            var components = doc.path("components").path("schemas");
            if (components instanceof ObjectNode objects) {
                objects.properties().forEach(s -> schemas.set(s.getKey(), s.getValue()));
            }
        });
        return root;
    }
}
