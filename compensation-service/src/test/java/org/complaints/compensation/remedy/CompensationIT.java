package org.complaints.compensation.remedy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.complaints.support.identity.CallerIdentity;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Remedies within authority and budget (DOMAIN.md §7, §15 scenarios 19-20), routing stubbed. */
class CompensationIT extends CompensationTestSupport {

    @Test
    @DisplayName(
            "scenario 19 / CP-01 / ESC-04: a 50 CNY voucher is approved at once; 500 CNY cash waits for the customer-service manager")
    void withinAuthorityAtOnceAboveItToTheLowestCoveringRole() throws Exception {
        var agent = staff("agent-1", "cs-specialist");
        var answer = propose(agent, List.of(option("VOUCHER", "50"), option("MONETARY_COMPENSATION", "500")));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        var options = json(answer).get("options");

        assertThat(options.get(0).get("status").asText()).isEqualTo("APPROVED");
        assertThat(options.get(0).get("decisions").get(0).get("by").asText()).isEqualTo("agent-1");
        assertThat(options.get(1).get("status").asText()).isEqualTo("PENDING_APPROVAL");
        assertThat(options.get(1).get("requiredRole").asText()).isEqualTo("cs-manager");
        assertThat(options.get(1).get("approvalDue").asText()).isNotBlank();

        var id = json(answer).get("compensationId").asText();
        var approved = decide(
                staff("manager-1", "cs-manager"),
                id,
                options.get(1).get("optionId").asText(),
                "APPROVE",
                null);
        assertThat(approved.statusCode()).isEqualTo(200);
        var decision = json(approved).get("options").get(1).get("decisions").get(0);
        assertThat(decision.get("by").asText()).isEqualTo("manager-1");
        assertThat(decision.get("amount").get("amount").decimalValue()).isEqualByComparingTo("500");
    }

    @Test
    @DisplayName(
            "self-raising prevention: a frontline token cannot approve a manager-level amount, whatever the body claims")
    void frontlineCannotApproveManagerLevelAmounts() throws Exception {
        var id = pendingCashOption("agent-1");
        var body = Map.of(
                "optionId",
                optionId(id, 0),
                "decision",
                "APPROVE",
                "role",
                "cs-manager",
                "roles",
                List.of("general-manager"));
        var claimed = postJson(staff("agent-2", "cs-specialist"), "/compensations/" + id + "/approvals", body);
        assertThat(claimed.statusCode())
                .as("roles claimed in the body are refused")
                .isEqualTo(400);
        assertThat(claimed.body()).contains("/role");
        var answer = postJson(
                staff("agent-2", "cs-specialist"),
                "/compensations/" + id + "/approvals",
                Map.of("optionId", optionId(id, 0), "decision", "APPROVE"));
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(status(id, 0)).isEqualTo("PENDING_APPROVAL");
    }

