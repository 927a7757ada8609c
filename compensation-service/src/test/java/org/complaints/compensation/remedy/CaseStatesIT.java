package org.complaints.compensation.remedy;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: one state table. Compensation refuses (409 naming the state) a command whose routing
 * action routing's case view does not list in {@code allowedActions}, stores nothing and queues no
 * event, instead of relaying an event routing would reject.
 */
class CaseStatesIT extends CompensationTestSupport {

    static final List<String> AWAITING_CONSENT =
            List.of("ASSIGN", "LOG_CONTACT", "URGE", "OFFER_REJECTED", "AGREE", "NOT_ESTABLISHED", "MESSAGE");
    static final List<String> SOLUTION_PROPOSED = List.of(
            "ASSIGN", "LOG_CONTACT", "URGE", "PROPOSE", "REQUEST_APPROVAL", "OFFER", "OFFER_REJECTED", "RESOLVE");
    static final List<String> RESPONDED =
            List.of("ASSIGN", "LOG_CONTACT", "URGE", "INVESTIGATE", "PROPOSE", "REQUEST_APPROVAL", "OFFER", "RESOLVE");
    static final List<String> CLOSED = List.of("REOPEN");
    static final List<String> AGREED = List.of("ASSIGN", "LOG_CONTACT", "URGE", "IMPLEMENT", "RESOLVE");
    static final List<String> PENDING_APPROVAL =
            List.of("ASSIGN", "LOG_CONTACT", "URGE", "PROPOSE", "OFFER", "NOT_ESTABLISHED", "MESSAGE");

    @Test
    @DisplayName(
            "a proposal while the case awaits the customer's consent → 409 naming the state; nothing stored or relayed")
    void proposalRefusedWhereRoutingRefusesPropose() throws Exception {
        var caseId = "k-" + UUID.randomUUID();
        caseInState(caseId, "AWAITING_CUSTOMER_CONSENT", "cd-counter-1", "west", AWAITING_CONSENT);

        var answer = propose(staff("agent-1", "cs-specialist"), caseId, List.of(option("VOUCHER", "50")));

        assertThat(answer.statusCode()).isEqualTo(409);
        assertThat(answer.body()).contains("AWAITING_CUSTOMER_CONSENT").contains("case-state");
        assertThat(json(read(staff("m", "cs-manager"), "/compensations?caseId=" + caseId)))
                .isEmpty();
        relay.relayDue(500);
        assertThat(events(caseId)).isEmpty();
    }

    @Test
    @DisplayName(
            "without allowedActions (older routing) a proposal falls back to the states routing's PROPOSE starts from")
    void fallbackToAllowedCaseStates() throws Exception {
        var caseId = "k-" + UUID.randomUUID();
        caseInState(caseId, "PENDING_APPROVAL", "cd-counter-1", "west", null);
        var refused = propose(staff("agent-1", "cs-specialist"), caseId, List.of(option("VOUCHER", "50")));
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("PENDING_APPROVAL");

        caseInState(caseId, "INVESTIGATING", "cd-counter-1", "west", null);
        assertThat(propose(staff("agent-1", "cs-specialist"), caseId, List.of(option("VOUCHER", "50")))
                        .statusCode())
                .isEqualTo(201);
    }

    @Test
    @DisplayName("consent in a state without AGREE or OFFER → 409; no agreement stored, no event queued")
    void consentRefusedWhereRoutingRefusesAgree() throws Exception {
        var caseId = "k-" + UUID.randomUUID();
        caseInState(caseId, "RESPONDED", "cd-counter-1", "west", RESPONDED);
        var id = json(propose(staff("agent-1", "cs-specialist"), caseId, List.of(option("VOUCHER", "50"))))
                .get("compensationId")
                .asText();
        relay.relayDue(500);
        var before = events(caseId).size();

        caseInState(caseId, "AGREED", "cd-counter-1", "west", AGREED);
        var answer = postJson(
                staff("agent-1", "cs-specialist"),
                "/compensations/" + id + "/consent",
                Map.of("optionId", optionId(id, 0), "accepted", true));

        assertThat(answer.statusCode()).isEqualTo(409);
        assertThat(answer.body()).contains("AGREED");
        assertThat(view(id).get("agreement").isNull()).isTrue();
        relay.relayDue(500);
        assertThat(events(caseId)).hasSize(before);
    }

