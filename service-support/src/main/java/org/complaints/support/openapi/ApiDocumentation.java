package org.complaints.support.openapi;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.complaints.support.identity.CallerIdentity;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;

/**
 * What every service's OpenAPI document says the same way (issue 13: the document is the partner
 * contract, ADR 0280): the verified caller is never a parameter, every operation lists the problem
 * answers it can give as {@code application/problem+json} ({@code Problem}), conditional writes
 * document {@code If-Match} and 412, and the service's own management-port server is not
 * published (the gateway's document names the public one).
 */
@AutoConfiguration
@ConditionalOnClass(SpringDocUtils.class)
public class ApiDocumentation {

    public static final String PROBLEM_JSON = "application/problem+json";
    static final String PROBLEM = "Problem";

    static {
        // Resolved from the verified identity header (CallerArgumentResolver), never sent by a client.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(CallerIdentity.class);
    }

    private static final Map<String, String> ALWAYS = Map.of(
            "400", "Malformed request or parameter (the problem's `fields` name them).",
            "401", "No valid API key or staff token (answered by the gateway).",
            "403", "The caller's scopes or roles do not allow this.",
            "404", "Not found, or outside the caller's tenant, regions and sites.",
            "429", "Over the partner's quota (answered by the gateway; see `Retry-After`).",
            "503", "The service or one it depends on is unavailable; nothing was changed, retry later.");
    private static final Map<String, String> WRITES = Map.of(
            "409", "Conflicts with the resource's state or a concurrent write; reload and decide again.",
            "422", "Well-formed but refused by a business rule (the problem's `type` and `detail` say which).");

    @Bean
    GlobalOperationCustomizer problemAnswers() {
        return (operation, handler) -> {
            var writes =
                    handler.hasMethodAnnotation(PostMapping.class) || handler.hasMethodAnnotation(PutMapping.class);
            var responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
            ALWAYS.forEach((status, text) -> problem(responses, status, text));
            if (writes) {
                WRITES.forEach((status, text) -> problem(responses, status, text));
            }
            if (header(operation, "If-Match") != null) {
                header(operation, "If-Match")
                        .description("The `ETag` of the version this change is based on; a newer version answers 412.");
                problem(responses, "412", "`If-Match` names an older version; reload and decide again.");
            }
            operation.setResponses(sorted(responses));
            return operation;
        };
    }

    /** The demo tenants' examples of the service's {@code openapi/examples.json} (ADR 0286). */
    @Bean
    GlobalOpenApiCustomizer apiExamples() {
        return ApiExamples.load(ApiDocumentation.class.getClassLoader());
    }

    /** The RFC 9457 body every service answers errors with (ProblemDetailsAdvice). */
    @Bean
    GlobalOpenApiCustomizer problemSchema() {
        return openApi -> {
            openApi.setServers(null);
            var field = new ObjectSchema()
                    .addProperty("field", new StringSchema().description("JSON pointer, parameter or header name"))
                    .addProperty("message", new StringSchema());
            var problem = new ObjectSchema()
                    .description("RFC 9457 problem details.")
                    .addProperty(
                            "type",
                            new StringSchema()
                                    .format("uri")
                                    .example("https://complaints.example.org/problems/validation-failed"))
                    .addProperty("title", new StringSchema())
                    .addProperty("status", new IntegerSchema().format("int32"))
                    .addProperty("detail", new StringSchema())
                    .addProperty("instance", new StringSchema().format("uri"))
                    .addProperty("requestId", new StringSchema())
                    .addProperty("fields", new ArraySchema().items(field));
            problem.setRequired(List.of("type", "status"));
            openApi.getComponents().addSchemas(PROBLEM, problem);
        };
    }

    private static void problem(ApiResponses responses, String status, String description) {
        if (responses.containsKey(status)) {
            return;
        }
        var body = new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM));
        responses.addApiResponse(
                status,
                new ApiResponse().description(description).content(new Content().addMediaType(PROBLEM_JSON, body)));
    }

    private static Parameter header(Operation operation, String name) {
        return operation.getParameters() == null
                ? null
                : operation.getParameters().stream()
                        .filter(p -> "header".equals(p.getIn()) && name.equalsIgnoreCase(p.getName()))
                        .findFirst()
                        .orElse(null);
    }

    private static ApiResponses sorted(ApiResponses responses) {
        var ordered = new ApiResponses();
        new TreeMap<>(new LinkedHashMap<>(responses)).forEach(ordered::addApiResponse);
        return ordered;
    }
}
