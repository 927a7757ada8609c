package org.complaints.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaints.gateway.e2e.Await.text;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * OT-02 / OT-03 across intake, compensation and routing, through the gateway: a customer's second
 * complaint shows what the first one's handlers promised and agreed while it is open, and its
 * handler cannot propose a solution without acknowledging each of those items (ADR 0122).
 */
class RepeatComplaintIT {

    static RunningSuite suite;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = RunningSuite.get();
    }

    @Test
    @DisplayName(
            "OT-02: the repeat complaint lists the earlier open promise and agreement; proposing without acknowledging them → 422 naming both, with them → SOLUTION_PROPOSED")
    void repeatComplaintShowsAndRequiresWhatWasPromised() throws Exception {
        var partner = Api.partner(suite, RunningSuite.TIMED_KEY);
        var desk = Api.staff(suite, "timed.desk");
        var customer = "c-" + System.nanoTime();

        var first = TimedWorkIT.file(partner, TimedWorkIT.customerBody(customer, "洗衣机噪音大", null));
        var firstCase = respondedCase(partner, desk, first);
        var promised =
                desk.post("/api/v1/complaints/" + first + "/promises", Map.of("text", "三天内上门检修", "dueIn", "P2D"));
        assertThat(promised.status()).as(promised.toString()).isEqualTo(201);
        var promiseId = text(promised.json(), "promiseId");
        var agreementId = agreedVoucher(desk, firstCase);

        var filed = partner.with("Idempotency-Key", Complaints.key())
                .post("/api/v1/complaints", TimedWorkIT.customerBody(customer, "检修没有上门", null));
        assertThat(filed.status()).as(filed.toString()).isEqualTo(201);
        assertThat(filed.json().get("linkedComplaints").toString()).contains(first);
        assertThat(filed.json().get("earlierCommitments").toString())
                .as("intake's own promise, at once")
                .contains(promiseId);
        var second = text(filed.json(), "id");
        var view = Await.until(
                desk,
                "/api/v1/complaints/" + second,
                c -> c.get("earlierCommitments").toString().contains(agreementId));
        assertThat(view.get("earlierCommitments").toString()).contains("三天内上门检修", "VOUCHER");

        var secondCase = respondedCase(partner, desk, second);
        var refused = desk.post("/api/v1/cases/" + secondCase + "/solution", Map.of("reason", "replace the drum"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("type").asText()).endsWith("earlier-commitments-not-acknowledged");
        assertThat(refused.body()).contains(promiseId, agreementId);
        assertThat(text(partner.get("/api/v1/cases/" + secondCase).json(), "state"))
                .as("nothing changed")
                .isEqualTo("RESPONDED");

        var proposed = desk.post(
                "/api/v1/cases/" + secondCase + "/solution",
                Map.of("reason", "replace the drum", "acknowledged", List.of(promiseId, agreementId)));
        assertThat(proposed.status()).as(proposed.toString()).isEqualTo(200);
        assertThat(text(proposed.json(), "state")).isEqualTo("SOLUTION_PROPOSED");
        assertThat(proposed.json().get("acknowledgements")).hasSize(2);
    }

    /** Files nothing: takes the complaint's case to RESPONDED (accepted, customer contacted); its id. */
    private static String respondedCase(Api partner, Api desk, String complaintId) throws Exception {
        var caseId = TimedWorkIT.caseId(partner, complaintId);
        assertThat(desk.post("/api/v1/cases/" + caseId + "/acceptance", Map.of())
                        .status())
                .isEqualTo(200);
        assertThat(desk.post("/api/v1/cases/" + caseId + "/contacts", Map.of("channel", "PHONE", "note", "called"))
                        .status())
                .isEqualTo(200);
        return caseId;
    }

    /** A voucher within the desk's authority, approved at once and accepted by the customer: the agreement's id. */
    private static String agreedVoucher(Api desk, String caseId) throws Exception {
        var proposed = desk.post(
                "/api/v1/compensations",
                Map.of(
                        "caseId",
                        caseId,
                        "options",
                        List.of(Map.of(
                                "kind",
                                "VOUCHER",
                                "amount",
                                Map.of("amount", "80", "currency", "CNY"),
                                "rationale",
                                "two missed visits")),
                        "customerRef",
                        "id:c-" + System.nanoTime()));
        assertThat(proposed.status()).as(proposed.toString()).isEqualTo(201);
        var id = text(proposed.json(), "compensationId");
        var optionId = text(proposed.json().get("options").get(0), "optionId");
        var consent =
                desk.post("/api/v1/compensations/" + id + "/consent", Map.of("optionId", optionId, "accepted", true));
        assertThat(consent.status()).as(consent.toString()).isEqualTo(200);
        return id;
    }
}