    @Test
    @DisplayName("a rejection needs OFFER_REJECTED: refused on a closed case")
    void rejectionRefusedOnClosedCase() throws Exception {
        var caseId = "k-" + UUID.randomUUID();
        caseInState(caseId, "RESPONDED", "cd-counter-1", "west", RESPONDED);
        var id = json(propose(staff("agent-1", "cs-specialist"), caseId, List.of(option("VOUCHER", "50"))))
                .get("compensationId")
                .asText();
        caseInState(caseId, "CLOSED", "cd-counter-1", "west", CLOSED);
        var answer = postJson(
                staff("agent-1", "cs-specialist"),
                "/compensations/" + id + "/consent",
                Map.of("optionId", optionId(id, 0), "accepted", false, "customerWants", "全额退款"));
        assertThat(answer.statusCode()).isEqualTo(409);
        assertThat(answer.body()).contains("CLOSED");
        assertThat(view(id).get("rejections")).isEmpty();
    }

    @Test
    @DisplayName("after a rejection the case waits for a new offer: consent offers the option again, then agrees")
    void consentAfterRejectionOffersAgainThenAgrees() throws Exception {
        var caseId = "k-" + UUID.randomUUID();
        caseInState(caseId, "RESPONDED", "cd-counter-1", "west", RESPONDED);
        var id = json(propose(
                        staff("agent-1", "cs-specialist"),
                        caseId,
                        List.of(option("VOUCHER", "50"), option("GIFT", "30"))))
                .get("compensationId")
                .asText();
        caseInState(caseId, "AWAITING_CUSTOMER_CONSENT", "cd-counter-1", "west", AWAITING_CONSENT);
        assertThat(postJson(
                                staff("agent-1", "cs-specialist"),
                                "/compensations/" + id + "/consent",
                                Map.of("optionId", optionId(id, 0), "accepted", false, "customerWants", "换礼品"))
                        .statusCode())
                .isEqualTo(200);
        relay.relayDue(500);
        caseInState(caseId, "SOLUTION_PROPOSED", "cd-counter-1", "west", SOLUTION_PROPOSED);
        var agreed = postJson(
                staff("agent-1", "cs-specialist"),
                "/compensations/" + id + "/consent",
                Map.of("optionId", optionId(id, 1), "accepted", true));
        assertThat(agreed.statusCode()).as(agreed.body()).isEqualTo(200);

        relay.relayDue(500);
        var types = events(caseId).stream()
                .map(r -> JSON.readTree(r.getBodyAsString()).get("type").asText())
                .toList();
        assertThat(types)
                .containsSubsequence("OFFER_REJECTED_BY_CUSTOMER", "COMPENSATION_APPROVED", "AGREEMENT_SIGNED");
    }

    @Test
    @DisplayName("LC-35: a delivery needs IMPLEMENT; on a closed case → 409, nothing recorded")
    void deliveryRefusedWhereRoutingRefusesImplement() throws Exception {
        var caseId = "k-" + UUID.randomUUID();
        caseInState(caseId, "RESPONDED", "cd-counter-1", "west", RESPONDED);
        var id = json(propose(staff("agent-1", "cs-specialist"), caseId, List.of(option("VOUCHER", "50"))))
                .get("compensationId")
                .asText();
        caseInState(caseId, "AWAITING_CUSTOMER_CONSENT", "cd-counter-1", "west", AWAITING_CONSENT);
        postJson(
                staff("agent-1", "cs-specialist"),
                "/compensations/" + id + "/consent",
                Map.of("optionId", optionId(id, 0), "accepted", true));
        caseInState(caseId, "CLOSED", "cd-counter-1", "west", CLOSED);

        var answer = postJson(
                staff("agent-1", "cs-specialist"), "/compensations/" + id + "/delivery", Map.of("reference", "PAY-1"));

        assertThat(answer.statusCode()).isEqualTo(409);
        assertThat(answer.body()).contains("CLOSED");
        assertThat(view(id).get("deliveredAt").isNull()).isTrue();
        caseInState(caseId, "AGREED", "cd-counter-1", "west", AGREED);
        assertThat(postJson(
                                staff("agent-1", "cs-specialist"),
                                "/compensations/" + id + "/delivery",
                                Map.of("reference", "PAY-1"))
                        .statusCode())
                .isEqualTo(200);
        relay.relayDue(500);
        routing.verify(postRequestedFor(urlEqualTo("/internal/v1/cases/" + caseId + "/events"))
                .withRequestBody(matchingJsonPath(
                        "$.type", com.github.tomakehurst.wiremock.client.WireMock.equalTo("REMEDY_DELIVERED"))));
    }

