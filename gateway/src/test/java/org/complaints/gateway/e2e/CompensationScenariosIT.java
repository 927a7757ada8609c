package org.complaints.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** DOMAIN.md §15 compensation scenarios 19-20 through the gateway, generic demo tenant. */
class CompensationScenariosIT {

    static RunningSuite suite;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = RunningSuite.get();
    }

    /** A generic-tenant case in RESPONDED, as staff would bring it there. */
    static String respondedCase(RunningSuite suite) throws Exception {
        var partner = Api.partner(suite, "demo-generic-hotline-key");
        var body = Map.of(
                "channel", "PHONE",
                "site", "cd-counter-1",
                "customer", Map.of("id", "c-" + System.nanoTime(), "name", "陈女士", "phone", "13600000000"),
                "content", "办理业务等待两小时",
                "demand", Map.of("kind", "APOLOGY", "text", "要求道歉并补偿"));
        var filed = partner.with("Idempotency-Key", Complaints.key()).post("/api/v1/complaints", body);
        assertThat(filed.status()).as(filed.toString()).isEqualTo(201);
        var caseId = ComplaintJourneyIT.awaitRouted(
                        partner, filed.json().get("id").asText())
                .json()
                .get("routing")
                .get("caseId")
                .asText();
        var agent = Api.staff(suite, "generic.agent");
        assertThat(agent.post("/api/v1/cases/" + caseId + "/acceptance", Map.of())
                        .status())
                .isEqualTo(200);
        assertThat(agent.post("/api/v1/cases/" + caseId + "/contacts", Map.of("channel", "PHONE", "note", "apologised"))
                        .status())
                .isEqualTo(200);
        return caseId;
    }

    @Test
    @DisplayName(
            "scenario 19 / CP-01 / ESC-04: the voucher is approved by the handler, the 500 CNY cash waits for the customer-service manager")
    void withinAndAboveAuthority() throws Exception {
        var caseId = respondedCase(suite);
        var agent = Api.staff(suite, "generic.agent");
        var proposed = agent.post(
                "/api/v1/compensations",
                Map.of(
                        "caseId",
                        caseId,
                        "options",
                        List.of(
                                Map.of("kind", "VOUCHER", "amount", Map.of("amount", "50", "currency", "CNY")),
                                Map.of(
                                        "kind",
                                        "MONETARY_COMPENSATION",
                                        "amount",
                                        Map.of("amount", "500", "currency", "CNY")))));
        assertThat(proposed.status()).as(proposed.toString()).isEqualTo(201);
        var options = proposed.json().get("options");
        assertThat(options.get(0).get("status").asText()).isEqualTo("APPROVED");
        assertThat(options.get(1).get("status").asText()).isEqualTo("PENDING_APPROVAL");
        assertThat(options.get(1).get("requiredRole").asText()).isEqualTo("cs-manager");
        var id = proposed.json().get("compensationId").asText();
        var cashOption = options.get(1).get("optionId").asText();

        var selfRaise = Api.staff(suite, "generic.agent2")
                .post(
                        "/api/v1/compensations/" + id + "/approvals",
                        Map.of("optionId", cashOption, "decision", "APPROVE"));
        assertThat(selfRaise.status()).isEqualTo(403);
        var approved = Api.staff(suite, "generic.manager")
                .post(
                        "/api/v1/compensations/" + id + "/approvals",
                        Map.of("optionId", cashOption, "decision", "APPROVE", "reason", "waited two hours"));
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        var decision = approved.json().get("options").get(1).get("decisions").get(0);
        assertThat(decision.get("by").asText()).isEqualTo("generic.manager");
        assertThat(decision.get("reason").asText()).isEqualTo("waited two hours");
    }

    @Test
    @DisplayName(
            "scenario 20 / CP-11 / ESC-05: two rejections bring in the customer-service manager, and the case follows")
    void twoRejectionsEscalate() throws Exception {
        var caseId = respondedCase(suite);
        var agent = Api.staff(suite, "generic.agent");
        var proposed = agent.post(
                "/api/v1/compensations",
                Map.of(
                        "caseId",
                        caseId,
                        "options",
                        List.of(
                                Map.of("kind", "VOUCHER", "amount", Map.of("amount", "50", "currency", "CNY")),
                                Map.of("kind", "GIFT", "amount", Map.of("amount", "30", "currency", "CNY")))));
        var id = proposed.json().get("compensationId").asText();
        var options = proposed.json().get("options");
        agent.post(
                "/api/v1/compensations/" + id + "/consent",
                Map.of(
                        "optionId",
                        options.get(0).get("optionId").asText(),
                        "accepted",
                        false,
                        "customerWants",
                        "全额退款"));
        var second = agent.post(
                "/api/v1/compensations/" + id + "/consent",
                Map.of(
                        "optionId",
                        options.get(1).get("optionId").asText(),
                        "accepted",
                        false,
                        "customerWants",
                        "经理出面"));
        assertThat(second.json().get("escalatedTo").asText()).isEqualTo("role:cs-manager");

        var deadline = Instant.now().plus(Duration.ofSeconds(30));
        String owner = null;
        while (Instant.now().isBefore(deadline)) {
            var kase = agent.get("/api/v1/cases/" + caseId).json();
            owner = kase.get("owner").asText();
            if (owner.equals("role:cs-manager")
                    && kase.get("escalations").toString().contains("ESC-05")) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(owner).isEqualTo("role:cs-manager");
    }
}
