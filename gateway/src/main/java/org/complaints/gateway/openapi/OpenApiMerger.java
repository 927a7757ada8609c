package org.complaints.gateway.openapi;

import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Merges the services' springdoc documents into the one partners read: paths gain the public
 * {@code /api/v1} prefix, schemas are pooled (the first service to define a name keeps it), and a
 * service without a document is named under {@code x-unavailable} instead of failing the whole.
 */
final class OpenApiMerger {

    static final String PREFIX = "/api/v1";
    private final JsonMapper json;

    OpenApiMerger(JsonMapper json) {
        this.json = json;
    }

    /** {@code documents}: service name to its document, or {@code null} when it did not answer. */
    ObjectNode merge(Map<String, JsonNode> documents) {
        var root = json.createObjectNode();
        root.put("openapi", "3.1.0");
        root.putObject("info")
                .put("title", "Complaints API")
                .put("version", "v1")
                .put("description", "Merged by the gateway from each service's /v3/api-docs.");
        var paths = root.putObject("paths");
        var components = root.putObject("components");
        var schemas = components.putObject("schemas");
        securitySchemes(components.putObject("securitySchemes"));
        var security = root.putArray("security");
        security.addObject().putArray("apiKey");
        security.addObject().putArray("bearer");
        var unavailable = root.putArray("x-unavailable");
        new TreeMap<>(documents).forEach((service, doc) -> {
            if (doc == null || !doc.path("paths").isObject()) {
                unavailable.add(service);
                return;
            }
            // Services exclude /internal/** themselves (springdoc.paths-to-exclude); never publish it.
            doc.get("paths").properties().stream()
                    .filter(p -> !p.getKey().startsWith("/internal"))
                    .forEach(p -> paths.set(PREFIX + p.getKey(), p.getValue()));
            if (doc.path("components").path("schemas") instanceof ObjectNode serviceSchemas) {
                serviceSchemas.properties().forEach(s -> {
                    if (!schemas.has(s.getKey())) {
                        schemas.set(s.getKey(), s.getValue());
                    }
                });
            }
        });
        return root;
    }

    private static void securitySchemes(ObjectNode schemes) {
        schemes.putObject("apiKey").put("type", "apiKey").put("in", "header").put("name", "X-Api-Key");
        schemes.putObject("bearer").put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT");
    }
}