    @Test
    @DisplayName("segregation of duties: the proposer never approves their own option, even with the authority")
    void proposerCannotApproveOwnOption() throws Exception {
        var manager = staff("manager-1", "cs-manager");
        var answer = json(propose(manager, List.of(option("MONETARY_COMPENSATION", "1500"))));
        var id = answer.get("compensationId").asText();
        assertThat(answer.get("options").get(0).get("requiredRole").asText()).isEqualTo("general-manager");

        var self = decide(staff("manager-1", "general-manager"), id, optionId(id, 0), "APPROVE", null);
        assertThat(self.statusCode()).isEqualTo(403);
        assertThat(decide(staff("gm-1", "general-manager"), id, optionId(id, 0), "APPROVE", null)
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    @DisplayName("MODIFY approves a changed amount within the approver's limit; REJECT records the reason")
    void modifyAndReject() throws Exception {
        var id = pendingCashOption("agent-1");
        var modified = json(decide(staff("manager-1", "cs-manager"), id, optionId(id, 0), "MODIFY", "400.00"));
        assertThat(modified.get("options").get(0).get("status").asText()).isEqualTo("APPROVED");
        assertThat(modified.get("options").get(0).get("amount").get("amount").decimalValue())
                .isEqualByComparingTo("400");

        var other = pendingCashOption("agent-1");
        var rejected = json(postJson(
                staff("manager-1", "cs-manager"),
                "/compensations/" + other + "/approvals",
                Map.of("optionId", optionId(other, 0), "decision", "REJECT", "reason", "not justified")));
        assertThat(rejected.get("options").get(0).get("status").asText()).isEqualTo("REJECTED");
        assertThat(rejected.get("options")
                        .get(0)
                        .get("decisions")
                        .get(0)
                        .get("reason")
                        .asText())
                .isEqualTo("not justified");
    }

    @Test
    @DisplayName("LC-48 and CP-04: 1-3 options only, and nothing above the company ceiling")
    void optionCountAndCeiling() throws Exception {
        var agent = staff("agent-1", "cs-specialist");
        assertThat(propose(agent, List.of()).statusCode()).isEqualTo(422);
        var four = List.of(
                option("VOUCHER", "10"), option("VOUCHER", "10"), option("VOUCHER", "10"), option("VOUCHER", "10"));
        assertThat(propose(agent, four).statusCode()).isEqualTo(422);
        var ceiling = propose(agent, List.of(option("MONETARY_COMPENSATION", "200000")));
        assertThat(ceiling.statusCode()).isEqualTo(422);
        assertThat(ceiling.body()).contains("beyond-every-authority");
        assertThat(propose(agent, List.of(option("TELEPORT", "1"))).body()).contains("options[0].kind");
    }

    @Test
    @DisplayName("CP-10 / CP-11: the confirmed economic loss and the customer's own request are recorded")
    void economicLossAndCustomerRequestAreKept() throws Exception {
        var body = Map.of(
                "caseId",
                "k-1",
                "options",
                List.of(Map.of(
                        "kind",
                        "VOUCHER",
                        "amount",
                        Map.of("amount", "50", "currency", "CNY"),
                        "rationale",
                        "退款需先退回商品，先以代金券补偿")),
                "economicLossConfirmed",
                true,
                "economicLoss",
                Map.of("amount", "820.50", "currency", "CNY"),
                "customerRequested",
                Map.of("kind", "REFUND", "amount", Map.of("amount", "300.00", "currency", "CNY"), "text", "退一半的钱"),
                "customerRef",
                "id:c-9");
        var answer = json(postJson(staff("agent-1", "cs-specialist"), "/compensations", body));
        assertThat(answer.get("economicLossConfirmed").asBoolean()).isTrue();
        assertThat(answer.get("economicLoss").get("amount").decimalValue()).isEqualByComparingTo("820.50");
        assertThat(answer.get("customerRequested").get("text").asText()).isEqualTo("退一半的钱");
        assertThat(answer.get("customerRequested").get("kind").asText()).isEqualTo("REFUND");
        var shown = json(read(
                staff("agent-1", "cs-specialist"),
                "/compensations/" + answer.get("compensationId").asText()));
        assertThat(shown.get("economicLoss").get("amount").decimalValue()).isEqualByComparingTo("820.50");

        var noRationale = new java.util.HashMap<>(body);
        noRationale.put(
                "options", List.of(Map.of("kind", "VOUCHER", "amount", Map.of("amount", "50", "currency", "CNY"))));
        var refused = postJson(staff("agent-1", "cs-specialist"), "/compensations", noRationale);
        assertThat(refused.statusCode())
                .as("CP-11: another remedy than the one asked for needs a rationale")
                .isEqualTo(422);
        assertThat(refused.body()).contains("options[0].rationale");
        var noAmount = new java.util.HashMap<>(body);
        noAmount.remove("economicLoss");
        var refusedLoss = postJson(staff("agent-1", "cs-specialist"), "/compensations", noAmount);
        assertThat(refusedLoss.statusCode())
                .as("CP-10: a confirmed loss carries its amount")
                .isEqualTo(422);
        assertThat(refusedLoss.body()).contains("economicLoss");
    }

    @Test
    @DisplayName(
            "CP-11: a customer with no wish gets the tenant's customary remedy for the subject type, implemented only after consent")
    void noWishGetsTheCustomaryRemedy() throws Exception {
        routing.stubFor(get("/cases/k-7")
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(JSON.writeValueAsString(Map.of(
                                "caseId", "k-7",
                                "tenant", "demo-generic",
                                "region", "west",
                                "site", "cd-counter-1",
                                "state", "RESPONDED",
                                "subjectType", "SERVICE_PROCESS")))));
        var agent = staff("agent-1", "cs-specialist");
        var answer = postJson(
                agent,
                "/compensations",
                Map.of("caseId", "k-7", "customerRequested", Map.of("none", true, "text", "您看着办吧")));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        var c = json(answer);
        assertThat(c.get("customerRequested").get("none").asBoolean()).isTrue();
        assertThat(c.get("customaryRemedy").get("kind").asText()).isEqualTo("VOUCHER");
        assertThat(c.get("customaryRemedy").get("subjectType").asText()).isEqualTo("SERVICE_PROCESS");
        var option = c.get("options").get(0);
        assertThat(option.get("kind").asText()).isEqualTo("VOUCHER");
        assertThat(option.get("amount").get("amount").decimalValue()).isEqualByComparingTo("50");
        assertThat(option.get("rationale").asText()).contains("CP-11");

        var early = postJson(
                agent, "/compensations/" + c.get("compensationId").asText() + "/delivery", Map.of("reference", "V-1"));
        assertThat(early.statusCode())
                .as("implementation waits for the customer's consent")
                .isEqualTo(409);

        var other = postJson(
                agent,
                "/compensations",
                Map.of(
                        "caseId", "k-7",
                        "customerRequested", Map.of("none", true),
                        "options",
                                List.of(Map.of("kind", "GIFT", "amount", Map.of("amount", "30", "currency", "CNY")))));
        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(other.body()).contains("options[0].rationale");
    }

    @Test
    @DisplayName(
            "case state comes from routing: a closed case refuses options (409); unknown → 404; routing down → 503 naming it")
    void caseStateIsAskedOfRouting() throws Exception {
        caseInState("CLOSED");
        assertThat(propose(staff("agent-1", "cs-specialist"), List.of(option("VOUCHER", "50")))
                        .statusCode())
                .isEqualTo(409);

        routing.resetAll();
        routing.stubFor(get("/cases/k-1").willReturn(aResponse().withStatus(404)));
        assertThat(propose(staff("agent-1", "cs-specialist"), List.of(option("VOUCHER", "50")))
                        .statusCode())
                .isEqualTo(404);

        routing.resetAll();
        routing.stubFor(get("/cases/k-1").willReturn(aResponse().withStatus(503)));
        var down = propose(staff("agent-1", "cs-specialist"), List.of(option("VOUCHER", "50")));
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).contains("routing-service");

        routing.resetAll();
        routing.stubFor(get("/cases/k-1").willReturn(aResponse().withStatus(200).withFixedDelay(6000)));
        var started = Instant.now();
        assertThat(propose(staff("agent-1", "cs-specialist"), List.of(option("VOUCHER", "50")))
                        .statusCode())
                .isEqualTo(503);
        assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofMillis(5000));
    }

    @Test
    @DisplayName(
            "routing client: repeated server errors open the breaker named routing-service, and then it is not called")
    void repeatedRoutingFailuresOpenTheBreaker() throws Exception {
        routing.resetAll();
        routing.stubFor(get("/cases/k-1").willReturn(aResponse().withStatus(500)));
        for (var i = 0; i < 10; i++) {
            propose(staff("agent-1", "cs-specialist"), List.of(option("VOUCHER", "50")));
        }
        assertThat(breakers.circuitBreaker("routing-service").getState())
                .isEqualTo(io.github.resilience4j.circuitbreaker.CircuitBreaker.State.OPEN);
        var calls = routing.getAllServeEvents().size();
        assertThat(propose(staff("agent-1", "cs-specialist"), List.of(option("VOUCHER", "50")))
                        .statusCode())
                .isEqualTo(503);
        assertThat(routing.getAllServeEvents()).hasSize(calls);
    }

    @Test
    @DisplayName("CP-06 / LC-45: consent makes an agreement and routing hears AGREEMENT_SIGNED through the relay")
    void consentCreatesAnAgreementAndTellsRouting() throws Exception {
        caseInState("k-agree", "RESPONDED", "cd-counter-1", "west", null);
        var answer = json(propose(staff("agent-1", "cs-specialist"), "k-agree", List.of(option("VOUCHER", "50"))));
        var id = answer.get("compensationId").asText();
        var agreed = json(postJson(
                staff("agent-1", "cs-specialist"),
                "/compensations/" + id + "/consent",
                Map.of("optionId", optionId(id, 0), "accepted", true)));
        assertThat(agreed.get("agreement").get("dueAt").asText()).isNotBlank();

        relay.relayDue(100);
        routing.verify(postRequestedFor(urlEqualTo("/internal/v1/cases/k-agree/events"))
                .withRequestBody(matchingJsonPath(
                        "$.type", com.github.tomakehurst.wiremock.client.WireMock.equalTo("AGREEMENT_SIGNED"))));
        routing.verify(postRequestedFor(urlEqualTo("/internal/v1/cases/k-agree/events"))
                .withRequestBody(matchingJsonPath(
                        "$.type", com.github.tomakehurst.wiremock.client.WireMock.equalTo("COMPENSATION_APPROVED"))));
        relay.relayDue(100);
        assertThat(routing.findAll(postRequestedFor(urlEqualTo("/internal/v1/cases/k-agree/events"))))
                .as("each event delivered once")
                .hasSize(3);
    }

    @Test
    @DisplayName(
            "CP-11 / ESC-05: a rejection records what the customer wants; the second brings in the customer-service manager")
    void secondRejectionEscalates() throws Exception {
        var answer = json(
                propose(staff("agent-1", "cs-specialist"), List.of(option("VOUCHER", "50"), option("GIFT", "30"))));
        var id = answer.get("compensationId").asText();
        var path = "/compensations/" + id + "/consent";
        assertThat(postJson(
                                staff("agent-1", "cs-specialist"),
                                path,
                                Map.of("optionId", optionId(id, 0), "accepted", false))
                        .statusCode())
                .isEqualTo(422);
        var first = json(postJson(
                staff("agent-1", "cs-specialist"),
                path,
                Map.of("optionId", optionId(id, 0), "accepted", false, "customerWants", "全额退款")));
        assertThat(first.get("escalatedTo").isNull()).isTrue();
        var second = json(postJson(
                staff("agent-1", "cs-specialist"),
                path,
                Map.of("optionId", optionId(id, 1), "accepted", false, "customerWants", "换新机")));
        assertThat(second.get("escalatedTo").asText()).isEqualTo("role:cs-manager");

        relay.relayDue(100);
        routing.verify(postRequestedFor(urlEqualTo("/internal/v1/cases/k-1/events"))
                .withRequestBody(matchingJsonPath(
                        "$.data.escalateTo",
                        com.github.tomakehurst.wiremock.client.WireMock.equalTo("role:cs-manager"))));
    }

    @Test
    @DisplayName(
            "scenario 20 / ESC-05: a first rejection marked conflict=true brings in the customer-service manager at once; conflict with an agreement is refused")
    void conflictEscalatesAtTheFirstRejection() throws Exception {
        var answer = json(propose(staff("agent-1", "cs-specialist"), List.of(option("VOUCHER", "50"))));
        var id = answer.get("compensationId").asText();
        var path = "/compensations/" + id + "/consent";
        var agreedInConflict = postJson(
                staff("agent-1", "cs-specialist"),
                path,
                Map.of("optionId", optionId(id, 0), "accepted", true, "conflict", true));
        assertThat(agreedInConflict.statusCode()).isEqualTo(422);
        assertThat(agreedInConflict.body()).contains("conflict");
        assertThat(json(read(staff("agent-1", "cs-specialist"), "/compensations/" + id))
                        .get("agreement")
                        .isNull())
                .as("nothing recorded")
                .isTrue();

        var rejected = json(postJson(
                staff("agent-1", "cs-specialist"),
                path,
                Map.of("optionId", optionId(id, 0), "accepted", false, "customerWants", "换新机", "conflict", true)));
        assertThat(rejected.get("rejections")).hasSize(1);
        assertThat(rejected.get("escalatedTo").asText()).isEqualTo("role:cs-manager");
        relay.relayDue(100);
        routing.verify(postRequestedFor(urlEqualTo("/internal/v1/cases/k-1/events"))
                .withRequestBody(matchingJsonPath(
                        "$.data.compensationId", com.github.tomakehurst.wiremock.client.WireMock.equalTo(id)))
                .withRequestBody(matchingJsonPath(
                        "$.data.escalateTo",
                        com.github.tomakehurst.wiremock.client.WireMock.equalTo("role:cs-manager"))));
    }

    @Test
    @DisplayName(
            "LC-12 / OT-50: intake's anonymisation order drops the customer reference and the customer's own words from the case's compensations;"
                    + " kinds, amounts and rejections' dates stay; a repeat changes nothing; staff may not order it")
    void anonymisationKeepsTheFiguresNotThePerson() throws Exception {
        caseInState("k-anon", "RESPONDED", "cd-counter-1", "west", null);
        var agent = staff("agent-1", "cs-specialist");
        var proposed = json(postJson(
                agent,
                "/compensations",
                Map.of("caseId", "k-anon", "options", List.of(option("VOUCHER", "50")), "customerRef", "id:c-anon-1")));
        var id = proposed.get("compensationId").asText();
        postJson(
                agent,
                "/compensations/" + id + "/consent",
                Map.of("optionId", optionId(id, 0), "accepted", false, "customerWants", "王先生要求全额退款"));
        var order = Map.of("eventId", "anon-1", "complaintId", "c-anon", "caseId", "k-anon");

        var byStaff = postJson(staff("manager-1", "cs-manager"), "/internal/v1/anonymisations", order);
        assertThat(byStaff.statusCode()).isEqualTo(403);
        assertThat(json(read(agent, "/compensations/" + id)).get("rejections").toString())
                .as("nothing changed by a refused order")
                .contains("王先生要求全额退款");

        var intakeService = tokens.sign(CallerIdentity.system("intake-service", "demo-generic"));
        assertThat(postJson(intakeService, "/internal/v1/anonymisations", order).statusCode())
                .isEqualTo(200);
        var anonymised = json(read(agent, "/compensations/" + id));
        assertThat(anonymised.toString()).doesNotContain("王先生", "id:c-anon-1");
        assertThat(anonymised.get("rejections").get(0).get("customerWants").asText())
                .isEqualTo("[anonymised]");
        assertThat(anonymised.get("rejections").get(0).get("at").isNull()).isFalse();
        assertThat(anonymised.get("options").get(0).get("kind").asText()).isEqualTo("VOUCHER");
        assertThat(anonymised.get("options").get(0).get("amount").get("amount").decimalValue())
                .isEqualByComparingTo("50");
        assertThat(postJson(intakeService, "/internal/v1/anonymisations", order).statusCode())
                .as("a repeat")
                .isEqualTo(200);
        assertThat(json(read(agent, "/compensations/" + id))).isEqualTo(anonymised);
    }

    @Test
    @DisplayName("budget: 50 concurrent approvals against a budget that fits 10 approve exactly 10")
    void concurrentApprovalsNeverOverspend() throws Exception {
        var month = java.time.YearMonth.now(java.time.ZoneOffset.UTC).toString();
        // Whatever other tests spent this month at this site stays spent; the limit leaves room for exactly 10.
        var spent = 0L;
        for (var b : json(read(staff("manager-1", "cs-manager"), "/budgets?month=" + month))) {
            if (b.get("site").asText().equals("ber-counter-1")) {
                spent = b.get("spentMinor").asLong();
            }
        }
        var limit = java.math.BigDecimal.valueOf(spent + 100_000, 2).toPlainString();
        var set = put(staff("manager-1", "cs-manager"), "/budgets/ber-counter-1/" + month, Map.of("limit", limit));
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        caseInState("RESPONDED", "ber-counter-1", "europe");

        var results = new ArrayList<Integer>();
        try (var pool = Executors.newFixedThreadPool(16)) {
            var calls = new ArrayList<Callable<Integer>>();
            for (var i = 0; i < 50; i++) {
                var agent = staff("agent-" + i, "cs-specialist");
                calls.add(
                        () -> propose(agent, List.of(option("VOUCHER", "100"))).statusCode());
            }
            for (var f : pool.invokeAll(calls)) {
                results.add(f.get());
            }
        }
        assertThat(results.stream().filter(s -> s == 201)).hasSize(10);
        assertThat(results.stream().filter(s -> s == 409)).hasSize(40);
        var budget = json(read(staff("manager-1", "cs-manager"), "/budgets?month=" + month))
                .toString();
        assertThat(budget).contains("\"remainingMinor\":0");
    }

    @Test
    @DisplayName(
            "ledger and repeat check: a second compensation for the same customer across sites is flagged, never silent")
    void repeatCompensationIsFlaggedAndTheLedgerShowsTheApproverChain() throws Exception {
        var customer = "id:c-" + UUID.randomUUID();
        var first = json(postJson(
                staff("agent-1", "cs-specialist"),
                "/compensations",
                Map.of("caseId", "k-1", "options", List.of(option("VOUCHER", "50")), "customerRef", customer)));
        assertThat(first.get("repeatCompensation").asBoolean()).isFalse();
        var month = java.time.YearMonth.now(java.time.ZoneOffset.UTC).toString();
        put(staff("manager-1", "cs-manager"), "/budgets/ber-counter-1/" + month, Map.of("limit", "100000.00"));
        caseInState("RESPONDED", "ber-counter-1", "europe");
        var second = json(postJson(
                staff("agent-1", "cs-specialist"),
                "/compensations",
                Map.of(
                        "caseId",
                        "k-1",
                        "options",
                        List.of(option("MONETARY_COMPENSATION", "500")),
                        "customerRef",
                        customer)));
        assertThat(second.get("repeatCompensation").asBoolean()).isTrue();
        var id = second.get("compensationId").asText();
        decide(staff("manager-1", "cs-manager"), id, optionId(id, 0), "APPROVE", null);
        postJson(
                staff("agent-1", "cs-specialist"),
                "/compensations/" + id + "/consent",
                Map.of("optionId", optionId(id, 0), "accepted", true));
        postJson(
                staff("agent-1", "cs-specialist"),
                "/compensations/" + id + "/delivery",
                Map.of("reference", "PAY-2025-0001"));

        var ledger = json(read(staff("manager-1", "cs-manager"), "/compensations/ledger?customerRef=" + customer));
        assertThat(ledger.size()).isEqualTo(2);
        var cash = ledger.get(1).get("kind").asText().equals("MONETARY_COMPENSATION") ? ledger.get(1) : ledger.get(0);
        assertThat(cash.get("approvers").toString()).contains("manager-1");
        assertThat(cash.get("reference").asText()).isEqualTo("PAY-2025-0001");
        assertThat(cash.get("agreed").asBoolean()).isTrue();
        assertThat(cash.get("site").asText()).isEqualTo("ber-counter-1");
    }

    @Test
    void anotherTenantsCompensationIsNotFound() throws Exception {
        var id = json(propose(staff("agent-1", "cs-specialist"), List.of(option("VOUCHER", "50"))))
                .get("compensationId")
                .asText();
        assertThat(read(
                                tokens.sign(new CallerIdentity(
                                        "x",
                                        CallerIdentity.Kind.STAFF,
                                        "demo-retail",
                                        Set.of(),
                                        Set.of(),
                                        Set.of("cs-manager"),
                                        Set.of(),
                                        "x")),
                                "/compensations/" + id)
                        .statusCode())
                .isEqualTo(404);
    }
}
