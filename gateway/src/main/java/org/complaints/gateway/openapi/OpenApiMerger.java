package org.complaints.gateway.openapi;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Merges the services' springdoc documents into the one partners read (the contract, ADR 0280):
 * paths gain the public {@code /api/v1} prefix; schemas are pooled, and a name two services define
 * differently is never lost: the later service's (in name order) becomes {@code <Service><Name>}
 * with its references rewritten; likewise a repeated operationId. The tags are listed in name
 * order, and a service without a document is named under {@code x-unavailable} instead of failing
 * the whole.
 */
final class OpenApiMerger {

    static final String PREFIX = "/api/v1";
    private static final String SCHEMA_REF = "#/components/schemas/";
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
                .put(
                        "description",
                        "The partner contract of the complaints suite, merged by the gateway from each service's"
                                + " document. Every call needs X-Api-Key (partner systems) or a staff bearer token;"
                                + " errors are application/problem+json. The tenant's closed sets (channels, levels,"
                                + " steps, remedy kinds) are under /api/v1/reference/.");
        root.putArray("servers").addObject().put("url", "http://localhost:8080").put("description", "run-local");
        var security = root.putArray("security");
        security.addObject().putArray("apiKey");
        security.addObject().putArray("bearer");
        var tags = new TreeMap<String, JsonNode>();
        var paths = root.putObject("paths");
        var components = root.putObject("components");
        var schemas = components.putObject("schemas");
        securitySchemes(components.putObject("securitySchemes"));
        var unavailable = json.createArrayNode();
        var operationIds = new HashSet<String>();
        new TreeMap<>(documents).forEach((service, doc) -> {
            if (doc == null || !doc.path("paths").isObject()) {
                unavailable.add(service);
                return;
            }
            var renamed = renamedSchemas(service, doc, schemas);
            var own = renamed.isEmpty() ? doc : rewriteRefs(doc.deepCopy(), renamed);
            if (own.path("components").path("schemas") instanceof ObjectNode serviceSchemas) {
                serviceSchemas.properties().forEach(s -> schemas.putIfAbsent(s.getKey(), s.getValue()));
            }
            // Services exclude /internal/** themselves (springdoc.paths-to-exclude); never publish it.
            own.get("paths").properties().stream()
                    .filter(p -> !p.getKey().startsWith("/internal"))
                    .forEach(p -> {
                        p.getValue().values().forEach(op -> uniqueOperationId(service, op, operationIds));
                        paths.set(PREFIX + p.getKey(), p.getValue());
                    });
            own.path("tags")
                    .values()
                    .forEach(t -> tags.putIfAbsent(t.path("name").asString(), t));
        });
        var sortedSchemas = new TreeMap<String, JsonNode>();
        schemas.properties().forEach(s -> sortedSchemas.put(s.getKey(), s.getValue()));
        schemas.removeAll();
        sortedSchemas.forEach(schemas::set);
        var tagList = root.putArray("tags");
        tags.values().forEach(tagList::add);
        root.set("x-unavailable", unavailable);
        return root;
    }

    /** The service's schema names already pooled with another definition: name → service-prefixed name. */
    private static Map<String, String> renamedSchemas(String service, JsonNode doc, ObjectNode pooled) {
        var renamed = new HashMap<String, String>();
        doc.path("components").path("schemas").properties().forEach(s -> {
            if (pooled.has(s.getKey()) && !pooled.get(s.getKey()).equals(s.getValue())) {
                renamed.put(s.getKey(), capitalized(service) + s.getKey());
            }
        });
        return renamed;
    }

    private static JsonNode rewriteRefs(JsonNode doc, Map<String, String> renamed) {
        if (doc.path("components").path("schemas") instanceof ObjectNode schemas) {
            var all = new TreeMap<String, JsonNode>();
            schemas.properties().forEach(s -> all.put(renamed.getOrDefault(s.getKey(), s.getKey()), s.getValue()));
            schemas.removeAll();
            all.forEach(schemas::set);
        }
        rewrite(doc, renamed);
        return doc;
    }

    private static void rewrite(JsonNode node, Map<String, String> renamed) {
        if (node instanceof ObjectNode object) {
            var ref = object.get("$ref");
            if (ref != null && ref.isString() && ref.asString().startsWith(SCHEMA_REF)) {
                var name = ref.asString().substring(SCHEMA_REF.length());
                if (renamed.containsKey(name)) {
                    object.set("$ref", StringNode.valueOf(SCHEMA_REF + renamed.get(name)));
                }
            }
            object.values().forEach(child -> rewrite(child, renamed));
        } else if (node instanceof ArrayNode array) {
            array.values().forEach(child -> rewrite(child, renamed));
        }
    }

    private static void uniqueOperationId(String service, JsonNode operation, Set<String> seen) {
        if (operation instanceof ObjectNode op && op.path("operationId").isString()) {
            var id = op.get("operationId").asString();
            if (!seen.add(id)) {
                id = service + capitalized(id);
                op.put("operationId", id);
                seen.add(id);
            }
        }
    }

    private static String capitalized(String name) {
        return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static void securitySchemes(ObjectNode schemes) {
        schemes.putObject("apiKey")
                .put("type", "apiKey")
                .put("in", "header")
                .put("name", "X-Api-Key")
                .put("description", "A partner system's key (tenant, regions and scopes are the key's)");
        schemes.putObject("bearer")
                .put("type", "http")
                .put("scheme", "bearer")
                .put("bearerFormat", "JWT")
                .put("description", "A staff member's token from the operator's identity provider");
    }
}
