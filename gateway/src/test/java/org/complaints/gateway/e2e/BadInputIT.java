package org.complaints.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 2: bad input gets a problem detail naming what is wrong, never a 500. */
class BadInputIT {

    static RunningSuite suite;
    static Api partner;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = RunningSuite.get();
        partner = Api.partner(suite, "demo-dealer-crm-key");
    }

    @Test
    void missingMandatoryFieldIsNamed() throws Exception {
        var answer = partner.with("Idempotency-Key", Complaints.key())
                .post("/api/v1/complaints", Complaints.without(Complaints.walkIn("sh-minhang", "x"), "customer"));
        assertThat(answer.status()).isIn(400, 422);
        assertProblemNaming(answer, "customer");
    }

    @Test
    void unknownChannelIsNamed() throws Exception {
        var answer = partner.with("Idempotency-Key", Complaints.key())
                .post(
                        "/api/v1/complaints",
                        Complaints.with(Complaints.walkIn("sh-minhang", "x"), "channel", "CARRIER_PIGEON"));
        assertThat(answer.status()).isIn(400, 422);
        assertProblemNaming(answer, "channel");
    }

    @Test
    void malformedJsonIsBadRequest() throws Exception {
        var answer = partner.with("Idempotency-Key", Complaints.key())
                .postRaw("/api/v1/complaints", "{\"channel\": \"WALK_IN\", ", "application/json");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    @Test
    void oversizedBodyIsRefused() throws Exception {
        var huge = "{\"content\": \"" + "投".repeat(600_000) + "\"}";
        var answer = partner.with("Idempotency-Key", Complaints.key())
                .postRaw("/api/v1/complaints", huge, "application/json");
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    @Test
    void wrongContentTypeIsUnsupported() throws Exception {
        var answer = partner.with("Idempotency-Key", Complaints.key())
                .postRaw("/api/v1/complaints", "channel=WALK_IN", "application/x-www-form-urlencoded");
        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    @Test
    void siteOfAnotherTenantIsRefusedAndNothingStored() throws Exception {
        var answer = partner.with("Idempotency-Key", Complaints.key())
                .post("/api/v1/complaints", Complaints.walkIn("gz-tianhe", "site of another tenant"));
        assertThat(answer.status()).isIn(400, 404, 422);
        assertProblemNaming(answer, "site");
    }

    private static void assertProblemNaming(Api.Answer answer, String field) {
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body()).as("the problem names the field").contains(field);
        assertThat(answer.json().get("type").asText()).isNotBlank();
    }
}
