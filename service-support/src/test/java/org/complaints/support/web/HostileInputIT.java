package org.complaints.support.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 12, hostile input: every refusal is a 400/4xx problem+json naming the JSON pointer, never a
 * 500, never a Java type, and nothing reaches the store. Runs the real converters and advice
 * (identity filters are not part of this check).
 */
@ActiveProfiles("test")
@SpringBootTest
class HostileInputIT {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    WebApplicationContext context;

    @Autowired
    MongoTemplate mongo;

    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).build();
        mongo.remove(new org.springframework.data.mongodb.core.query.Query(), "hostile_free");
        mongo.remove(new org.springframework.data.mongodb.core.query.Query(), "hostile_typed");
        HostileInputController.MONEY_BUILT.set(0);
    }

    @Test
    @DisplayName("a 200-deep nested value in a free map is refused before it is stored")
    void deepNestingIsRefused() throws Exception {
        var body = "{\"demand\":" + "{\"a\":".repeat(200) + "1" + "}".repeat(200) + "}";
        var problem = refused(postJson("/hostile/free", body), 400);
        assertThat(problem.get("detail").asString()).contains("nested deeper than 32");
        assertNothingStored();
    }

    @Test
    @DisplayName("keys starting with $ or containing . are refused anywhere in the body")
    void mongoOperatorKeysAreRefused() throws Exception {
        var dollar = refused(postJson("/hostile/free", "{\"demand\":{\"items\":[{\"$where\":\"1\"}]}}"), 400);
        assertThat(dollar.get("fields").get(0).get("field").asString()).isEqualTo("/demand/items/0/$where");
        var dotted = refused(postJson("/hostile/free", "{\"demand\":{\"a.b\":1}}"), 400);
        assertThat(dotted.get("fields").get(0).get("field").asString()).isEqualTo("/demand/a.b");
        refused(postJson("/hostile/typed", "{\"name\":\"x\",\"$set\":{\"name\":\"y\"}}"), 400);
        assertNothingStored();
    }

    @Test
    @DisplayName("1e3000000 is refused from its exponent, before the amount is rescaled")
    void hugeExponentIsRefusedBeforeAnyArithmetic() throws Exception {
        var problem = refused(
                postJson("/hostile/typed", typed("\"money\":{\"amount\":1e3000000,\"currency\":\"CNY\"}")), 400);
        assertThat(problem.get("fields").get(0).get("field").asString()).isEqualTo("/money/amount");
        refused(postJson("/hostile/typed", typed("\"money\":{\"amount\":\"1e3000000\",\"currency\":\"CNY\"}")), 400);
        assertThat(HostileInputController.MONEY_BUILT)
                .as("no Money was constructed")
                .hasValue(0);
        assertNothingStored();
    }

    @Test
    @DisplayName("amounts beyond Decimal128 or with too many decimals are refused")
    void amountsBeyondDecimal128AreRefused() throws Exception {
        refused(
                postJson(
                        "/hostile/typed",
                        typed("\"money\":{\"amount\":12345678901234567890123456789012345678,\"currency\":\"CNY\"}")),
                400);
        refused(postJson("/hostile/typed", typed("\"money\":{\"amount\":0.0000000001,\"currency\":\"CNY\"}")), 400);
        refused(
                postJson(
                        "/hostile/typed", typed("\"money\":{\"amount\":1" + "0".repeat(60) + ",\"currency\":\"CNY\"}")),
                400);
        assertNothingStored();
        var ok = mvc.perform(postJson("/hostile/typed", typed("\"money\":{\"amount\":\"20.5\",\"currency\":\"CNY\"}")))
                .andReturn();
        assertThat(ok.getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    @DisplayName("a year of 999999999, a year before 2000 and an unparsable date are refused in bodies and parameters")
    void outOfRangeInstantsAreRefused() throws Exception {
        var far = refused(postJson("/hostile/typed", typed("\"at\":\"+999999999-01-01T00:00:00Z\"")), 400);
        assertThat(far.get("fields").get(0).get("field").asString()).isEqualTo("/at");
        refused(postJson("/hostile/typed", typed("\"at\":\"1969-12-31T23:59:59Z\"")), 400);
        refused(postJson("/hostile/typed", typed("\"at\":\"yesterday\"")), 400);
        refused(postJson("/hostile/typed", typed("\"at\":1700000000")), 400);
        refused(
                get("/hostile/search")
                        .param("from", "+999999999-01-01T00:00:00Z")
                        .header("X-Token", "t"),
                400);
        var ok = mvc.perform(postJson("/hostile/typed", typed("\"at\":\"2026-05-01T08:00:00+08:00\"")))
                .andReturn();
        assertThat(ok.getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    @DisplayName("an unknown field is a 400 naming its JSON pointer")
    void unknownFieldIsNamed() throws Exception {
        var problem = refused(postJson("/hostile/typed", typed("\"receivdAt\":\"2026-01-01T00:00:00Z\"")), 400);
        assertThat(problem.get("fields").get(0).get("field").asString()).isEqualTo("/receivdAt");
        var nested = refused(
                postJson("/hostile/typed", typed("\"lines\":[{\"text\":\"a\",\"quantity\":1,\"qty\":2}]")), 400);
        assertThat(nested.get("fields").get(0).get("field").asString()).isEqualTo("/lines/0/qty");
    }

    @Test
    @DisplayName("wrong types, nulls for primitives and coercions are refused without naming a Java type")
    void wrongTypesAreRefusedWithoutJavaNames() throws Exception {
        refused(postJson("/hostile/typed", typed("\"count\":\"5\"")), 400);
        refused(postJson("/hostile/typed", typed("\"count\":1.5")), 400);
        refused(postJson("/hostile/typed", typed("\"count\":null")), 400);
        refused(postJson("/hostile/typed", typed("\"count\":99999999999999")), 400);
        refused(postJson("/hostile/typed", typed("\"urgent\":\"yes\"")), 400);
        refused(postJson("/hostile/typed", typed("\"kind\":0")), 400);
        refused(postJson("/hostile/typed", typed("\"kind\":\"CARRIER_PIGEON\"")), 400);
        refused(postJson("/hostile/typed", typed("\"name\":42")), 400);
        refused(postJson("/hostile/typed", typed("\"lines\":{\"text\":\"a\"}")), 400);
        refused(postJson("/hostile/typed", "[1,2,3]"), 400);
        refused(postJson("/hostile/typed", "{\"name\":\"a\"} {\"name\":\"b\"}"), 400);
        refused(postJson("/hostile/typed", "{\"name\":\"a\",\"name\":\"b\"}"), 400);
        refused(postJson("/hostile/typed", "{\"name\":"), 400);
    }

    @Test
    @DisplayName("long strings, long keys and huge arrays are refused")
    void oversizedValuesAreRefused() throws Exception {
        refused(postJson("/hostile/typed", typed("\"name\":\"" + "x".repeat(20_001) + "\"")), 400);
        refused(postJson("/hostile/free", "{\"" + "k".repeat(101) + "\":1}"), 400);
        refused(postJson("/hostile/free", "{\"a\":[" + "1,".repeat(1_000) + "1]}"), 400);
        assertNothingStored();
    }

    @Test
    @DisplayName("every Spring MVC refusal is a problem detail: media type, method, header, parameter type, path")
    void mvcRefusalsAreProblems() throws Exception {
        refused(post("/hostile/typed").contentType(MediaType.TEXT_PLAIN).content("x"), 415);
        refused(put("/hostile/typed").contentType(MediaType.APPLICATION_JSON).content("{}"), 405);
        refused(get("/hostile/search").param("from", "2026-01-01T00:00:00Z"), 400);
        refused(
                get("/hostile/search")
                        .param("from", "2026-01-01T00:00:00Z")
                        .param("limit", "ten")
                        .header("X-Token", "t"),
                400);
        refused(get("/hostile/search").header("X-Token", "t"), 400);
        refused(get("/hostile/nothing-here"), 404);
        refused(postJson("/hostile/typed", ""), 400);
    }

    private static String typed(String field) {
        return "{\"name\":\"n\",\"kind\":\"REPAIR\",\"count\":1,\"urgent\":false," + field + "}";
    }

    private static RequestBuilder postJson(String path, String body) {
        return post(path).contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private JsonNode refused(RequestBuilder request, int status) throws Exception {
        MvcResult result = mvc.perform(request).andReturn();
        var response = result.getResponse();
        var body = response.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(response.getStatus()).as(body).isEqualTo(status);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(body)
                .as("no Java type or package in the problem")
                .doesNotContainPattern("java\\.|tools\\.jackson|org\\.complaints|org\\.springframework|`")
                .doesNotContain("Exception")
                .doesNotContain("HostileInputController");
        var problem = JSON.readTree(body);
        assertThat(problem.get("type").asString()).startsWith(ProblemException.TYPE_BASE);
        return problem;
    }

    private void assertNothingStored() {
        assertThat(mongo.getCollection("hostile_free").countDocuments()).isZero();
        assertThat(mongo.getCollection("hostile_typed").countDocuments()).isZero();
    }
}
