package org.complaints.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Issue 2: a complaint travels gateway → intake → routing, and back out to a staff member. */
class ComplaintJourneyIT {

    static RunningSuite suite;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = RunningSuite.get();
    }

    @Test
    void partnerFilesAComplaintAndStaffReadsItWithItsRoutingState() throws Exception {
        var partner = Api.partner(suite, "demo-dealer-crm-key").with("Idempotency-Key", Complaints.key());
        var filed = partner.post("/api/v1/complaints", Complaints.walkIn("sh-minhang", "发动机异响，修了两次还没好"));

        assertThat(filed.status()).as(filed.toString()).isEqualTo(201);
        var id = filed.json().get("id").asText();
        assertThat(filed.json().get("level").asText()).isNotBlank();

        var staff = Api.staff(suite, "dealer.director");
        var read = awaitRouted(staff, id);
        var routing = read.json().get("routing");
        assertThat(routing.get("caseId").asText()).isNotBlank();
        assertThat(routing.get("owner").asText()).isNotBlank();
        assertThat(routing.get("deadlines").isEmpty()).isFalse();
    }

    @Test
    void callsWithoutCredentialsAreUnauthorized() throws Exception {
        var answer = Api.anonymous(suite).get("/api/v1/complaints/anything");
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    @Test
    @DisplayName("a client-sent identity header is ignored: it neither authenticates nor changes the tenant")
    void forgedIdentityHeaderIsIgnored() throws Exception {
        var dealer = Api.partner(suite, "demo-dealer-crm-key").with("Idempotency-Key", Complaints.key());
        var id = dealer.post("/api/v1/complaints", Complaints.walkIn("sh-minhang", "forged header check"))
                .json()
                .get("id")
                .asText();
        var forged = IdentityForgery.signedWithTheRealSecret("demo-dealer");

        var anonymousWithHeader =
                Api.anonymous(suite).with("X-Complaints-Identity", forged).get("/api/v1/complaints/" + id);
        assertThat(anonymousWithHeader.status()).isEqualTo(401);

        var otherTenantWithHeader = Api.partner(suite, "demo-generic-hotline-key")
                .with("X-Complaints-Identity", forged)
                .get("/api/v1/complaints/" + id);
        assertThat(otherTenantWithHeader.status()).isEqualTo(404);
    }

    @Test
    void tenantsCannotReadEachOthersComplaints() throws Exception {
        var dealer = Api.partner(suite, "demo-dealer-crm-key").with("Idempotency-Key", Complaints.key());
        var id = dealer.post("/api/v1/complaints", Complaints.walkIn("sh-minhang", "tenant isolation"))
                .json()
                .get("id")
                .asText();

        var other = Api.partner(suite, "demo-retail-ticket-key").get("/api/v1/complaints/" + id);
        assertThat(other.status()).isEqualTo(404);
        assertThat(Api.partner(suite, "demo-dealer-crm-key")
                        .get("/api/v1/complaints/" + id)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void retryWithTheSameKeyReturnsTheFirstComplaintAndAnotherBodyConflicts() throws Exception {
        var key = Complaints.key();
        var partner = Api.partner(suite, "demo-dealer-crm-key").with("Idempotency-Key", key);
        var body = Complaints.walkIn("sh-minhang", "idempotent retry");

        var first = partner.post("/api/v1/complaints", body);
        var retry = partner.post("/api/v1/complaints", body);
        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isBetween(200, 201);
        assertThat(retry.json().get("id").asText())
                .isEqualTo(first.json().get("id").asText());

        var other = partner.post("/api/v1/complaints", Complaints.with(body, "content", "another text"));
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.contentType()).startsWith("application/problem+json");
    }

    static Api.Answer awaitRouted(Api api, String id) throws Exception {
        var deadline = Instant.now().plus(Duration.ofSeconds(60));
        Api.Answer last = null;
        while (Instant.now().isBefore(deadline)) {
            last = api.get("/api/v1/complaints/" + id);
            var routing = last.status() == 200 ? last.json().get("routing") : null;
            if (routing != null && routing.hasNonNull("caseId")) {
                return last;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("complaint " + id + " was not routed in time: " + last);
    }
}