    @Test
    @DisplayName("an approval on a closed case → 409; the option stays pending and no budget is spent")
    void approvalRefusedOnClosedCase() throws Exception {
        var caseId = "k-" + UUID.randomUUID();
        caseInState(caseId, "RESPONDED", "cd-counter-1", "west", RESPONDED);
        var id = json(propose(
                        staff("agent-1", "cs-specialist"), caseId, List.of(option("MONETARY_COMPENSATION", "500"))))
                .get("compensationId")
                .asText();
        caseInState(caseId, "CLOSED", "cd-counter-1", "west", CLOSED);
        var answer = decide(staff("manager-1", "cs-manager"), id, optionId(id, 0), "APPROVE", null);
        assertThat(answer.statusCode()).isEqualTo(409);
        assertThat(status(id, 0)).isEqualTo("PENDING_APPROVAL");
    }

    @Test
    @DisplayName(
            "§2.8 S8a → S8: the approver rejects the only waiting option → COMPENSATION_REJECTED takes the case back to drafting")
    void rejectingTheLastWaitingOptionRedrafts() throws Exception {
        var caseId = "k-" + UUID.randomUUID();
        var id = waitingForApproval(caseId, List.of(option("MONETARY_COMPENSATION", "500")));

        var rejected = decide(staff("manager-1", "cs-manager"), id, optionId(id, 0), "REJECT", null);

        assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(200);
        relay.relayDue(500);
        assertThat(types(caseId))
                .containsExactly("COMPENSATION_PROPOSED", "COMPENSATION_PENDING_APPROVAL", "COMPENSATION_REJECTED");
    }

    @Test
    @DisplayName("§2.8 S8a → S9: rejecting the last waiting option offers the option approved at once")
    void rejectingTheLastWaitingOptionOffersTheApprovedOne() throws Exception {
        var caseId = "k-" + UUID.randomUUID();
        var id = waitingForApproval(caseId, List.of(option("VOUCHER", "50"), option("MONETARY_COMPENSATION", "500")));

        decide(staff("manager-1", "cs-manager"), id, optionId(id, 1), "REJECT", null);

        relay.relayDue(500);
        assertThat(types(caseId))
                .containsExactly("COMPENSATION_PROPOSED", "COMPENSATION_PENDING_APPROVAL", "COMPENSATION_APPROVED");
    }

    @Test
    @DisplayName("a rejection while another compensation of the case still waits for its approver sends nothing")
    void rejectionWhileAnotherOptionWaitsSendsNothing() throws Exception {
        var caseId = "k-" + UUID.randomUUID();
        var id = waitingForApproval(caseId, List.of(option("MONETARY_COMPENSATION", "500")));
        assertThat(propose(staff("agent-2", "cs-specialist"), caseId, List.of(option("MONETARY_COMPENSATION", "400")))
                        .statusCode())
                .isEqualTo(201);
        relay.relayDue(500);
        var before = types(caseId).size();

        decide(staff("manager-1", "cs-manager"), id, optionId(id, 0), "REJECT", null);

        relay.relayDue(500);
        assertThat(types(caseId)).hasSize(before);
    }

    /** A compensation proposed on a responded case, which now waits for approval (events relayed). */
    private String waitingForApproval(String caseId, List<Map<String, Object>> options) throws Exception {
        caseInState(caseId, "RESPONDED", "cd-counter-1", "west", RESPONDED);
        var id = json(propose(staff("agent-1", "cs-specialist"), caseId, options))
                .get("compensationId")
                .asText();
        relay.relayDue(500);
        caseInState(caseId, "PENDING_APPROVAL", "cd-counter-1", "west", PENDING_APPROVAL);
        return id;
    }

    private List<String> types(String caseId) {
        return events(caseId).stream()
                .map(r -> JSON.readTree(r.getBodyAsString()).get("type").asText())
                .toList();
    }

    private List<LoggedRequest> events(String caseId) {
        return routing.findAll(postRequestedFor(urlEqualTo("/internal/v1/cases/" + caseId + "/events")));
    }
}
