package org.complaints.support.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Examples from the demo tenants on every operation (issue 13, ADR 0286), read from the service's
 * {@code openapi/examples.json}: {@code parameters} by name (an operation may override one),
 * {@code operations.<operationId>.request} for its JSON body, and {@code answers.<schema>} for every
 * JSON answer of that schema (a list answer shows a list of one). Kept as data beside the service,
 * so an example changes with the resource it shows and the checked-in document shows the diff.
 */
class ApiExamples implements GlobalOpenApiCustomizer {

    static final String RESOURCE = "openapi/examples.json";
    private static final String JSON = "application/json";
    private static final String REF = "#/components/schemas/";

    private final JsonNode examples;
    private final JsonMapper mapper = JsonMapper.builder().build();

    ApiExamples(JsonNode examples) {
        this.examples = examples;
    }

    /** The service's examples, or none when it has no {@value #RESOURCE}. */
    static ApiExamples load(ClassLoader loader) {
        try (var in = loader.getResourceAsStream(RESOURCE)) {
            return new ApiExamples(
                    in == null ? null : JsonMapper.builder().build().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void customise(OpenAPI openApi) {
        if (examples == null || openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().values().forEach(path -> path.readOperations().forEach(this::exemplify));
    }

    private void exemplify(Operation operation) {
        var own = examples.path("operations").path(String.valueOf(operation.getOperationId()));
        if (operation.getParameters() != null) {
            for (var parameter : operation.getParameters()) {
                var value = own.path("parameters").path(parameter.getName());
                if (value.isMissingNode()) {
                    value = examples.path("parameters").path(parameter.getName());
                }
                if (!value.isMissingNode() && parameter.getExample() == null) {
                    parameter.setExample(plain(value));
                }
            }
        }
        var request = own.path("request");
        if (!request.isMissingNode() && operation.getRequestBody() != null) {
            media(operation.getRequestBody().getContent()).stream()
                    .filter(m -> m.getExamples() == null || m.getExamples().isEmpty())
                    .forEach(m -> m.setExample(plain(request)));
        }
        if (operation.getResponses() != null) {
            var answer = own.path("answer");
            operation.getResponses().forEach((status, response) -> {
                if (status.startsWith("2")) {
                    media(response.getContent()).forEach(media -> {
                        if (!answer.isMissingNode() && media.getExample() == null) {
                            media.setExample(plain(answer));
                        }
                        answer(media);
                    });
                }
            });
        }
    }

    /** The example of the answer's schema, or of its items for a list. */
    private void answer(MediaType media) {
        var schema = media.getSchema();
        if (schema == null || media.getExample() != null || media.getExamples() != null) {
            return;
        }
        var single = example(schema);
        if (single != null) {
            media.setExample(plain(single));
        } else if (schema.getItems() != null && example(schema.getItems()) != null) {
            media.setExample(List.of(plain(example(schema.getItems()))));
        }
    }

    private JsonNode example(Schema<?> schema) {
        var ref = schema.get$ref();
        if (ref == null || !ref.startsWith(REF)) {
            return null;
        }
        var found = examples.path("answers").path(ref.substring(REF.length()));
        return found.isMissingNode() ? null : found;
    }

    private static List<MediaType> media(Content content) {
        if (content == null) {
            return List.of();
        }
        return content.entrySet().stream()
                .filter(e -> e.getKey().startsWith(JSON))
                .map(Map.Entry::getValue)
                .toList();
    }

    /** Plain Java values, which the document's own serializer writes as JSON. */
    private Object plain(JsonNode node) {
        return mapper.convertValue(node, Object.class);
    }
}
