package org.complaints.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 13, ADR 0286: the checked-in contract ({@code docs/openapi.json}, which {@code GeneratedClientIT}
 * proves is the one the suite serves) shows an example on every parameter, every JSON request body
 * and every JSON answer, and each example fits its schema: known properties only (where the schema
 * closes its properties), required ones present, enums, types and date formats respected.
 */
class ContractExamplesTest {

    static JsonNode document;

    @BeforeAll
    static void read() throws Exception {
        document = JsonMapper.builder().build().readTree(Files.readString(Path.of("..", "docs", "openapi.json")));
    }

    @Test
    void everyParameterBodyAndAnswerHasAnExampleThatFitsItsSchema() {
        var missing = new ArrayList<String>();
        var misfits = new ArrayList<String>();
        var operations = 0;
        for (var path : document.path("paths").properties()) {
            for (var method : path.getValue().properties()) {
                var operation = method.getValue();
                var name = method.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey();
                operations++;
                for (var parameter : operation.path("parameters")) {
                    var where = name + " parameter " + parameter.path("name").asString();
                    if (!parameter.has("example")) {
                        missing.add(where);
                    } else {
                        fit(parameter.get("example"), parameter.path("schema"), where, misfits);
                    }
                }
                var body = operation.path("requestBody").path("content").path("application/json");
                if (!body.isMissingNode()) {
                    examples(body, name + " request", missing, misfits);
                }
                for (var answer : operation.path("responses").properties()) {
                    var json = answer.getValue().path("content").path("application/json");
                    if (!answer.getKey().startsWith("2") || json.isMissingNode()) {
                        continue;
                    }
                    examples(json, name + " answer " + answer.getKey(), missing, misfits);
                }
            }
        }
        assertThat(operations).as("operations in the contract").isGreaterThan(60);
        assertThat(missing).as("without an example").isEmpty();
        assertThat(misfits).as("examples that do not fit their schema").isEmpty();
    }

    @Test
    void aMisfitIsNamedWithItsPath() {
        var json = JsonMapper.builder().build();
        var schema = json.readTree("""
                {"type": "object", "required": ["level"], "properties": {
                  "level": {"type": "string", "enum": ["GENERAL", "MAJOR"]},
                  "dueAt": {"type": "string", "format": "date-time"},
                  "tags": {"type": "array", "items": {"type": "integer"}}}}
                """);
        var misfits = new ArrayList<String>();
        fit(
                json.readTree("{\"level\": \"HUGE\", \"dueAt\": \"tomorrow\", \"tags\": [1, \"x\"], \"extra\": 1}"),
                schema,
                "ex",
                misfits);
        fit(json.readTree("{}"), schema, "empty", misfits);

        assertThat(misfits)
                .containsExactlyInAnyOrder(
                        "ex.level: \"HUGE\" is not one of [\"GENERAL\",\"MAJOR\"]",
                        "ex.dueAt: tomorrow is not a date-time",
                        "ex.tags[1]: \"x\" is not an integer",
                        "ex: unknown property extra",
                        "empty: required level missing");
    }

    /** A media type's {@code example}, or each of its named {@code examples}, fitted to its schema. */
    private static void examples(JsonNode media, String where, List<String> missing, List<String> misfits) {
        if (media.has("example")) {
            fit(media.get("example"), media.path("schema"), where, misfits);
        } else if (media.path("examples").isObject() && !media.get("examples").isEmpty()) {
            for (var named : media.get("examples").properties()) {
                fit(named.getValue().path("value"), media.path("schema"), where + " (" + named.getKey() + ")", misfits);
            }
        } else {
            missing.add(where);
        }
    }

    /** Checks {@code value} against {@code schema}, naming each misfit with its JSON path. */
    static void fit(JsonNode value, JsonNode schema, String where, List<String> misfits) {
        schema = resolve(schema);
        if (value == null || value.isNull()) {
            return; // nullable by the services' serialisation: every field may be absent or null
        }
        if (schema.has("enum") && !contains(schema.get("enum"), value)) {
            misfits.add(where + ": " + value + " is not one of " + schema.get("enum"));
            return;
        }
        var type = schema.path("type").asString("");
        switch (type) {
            case "object" -> object(value, schema, where, misfits);
            case "array" -> {
                if (!value.isArray()) {
                    misfits.add(where + ": not an array");
                    return;
                }
                for (var i = 0; i < value.size(); i++) {
                    fit(value.get(i), schema.path("items"), where + "[" + i + "]", misfits);
                }
            }
            case "string" -> string(value, schema, where, misfits);
            case "integer" -> {
                if (!value.isIntegralNumber()) {
                    misfits.add(where + ": " + value + " is not an integer");
                }
            }
            case "number" -> {
                if (!value.isNumber()) {
                    misfits.add(where + ": " + value + " is not a number");
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    misfits.add(where + ": " + value + " is not a boolean");
                }
            }
            default -> {
                if (schema.has("properties")) {
                    object(value, schema, where, misfits);
                }
            }
        }
    }

    private static void object(JsonNode value, JsonNode schema, String where, List<String> misfits) {
        if (!value.isObject()) {
            misfits.add(where + ": not an object");
            return;
        }
        var properties = schema.path("properties");
        var open = !properties.isObject() || properties.isEmpty() || schema.has("additionalProperties");
        for (var field : value.properties()) {
            if (properties.has(field.getKey())) {
                fit(field.getValue(), properties.get(field.getKey()), where + "." + field.getKey(), misfits);
            } else if (schema.path("additionalProperties").isObject()) {
                fit(field.getValue(), schema.get("additionalProperties"), where + "." + field.getKey(), misfits);
            } else if (!open) {
                misfits.add(where + ": unknown property " + field.getKey());
            }
        }
        for (var required : schema.path("required")) {
            if (!value.has(required.asString())) {
                misfits.add(where + ": required " + required.asString() + " missing");
            }
        }
    }

    private static void string(JsonNode value, JsonNode schema, String where, List<String> misfits) {
        if (!value.isString()) {
            misfits.add(where + ": " + value + " is not a string");
            return;
        }
        var text = value.asString();
        try {
            switch (schema.path("format").asString("")) {
                case "date-time" -> OffsetDateTime.parse(text);
                case "date" -> LocalDate.parse(text);
                default -> {
                    // free text
                }
            }
        } catch (java.time.format.DateTimeParseException e) {
            misfits.add(
                    where + ": " + text + " is not a " + schema.path("format").asString());
        }
        if (schema.has("maxLength") && text.length() > schema.get("maxLength").asInt()) {
            misfits.add(where + ": longer than " + schema.get("maxLength").asInt());
        }
    }

    private static boolean contains(JsonNode values, JsonNode value) {
        for (var v : values) {
            if (v.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode resolve(JsonNode schema) {
        var seen = 0;
        while (schema.has("$ref") && seen++ < 10) {
            var ref = schema.get("$ref").asString();
            schema = document.at(ref.substring(1));
        }
        if (schema.has("allOf") && schema.get("allOf").size() == 1) {
            return resolve(schema.get("allOf").get(0));
        }
        return schema;
    }
}
