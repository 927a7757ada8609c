package org.complaints.compensation.remedy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Issue 12 inside a tenant: one test per compensation finding, each failing on the code before the fix. */
class TrustIT extends CompensationTestSupport {

    @Test
    @DisplayName("issue 12: consent, agreement and delivery need a role of the permission table (403 otherwise)")
    void stepsNeedARole() throws Exception {
        var id = agreedVoucher("k-" + UUID.randomUUID());
        var outsider = staff("aud-1", "auditor");
        assertThat(postJson(
                                outsider,
                                "/compensations/" + id + "/consent",
                                Map.of("optionId", optionId(id, 0), "accepted", false, "customerWants", "x"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(postJson(outsider, "/compensations/" + id + "/delivery", Map.of("reference", "PAY-X"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(view(id).get("deliveredAt").isNull()).isTrue();
    }

    @Test
    @DisplayName("issue 12: REJECT only by an approver of the ladder at or above the option's required role")
    void rejectNeedsAnApprover() throws Exception {
        var id = pendingCashOption("agent-1");
        var body = Map.of("optionId", optionId(id, 0), "decision", "REJECT", "reason", "no");
        assertThat(postJson(staff("agent-2", "cs-specialist"), "/compensations/" + id + "/approvals", body)
                        .statusCode())
                .isEqualTo(403);
        assertThat(postJson(staff("sup-1", "supervisor"), "/compensations/" + id + "/approvals", body)
                        .statusCode())
                .as("the supervisor is below the cs-manager this option waits for")
                .isEqualTo(403);
        assertThat(status(id, 0)).isEqualTo("PENDING_APPROVAL");
        assertThat(postJson(staff("manager-1", "cs-manager"), "/compensations/" + id + "/approvals", body)
                        .statusCode())
                .isEqualTo(200);
        assertThat(status(id, 0)).isEqualTo("REJECTED");
    }

    @Test
    @DisplayName("issue 12: MODIFY keeps the currency; another currency → 422 naming it, nothing debited")
    void modifyKeepsTheCurrency() throws Exception {
        var id = pendingCashOption("agent-1");
        var answer = postJson(
                staff("manager-1", "cs-manager"),
                "/compensations/" + id + "/approvals",
                Map.of(
                        "optionId",
                        optionId(id, 0),
                        "decision",
                        "MODIFY",
                        "amount",
                        Map.of("amount", "900", "currency", "USD")));
        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(answer.body()).contains("amount.currency").contains("USD");
        assertThat(status(id, 0)).isEqualTo("PENDING_APPROVAL");
    }

    @Test
    @DisplayName(
            "issue 12 / ESC-04: MODIFY above the modifier's authority goes to the lowest role covering the new amount")
    void modifyRechecksAuthority() throws Exception {
        var id = pendingCashOption("agent-1");
        var raised = decide(staff("manager-1", "cs-manager"), id, optionId(id, 0), "MODIFY", "1500");
        assertThat(raised.statusCode()).as(raised.body()).isEqualTo(200);
        var option = json(raised).get("options").get(0);
        assertThat(option.get("status").asText()).isEqualTo("PENDING_APPROVAL");
        assertThat(option.get("requiredRole").asText()).isEqualTo("general-manager");
        assertThat(option.get("amount").get("amount").decimalValue()).isEqualByComparingTo("1500");

        var ceiling = decide(staff("gm-1", "general-manager"), id, optionId(id, 0), "MODIFY", "200000");
        assertThat(ceiling.statusCode()).isEqualTo(422);
        assertThat(ceiling.body()).contains("beyond-every-authority");
    }

    @Test
    @DisplayName("issue 12 / LC-35: a delivery is dated neither before the approval nor in the future")
    void deliveryCannotBeBackdatedOrAhead() throws Exception {
        var id = agreedVoucher("k-" + UUID.randomUUID());
        var agent = staff("agent-1", "cs-specialist");
        var backdated = postJson(
                agent,
                "/compensations/" + id + "/delivery",
                Map.of("reference", "PAY-1", "deliveredAt", "2020-01-01T00:00:00Z"));
        assertThat(backdated.statusCode()).isEqualTo(422);
        assertThat(backdated.body()).contains("deliveredAt");
        var ahead = postJson(
                agent,
                "/compensations/" + id + "/delivery",
                Map.of(
                        "reference",
                        "PAY-1",
                        "deliveredAt",
                        Instant.now().plusSeconds(86_400).toString()));
        assertThat(ahead.statusCode()).isEqualTo(422);
        assertThat(view(id).get("deliveredAt").isNull()).isTrue();
        assertThat(postJson(agent, "/compensations/" + id + "/delivery", Map.of("reference", "PAY-1"))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    @DisplayName(
            "issue 12: a west-only user neither reads nor acts on europe's compensations, ledgers and budgets (404)")
    void regionScope() throws Exception {
        var month = YearMonth.now(ZoneOffset.UTC).toString();
        put(staff("gm-0", "general-manager"), "/budgets/ber-counter-1/" + month, Map.of("limit", "9000000.00"));
        var caseId = "k-eu-" + UUID.randomUUID();
        caseInState(caseId, "RESPONDED", "ber-counter-1", "europe", null);
        var customer = "id:c-" + UUID.randomUUID();
        var id = json(postJson(
                        staff("agent-eu", "cs-specialist"),
                        "/compensations",
                        Map.of(
                                "caseId",
                                caseId,
                                "customerRef",
                                customer,
                                "options",
                                List.of(option("VOUCHER", "50"), option("MONETARY_COMPENSATION", "500")))))
                .get("compensationId")
                .asText();
        var west = staff("manager-west", "cs-manager", Set.of("west"), Set.of());

        assertThat(read(west, "/compensations/" + id).statusCode()).isEqualTo(404);
        assertThat(json(read(west, "/compensations?caseId=" + caseId))).isEmpty();
        assertThat(json(read(west, "/compensations/ledger?customerRef=" + customer)))
                .isEmpty();
        assertThat(read(west, "/compensations/approvals/pending").body()).doesNotContain(id);
        assertThat(read(west, "/budgets?month=" + month).body()).doesNotContain("ber-counter-1");
        assertThat(read(west, "/compensations/summary?month=" + month + "&region=europe")
                        .statusCode())
                .isEqualTo(404);
        assertThat(decide(west, id, optionId(id, 1), "REJECT", null).statusCode())
                .isEqualTo(404);
        assertThat(postJson(
                                west,
                                "/compensations/" + id + "/consent",
                                Map.of("optionId", optionId(id, 0), "accepted", true))
                        .statusCode())
                .isEqualTo(404);
        assertThat(postJson(west, "/compensations/" + id + "/delivery", Map.of("reference", "PAY-X"))
                        .statusCode())
                .isEqualTo(404);
        assertThat(put(west, "/budgets/ber-counter-1/" + month, Map.of("limit", "1.00"))
                        .statusCode())
                .isEqualTo(404);
        assertThat(propose(
                                staff("agent-west", "cs-specialist", Set.of("west"), Set.of()),
                                caseId,
                                List.of(option("VOUCHER", "5")))
                        .statusCode())
                .isEqualTo(404);
        assertThat(status(id, 1)).isEqualTo("PENDING_APPROVAL");
        assertThat(view(id).get("agreement").isNull()).isTrue();

        var europe = staff("manager-eu", "cs-manager", Set.of("europe"), Set.of());
        assertThat(read(europe, "/compensations/" + id).statusCode()).isEqualTo(200);
        assertThat(read(europe, "/compensations/approvals/pending").body()).contains(id);
    }

    @Test
    @DisplayName(
            "issue 12: a region- or site-limited reader gets its own region's summary (the filter named the region twice: 500), another site's is 404")
    void summaryWithinTheReadersScope() throws Exception {
        var month = YearMonth.now(java.time.ZoneId.of("Asia/Shanghai")).toString(); // the tenant's zone (ADR 0520)
        var caseId = "k-west-" + UUID.randomUUID();
        caseInState(caseId, "RESPONDED", "cd-counter-1", "west", null);
        assertThat(propose(staff("agent-west-2", "cs-specialist"), caseId, List.of(option("VOUCHER", "1")))
                        .statusCode())
                .isEqualTo(201);
        var path = "/compensations/summary?month=" + month + "&region=west";
        var tenantWide = json(read(staff("reader-all", "cs-manager"), path));

        var regionReader = read(staff("reader-west", "cs-manager", Set.of("west"), Set.of()), path);
        assertThat(regionReader.statusCode()).as(regionReader.body()).isEqualTo(200);
        assertThat(json(regionReader)).isEqualTo(tenantWide);
        assertThat(tenantWide.get("countByKind").get("VOUCHER").asLong()).isPositive();

        var siteReader = staff("reader-cd", "cs-manager", Set.of("west"), Set.of("cd-counter-1"));
        assertThat(read(siteReader, path + "&site=cd-counter-1").statusCode()).isEqualTo(200);
        assertThat(read(siteReader, path).statusCode()).isEqualTo(200);
        assertThat(read(siteReader, "/compensations/summary?month=" + month + "&site=ber-counter-1")
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    @DisplayName(
            "issue 12: hostile amounts (1e3000000, 36 digits, beyond Decimal128, 3 decimals) → 400 naming the field; nothing stored")
    void hostileAmounts() throws Exception {
        var caseId = "k-" + UUID.randomUUID();
        caseInState(caseId, "RESPONDED", "cd-counter-1", "west", null);
        var agent = staff("agent-1", "cs-specialist");
        for (var amount : List.of(
                "1e3000000", "\"1e3000000\"", "123456789012345678901234567890123456", "\"1e7000\"", "\"10.001\"")) {
            var body = "{\"caseId\":\"" + caseId + "\",\"options\":[{\"kind\":\"VOUCHER\",\"amount\":{\"amount\":"
                    + amount + ",\"currency\":\"CNY\"}}]}";
            var answer = send(agent, "/compensations", "POST", body);
            assertThat(answer.statusCode()).as(amount + ": " + answer.body()).isEqualTo(400);
            // Named by JSON pointer when the body guard refuses it, by path when Money does.
            assertThat(answer.body()).as(amount).containsPattern("options(/0/|\\[0]\\.)amount[./]amount");
        }
        assertThat(json(read(staff("m", "cs-manager"), "/compensations?caseId=" + caseId)))
                .isEmpty();

        var id = pendingCashOption("agent-1");
        var modify = send(
                staff("manager-1", "cs-manager"),
                "/compensations/" + id + "/approvals",
                "POST",
                "{\"optionId\":\"" + optionId(id, 0)
                        + "\",\"decision\":\"MODIFY\",\"amount\":{\"amount\":1e3000000,\"currency\":\"CNY\"}}");
        assertThat(modify.statusCode()).isEqualTo(400);
        assertThat(modify.body()).containsPattern("amount[./]amount");
        var budget = send(
                staff("manager-1", "cs-manager"),
                "/budgets/cd-counter-1/" + YearMonth.now(ZoneOffset.UTC),
                "PUT",
                "{\"limit\":1e3000000}");
        assertThat(budget.statusCode()).isEqualTo(400);
        assertThat(budget.body()).contains("limit");
    }

    /** A 50 CNY voucher approved at once and agreed by the customer. */
    private String agreedVoucher(String caseId) throws Exception {
        caseInState(caseId, "RESPONDED", "cd-counter-1", "west", null);
        var id = json(propose(staff("agent-1", "cs-specialist"), caseId, List.of(option("VOUCHER", "50"))))
                .get("compensationId")
                .asText();
        var agreed = postJson(
                staff("agent-1", "cs-specialist"),
                "/compensations/" + id + "/consent",
                Map.of("optionId", optionId(id, 0), "accepted", true));
        assertThat(agreed.statusCode()).as(agreed.body()).isEqualTo(200);
        return id;
    }
}
