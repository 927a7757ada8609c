package org.complaints.compensation.remedy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * OT-02 (ADR 0122): an agreement reaches intake, which shows it on the customer's later complaints
 * while it is open. Compensation's relay posts the agreement's state to intake's internal endpoint
 * (WireMock pins the contract) after consent (OPEN) and after delivery (DELIVERED); intake being
 * down loses nothing and never blocks the command, and routing's events are not held up by it.
 */
class AgreementMirrorIT extends CompensationTestSupport {

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.data.mongodb.core.MongoTemplate mongo;

    static final List<String> RESPONDED = CaseStatesIT.RESPONDED;
    static final List<String> AWAITING_CONSENT = CaseStatesIT.AWAITING_CONSENT;
    static final List<String> AGREED = CaseStatesIT.AGREED;

    @Test
    @DisplayName("OT-02 / CP-06: consent sends the agreement to intake as OPEN, delivery as DELIVERED, each once")
    void agreementStatesReachIntake() throws Exception {
        var caseId = "k-" + UUID.randomUUID();
        var complaintId = "cmp-" + UUID.randomUUID();
        var id = agreed(caseId, complaintId);
        relay.relayDue(500);
        relay.relayDue(500);

        var open = sent(complaintId);
        assertThat(open).hasSize(1);
        var state = open.getFirst();
        assertThat(state.get("agreementId").asText()).isEqualTo(id);
        assertThat(state.get("caseId").asText()).isEqualTo(caseId);
        assertThat(state.get("status").asText()).isEqualTo("OPEN");
        assertThat(state.get("kind").asText()).isEqualTo("VOUCHER");
        assertThat(state.get("amount").asText()).isEqualTo("50.00");
        assertThat(state.get("currency").asText()).isEqualTo("CNY");
        assertThat(state.get("dueAt").isNull()).isFalse();
        assertThat(state.toString()).as("no customer data").doesNotContain("id:c-");

        caseInState(caseId, complaintId, "AGREED", "cd-counter-1", "west", AGREED);
        var delivered = postJson(
                staff("agent-1", "cs-specialist"), "/compensations/" + id + "/delivery", Map.of("reference", "PAY-9"));
        assertThat(delivered.statusCode()).as(delivered.body()).isEqualTo(200);
        relay.relayDue(500);

        var states = sent(complaintId);
        assertThat(states).hasSize(2);
        assertThat(states.get(1).get("status").asText()).isEqualTo("DELIVERED");
        assertThat(states.get(1).get("deliveredAt").isNull()).isFalse();
    }

    @Test
    @DisplayName(
            "OT-02: intake down → consent still succeeds, routing still gets AGREEMENT_SIGNED, the mirror waits for the relay")
    void intakeDownDelaysOnlyTheMirror() throws Exception {
        intake.resetAll();
        intake.stubFor(post(urlPathMatching("/internal/v1/complaints/.*/agreements"))
                .willReturn(aResponse().withStatus(503)));
        var caseId = "k-" + UUID.randomUUID();
        var complaintId = "cmp-" + UUID.randomUUID();
        var id = agreed(caseId, complaintId);
        relay.relayDue(500);
        routing.verify(postRequestedFor(urlEqualTo("/internal/v1/cases/" + caseId + "/events"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath(
                        "$.type", com.github.tomakehurst.wiremock.client.WireMock.equalTo("AGREEMENT_SIGNED"))));

        assertThat(sent(complaintId)).as("tried").hasSize(1);
        var stored = mongo.findById(id, Compensation.class);
        assertThat(stored.deliveries)
                .as("kept for the relay's next attempt, not lost")
                .extracting(org.complaints.support.delivery.Delivery::kind)
                .containsExactly(IntakeAgreements.KIND);
        assertThat(stored.agreement).isNotNull();

        // ADR 0285: the answer says which effect is still on its way, and when it has landed.
        var pending = json(read(staff("agent-1", "cs-specialist"), "/compensations/" + id))
                .get("propagation");
        assertThat(pending.get("status").asText()).isEqualTo("PENDING");
        assertThat(pending.get("awaiting")).extracting(JsonNode::asText).containsExactly("complaint");
        intake.resetAll();
        intake.stubFor(post(urlPathMatching("/internal/v1/complaints/.*/agreements"))
                .willReturn(aResponse().withStatus(200)));
        JsonNode complete = null;
        for (var i = 0;
                i < 20
                        && (complete == null
                                || !"COMPLETE".equals(complete.get("status").asText()));
                i++) {
            Thread.sleep(500); // the relay's first backoff is 2 s
            relay.relayDue(500);
            complete = json(read(staff("agent-1", "cs-specialist"), "/compensations/" + id))
                    .get("propagation");
        }
        assertThat(complete.get("status").asText()).isEqualTo("COMPLETE");
        assertThat(complete.get("awaiting")).isEmpty();
    }

    @Test
    @DisplayName("a case view without complaintId (older routing) mirrors nothing and changes nothing else")
    void withoutComplaintNothingIsMirrored() throws Exception {
        var caseId = "k-" + UUID.randomUUID();
        agreed(caseId, null);
        relay.relayDue(500);
        intake.verify(0, postRequestedFor(urlPathMatching("/internal/v1/complaints/.*/agreements")));
    }

    /** A voucher within the specialist's authority, approved at once and agreed by the customer. */
    private String agreed(String caseId, String complaintId) throws Exception {
        caseInState(caseId, complaintId, "RESPONDED", "cd-counter-1", "west", RESPONDED);
        var id = json(propose(staff("agent-1", "cs-specialist"), caseId, List.of(option("VOUCHER", "50"))))
                .get("compensationId")
                .asText();
        caseInState(caseId, complaintId, "AWAITING_CUSTOMER_CONSENT", "cd-counter-1", "west", AWAITING_CONSENT);
        var consent = postJson(
                staff("agent-1", "cs-specialist"),
                "/compensations/" + id + "/consent",
                Map.of("optionId", optionId(id, 0), "accepted", true));
        assertThat(consent.statusCode()).as(consent.body()).isEqualTo(200);
        return id;
    }

    private List<JsonNode> sent(String complaintId) {
        return intake
                .findAll(postRequestedFor(urlEqualTo("/internal/v1/complaints/" + complaintId + "/agreements")))
                .stream()
                .map(r -> JSON.readTree(r.getBodyAsString()))
                .toList();
    }
}
