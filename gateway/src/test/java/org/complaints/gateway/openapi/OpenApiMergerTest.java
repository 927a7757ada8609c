package org.complaints.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class OpenApiMergerTest {

    final JsonMapper json = JsonMapper.builder().build();
    final OpenApiMerger merger = new OpenApiMerger(json);

    @Test
    void shouldPrefixPathsAndPoolSchemas() {
        var docs = new HashMap<String, tools.jackson.databind.JsonNode>();
        docs.put("intake", json.readTree("""
                {"paths": {"/complaints": {"post": {}}},
                 "components": {"schemas": {"Problem": {"title": "intake"}, "Complaint": {}}}}
                """));
        docs.put("routing", json.readTree("""
                {"paths": {"/cases/{id}": {"get": {}}},
                 "components": {"schemas": {"Problem": {"title": "routing"}}}}
                """));

        var merged = merger.merge(docs);

        assertThat(merged.path("paths").propertyNames())
                .containsExactlyInAnyOrder("/api/v1/complaints", "/api/v1/cases/{id}");
        assertThat(merged.at("/components/schemas/Complaint").isObject()).isTrue();
        assertThat(merged.at("/components/schemas/Problem/title").asString())
                .as("first service in name order keeps a shared name")
                .isEqualTo("intake");
        assertThat(merged.path("x-unavailable").isEmpty()).isTrue();
        assertThat(merged.at("/components/securitySchemes/apiKey/name").asString())
                .isEqualTo("X-Api-Key");
    }

    @Test
    void shouldKeepBothSchemasWhenTwoServicesUseOneNameDifferently() {
        var docs = new HashMap<String, tools.jackson.databind.JsonNode>();
        docs.put("compensation", json.readTree("""
                {"paths": {"/compensations": {"get": {"operationId": "list",
                   "responses": {"200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/View"}}}}}}}},
                 "components": {"schemas": {"View": {"required": ["compensationId"]}, "Problem": {"type": "object"}}}}
                """));
        docs.put("followup", json.readTree("""
                {"paths": {"/follow-ups": {"get": {"operationId": "list",
                   "responses": {"200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/View"}}}}}}}},
                 "components": {"schemas": {"View": {"required": ["followUpId"]}, "Problem": {"type": "object"}}}}
                """));

        var merged = merger.merge(docs);

        assertThat(merged.at("/components/schemas").propertyNames()).containsExactly("FollowupView", "Problem", "View");
        assertThat(merged.at("/components/schemas/FollowupView/required/0").asString())
                .isEqualTo("followUpId");
        assertThat(merged.at("/paths/~1api~1v1~1follow-ups/get/responses/200/content/application~1json/schema/$ref")
                        .asString())
                .isEqualTo("#/components/schemas/FollowupView");
        assertThat(merged.at("/paths/~1api~1v1~1compensations/get/operationId").asString())
                .isEqualTo("list");
        assertThat(merged.at("/paths/~1api~1v1~1follow-ups/get/operationId").asString())
                .as("a repeated operationId is made unique, never dropped")
                .isEqualTo("followupList");
    }

    @Test
    void shouldNeverPublishInternalPaths() {
        var docs = new HashMap<String, tools.jackson.databind.JsonNode>();
        docs.put("routing", json.readTree("""
                {"paths": {"/cases/{id}": {"get": {}}, "/internal/v1/cases": {"post": {}}}}
                """));

        assertThat(merger.merge(docs).path("paths").propertyNames()).containsExactly("/api/v1/cases/{id}");
    }

    @Test
    void shouldListServicesWithoutADocumentAsUnavailable() {
        var docs = new HashMap<String, tools.jackson.databind.JsonNode>();
        docs.put("followup", null);
        docs.put("compensation", json.readTree("{\"error\": \"not springdoc\"}"));

        var merged = merger.merge(docs);

        assertThat(merged.path("x-unavailable").valueStream().map(n -> n.asString()))
                .containsExactly("compensation", "followup");
        assertThat(merged.path("paths").isEmpty()).isTrue();
    }
}
