package org.complaints.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * DOMAIN.md §15 scenarios 15, 16, 17, 19 and 20 through the gateway on the demo tenants, with the
 * remedy and routing-content rules of issue 15: CP-10, CP-11, CP-17 / OT-04, OT-13 / CP-20,
 * LC-32 / RT-03 / RT-04, RT-07 and OT-31.
 */
class RemedyScenariosIT {

    static RunningSuite suite;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = RunningSuite.get();
    }

    /** A generic-tenant case in RESPONDED, as staff would bring it there. */
    static String respondedCase(RunningSuite suite) throws Exception {
        return respondedCase(suite, null);
    }

    /** The same, for a complaint of the given subject type (null: unclassified). */
    static String respondedCase(RunningSuite suite, String subjectType) throws Exception {
        var partner = Api.partner(suite, "demo-generic-hotline-key");
        var body = new LinkedHashMap<String, Object>(Map.of(
                "channel", "PHONE",
                "site", "cd-counter-1",
                "customer", Map.of("id", "c-" + System.nanoTime(), "name", "陈女士", "phone", "13600000000"),
                "content", "办理业务等待两小时",
                "demand", Map.of("kind", "APOLOGY", "text", "要求道歉并补偿")));
        if (subjectType != null) {
            body.put("category", Map.of("subjectType", subjectType));
        }
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

    // ------------------------------------------------------------------ scenario 15

    @Test
    @DisplayName(
            "scenario 15 / CL-02 §4.1(b): compensation → III, 2nd urging call in an hour → III (1st → II), staff damage → IV,"
                    + " court / letter to HQ executives / online media → V external, installation request → I")
    void retailIntakeLevels() throws Exception {
        assertThat(level(retail(Map.of(
                        "demand",
                        Map.of("kind", "COMPENSATION", "amount", Map.of("amount", "300", "currency", "CNY"))))))
                .isEqualTo("III");
        assertThat(level(retail(Map.of("urgingCallsWithinHour", 1)))).isEqualTo("II");
        assertThat(level(retail(Map.of("urgingCallsWithinHour", 2)))).isEqualTo("III");
        assertThat(level(retail(Map.of("content", "送货员搬运时撞坏客户家门框", "circumstances", List.of("PROPERTY_DAMAGE")))))
                .isEqualTo("IV");
        for (var channel : List.of("COURT", "HQ_EXECUTIVE_LETTER", "MEDIA")) {
            var external = retail(Map.of("channel", channel)).json();
            assertThat(external.get("level").asText()).as(channel).isEqualTo("V");
            assertThat(external.get("external").asBoolean()).as(channel).isTrue();
        }
        assertThat(level(retail(Map.of("content", "已购空调申请上门安装", "circumstances", List.of("SERVICE_NEED_ONLY")))))
                .isEqualTo("I");
    }

    // ------------------------------------------------------------------ scenario 16

    @Test
    @DisplayName(
            "scenario 16 / RT-04 / LC-32: the seven retail cases reach 售后, 财务, 广宣, 物流, 采销, 厂家 and 门管, each with its unit and lead")
    void sevenResponsibilityDepartments() throws Exception {
        var inputs = new LinkedHashMap<String, String[]>();
        inputs.put("安装师傅承诺24小时内上门，72小时过去仍未到", new String[] {"售后", "after-sales", "retail.aftersales"});
        inputs.put("四月至今增值税发票仍未开具", new String[] {"财务", "finance", "retail.finance"});
        inputs.put("购物满5万元承诺赠送5克金条，至今未兑现", new String[] {"广宣", "advertising", "retail.advertising"});
        inputs.put("冰箱约定30号送货，6月1日仍未送到", new String[] {"物流", "logistics", "retail.logistics"});
        inputs.put("预售冰箱一直没有进货", new String[] {"采销", "purchasing", "retail.purchasing"});
        inputs.put("电视维修三四次后仍然没有图像和声音", new String[] {"厂家", "manufacturer", "retail.vendor"});
        inputs.put("营业员说“我们下班管你什么事”", new String[] {"门管", "store-management", "retail.storemgr"});
        var partner = Api.partner(suite, "demo-retail-ticket-key");
        var filed = new LinkedHashMap<String, String[]>();
        for (var input : inputs.entrySet()) {
            var answer = retail(Map.of(
                    "content", input.getKey(), "category", Map.of("responsibilityCategory", input.getValue()[0])));
            filed.put(answer.json().get("id").asText(), input.getValue());
        }
        var departments = new ArrayList<String>();
        for (var complaint : filed.entrySet()) {
            var expected = complaint.getValue();
            var routed = ComplaintJourneyIT.awaitRouted(partner, complaint.getKey())
                    .json()
                    .get("routing");
            assertThat(routed.get("department").asText()).as(expected[0]).isEqualTo(expected[1]);
            var kase = partner.get("/api/v1/cases/" + routed.get("caseId").asText())
                    .json();
            assertThat(kase.get("responsibilityCategory").asText()).isEqualTo(expected[0]);
            assertThat(kase.get("handlingUnit").asText()).as(expected[0]).contains(expected[0]);
            assertThat(kase.get("handlingLead").asText()).as(expected[0]).isEqualTo(expected[2]);
            departments.add(kase.get("department").asText());
        }
        assertThat(departments).as("seven categories, seven departments").doesNotHaveDuplicates();
    }

    @Test
    @DisplayName(
            "LC-32 / RT-03: every department of each demo tenant names a handling unit and a lead who is a real demo user")
    void everyDepartmentLeadIsADemoUser() throws Exception {
        for (var key : List.of("demo-dealer-crm-key", "demo-retail-ticket-key", "demo-generic-hotline-key")) {
            var departments = Api.partner(suite, key)
                    .get("/api/v1/reference/cases")
                    .json()
                    .get("departments");
            var units = departments.get("units");
            var reachable = new java.util.TreeSet<String>();
            for (var table : List.of("byDomain", "bySubjectType", "byResponsibilityCategory")) {
                departments.get(table).forEach(d -> reachable.add(d.asText()));
            }
            reachable.add(departments.get("fallback").asText());
            assertThat(units.propertyNames()).as(key).containsAll(reachable).contains("legal");
            for (var department : units.propertyNames()) {
                var unit = units.get(department);
                assertThat(unit.get("unit").asText()).as(department).isNotBlank();
                var lead = unit.get("lead").asText();
                assertThat(lead).as(department).doesNotStartWith("role:");
                Api.staff(suite, lead); // a demo user the development issuer knows, or this throws
            }
        }
    }

    // ------------------------------------------------------------------ scenario 17

    @Test
    @DisplayName(
            "scenario 17 / OT-31: a negative-stock sale without 《负卖确认函》 is coded NEGATIVE_SALE_NO_CONFIRMATION, falls to 门管 and counts there in the monthly report")
    void negativeStockSale() throws Exception {
        var partner = Api.partner(suite, "demo-retail-ticket-key");
        // Months are counted in the tenant's zone (ADR 0520): the demo retail sites are in Shanghai.
        var month = YearMonth.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        var before = count(partner.get("/api/v1/cases/summary?month=" + month).json(), "门管");
        var filed =
                retail(Map.of("content", "缺货商品被负卖，到货遥遥无期", "category", Map.of("subjectType", "STOCK_AVAILABILITY")));
        var caseId = ComplaintJourneyIT.awaitRouted(
                        partner, filed.json().get("id").asText())
                .json()
                .get("routing")
                .get("caseId")
                .asText();
        var desk = Api.staff(suite, "retail.desk");
        assertThat(desk.post("/api/v1/cases/" + caseId + "/acceptance", Map.of())
                        .status())
                .isEqualTo(200);
        assertThat(desk.post("/api/v1/cases/" + caseId + "/contacts", Map.of("channel", "PHONE", "note", "致歉并说明"))
                        .status())
                .isEqualTo(200);
        var resolved = desk.post(
                "/api/v1/cases/" + caseId + "/resolution",
                Map.of(
                        "resolution",
                        Map.of(
                                "rootCause",
                                "缺货商品负卖，未签《负卖确认函》，未告知到货时间未知",
                                "rootCauseCode",
                                "NEGATIVE_SALE_NO_CONFIRMATION",
                                "defectCorrection",
                                "补签确认函并为顾客调货",
                                "longTermMeasure",
                                Map.of(
                                        "action", "收银系统对负卖订单强制上传已签《负卖确认函》后方可结算",
                                        "owner", "retail.storemgr",
                                        "dueDate", "2026-12-31"))));
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
        var kase = resolved.json();
        assertThat(kase.get("resolution").get("rootCauseCode").asText()).isEqualTo("NEGATIVE_SALE_NO_CONFIRMATION");
        assertThat(kase.get("responsibilityCategory").asText()).isEqualTo("门管");
        assertThat(kase.get("department").asText()).isEqualTo("store-management");

        assertThat(count(partner.get("/api/v1/cases/summary?month=" + month).json(), "门管"))
                .isEqualTo(before + 1);
        var report = Api.staff(suite, "retail.csmanager")
                .get("/api/v1/reports/monthly?month=" + month + "&site=sh-xujiahui&department=store-management");
        assertThat(report.status()).as(report.toString()).isEqualTo(200);
        assertThat(count(report.json().get("cases"), "门管")).isGreaterThanOrEqualTo(1);
    }

    // ------------------------------------------------------------------ scenario 19

    @Test
    @DisplayName(
            "scenario 19 / CP-01 / ESC-04 / LC-61: the 50 CNY voucher is approved by the handler; the 500 CNY cash waits for the customer-service manager, due in 4 h; approver, amount and reason recorded")
    void withinAndAboveAuthority() throws Exception {
        var caseId = respondedCase(suite);
        var agent = Api.staff(suite, "generic.agent");
        var sent = Instant.now();
        var proposed = agent.post(
                "/api/v1/compensations",
                Map.of(
                        "caseId",
                        caseId,
                        "customerRequested",
                        Map.of("kind", "MONETARY_COMPENSATION", "text", "要求现金补偿"),
                        "options",
                        List.of(
                                Map.of(
                                        "kind",
                                        "VOUCHER",
                                        "amount",
                                        Map.of("amount", "50", "currency", "CNY"),
                                        "rationale",
                                        "代金券可立即发放"),
                                Map.of(
                                        "kind",
                                        "MONETARY_COMPENSATION",
                                        "amount",
                                        Map.of("amount", "500", "currency", "CNY")))));
        assertThat(proposed.status()).as(proposed.toString()).isEqualTo(201);
        var options = proposed.json().get("options");
        assertThat(options.get(0).get("status").asText()).isEqualTo("APPROVED");
        assertThat(options.get(0).get("decisions").get(0).get("by").asText()).isEqualTo("generic.agent");
        var cash = options.get(1);
        assertThat(cash.get("status").asText()).isEqualTo("PENDING_APPROVAL");
        assertThat(cash.get("requiredRole").asText()).as("who decides").isEqualTo("cs-manager");
        assertThat(Instant.parse(cash.get("approvalDue").asText()))
                .as("by when: the generic preset's 4 hours")
                .isBetween(
                        sent.plus(Duration.ofHours(4)).minusSeconds(5),
                        Instant.now().plus(Duration.ofHours(4)));
        var id = proposed.json().get("compensationId").asText();
        var cashOption = cash.get("optionId").asText();

        var peer = Api.staff(suite, "generic.agent2")
                .post(
                        "/api/v1/compensations/" + id + "/approvals",
                        Map.of("optionId", cashOption, "decision", "APPROVE"));
        assertThat(peer.status()).isEqualTo(403);
        var approved = Api.staff(suite, "generic.manager")
                .post(
                        "/api/v1/compensations/" + id + "/approvals",
                        Map.of("optionId", cashOption, "decision", "APPROVE", "reason", "waited two hours"));
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        var decision = approved.json().get("options").get(1).get("decisions").get(0);
        assertThat(decision.get("by").asText()).isEqualTo("generic.manager");
        assertThat(decision.get("amount").get("amount").decimalValue()).isEqualByComparingTo("500");
        assertThat(decision.get("reason").asText()).isEqualTo("waited two hours");
    }

    // ------------------------------------------------------------------ scenario 20

    @Test
    @DisplayName(
            "scenario 20 / CP-11 / LC-41 / ESC-05 / LC-45: a rejection records what the customer wants, the second (or a first marked conflict=true) brings in the customer-service manager, and nothing is implemented before the agreement")
    void rejectionsThenAgreement() throws Exception {
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
        assertThat(proposed.status()).as(proposed.toString()).isEqualTo(201);
        var id = proposed.json().get("compensationId").asText();
        var options = proposed.json().get("options");
        var first = options.get(0).get("optionId").asText();
        var second = options.get(1).get("optionId").asText();

        var unasked =
                agent.post("/api/v1/compensations/" + id + "/consent", Map.of("optionId", first, "accepted", false));
        assertThat(unasked.status()).as("您希望我们怎么做? must be asked and recorded").isEqualTo(422);
        assertThat(unasked.body()).contains("customerWants");
        var early = agent.post("/api/v1/compensations/" + id + "/delivery", Map.of("reference", "V-0"));
        assertThat(early.status()).as("no implementation before the agreement").isEqualTo(409);

        var rejected = agent.post(
                "/api/v1/compensations/" + id + "/consent",
                Map.of("optionId", first, "accepted", false, "customerWants", "全额退款"));
        assertThat(rejected.status()).as(rejected.toString()).isEqualTo(200);
        assertThat(rejected.json().get("rejections").get(0).get("customerWants").asText())
                .isEqualTo("全额退款");
        assertThat(rejected.json().get("escalatedTo").isNull()).isTrue();
        var again = agent.post(
                "/api/v1/compensations/" + id + "/consent",
                Map.of("optionId", second, "accepted", false, "customerWants", "经理出面"));
        assertThat(again.json().get("escalatedTo").asText()).isEqualTo("role:cs-manager");
        var escalated = awaitCase(
                agent,
                caseId,
                kase -> kase.get("owner").asText().equals("role:cs-manager")
                        && kase.get("escalations").toString().contains("ESC-05"));
        assertThat(escalated.get("owner").asText()).isEqualTo("role:cs-manager");

        var agreed =
                agent.post("/api/v1/compensations/" + id + "/consent", Map.of("optionId", first, "accepted", true));
        assertThat(agreed.status()).as(agreed.toString()).isEqualTo(200);
        assertThat(agreed.json().get("agreement").get("optionId").asText()).isEqualTo(first);
        awaitCase(agent, caseId, kase -> kase.get("state").asText().equals("AGREED"));
        var delivered = agent.post("/api/v1/compensations/" + id + "/delivery", Map.of("reference", "V-20"));
        assertThat(delivered.status()).as(delivered.toString()).isEqualTo(200);

        var conflictCase = respondedCase(suite);
        var single = agent.post(
                "/api/v1/compensations",
                Map.of(
                        "caseId",
                        conflictCase,
                        "options",
                        List.of(Map.of("kind", "VOUCHER", "amount", Map.of("amount", "50", "currency", "CNY")))));
        assertThat(single.status()).as(single.toString()).isEqualTo(201);
        var conflict = agent.post(
                "/api/v1/compensations/" + single.json().get("compensationId").asText() + "/consent",
                Map.of(
                        "optionId",
                        single.json().get("options").get(0).get("optionId").asText(),
                        "accepted",
                        false,
                        "customerWants",
                        "要求经理出面",
                        "conflict",
                        true));
        assertThat(conflict.status()).as(conflict.toString()).isEqualTo(200);
        assertThat(conflict.json().get("escalatedTo").asText())
                .as("conflict=true brings in the manager at the first rejection")
                .isEqualTo("role:cs-manager");
        awaitCase(
                agent,
                conflictCase,
                kase -> kase.get("owner").asText().equals("role:cs-manager")
                        && kase.get("escalations").toString().contains("ESC-05"));
    }

    // ------------------------------------------------------------------ CP-10 / CP-11

    @Test
    @DisplayName(
            "CP-11 / CP-10: with no wish of the customer's own the customary remedy for the category is proposed and waits for consent;"
                    + " another remedy than the one asked for needs a rationale; a confirmed loss carries its amount")
    void customerWishAndConfirmedLoss() throws Exception {
        var caseId = respondedCase(suite, "SERVICE_PROCESS");
        var agent = Api.staff(suite, "generic.agent");

        var noRationale = agent.post(
                "/api/v1/compensations",
                Map.of(
                        "caseId",
                        caseId,
                        "customerRequested",
                        Map.of("kind", "REFUND", "text", "退款"),
                        "options",
                        List.of(Map.of("kind", "VOUCHER", "amount", Map.of("amount", "50", "currency", "CNY")))));
        assertThat(noRationale.status()).isEqualTo(422);
        assertThat(noRationale.contentType()).startsWith("application/problem+json");
        assertThat(noRationale.body()).contains("options[0].rationale");
        var noAmount = agent.post(
                "/api/v1/compensations",
                Map.of("caseId", caseId, "economicLossConfirmed", true, "customerRequested", Map.of("none", true)));
        assertThat(noAmount.status()).isEqualTo(422);
        assertThat(noAmount.body()).contains("economicLoss");
        assertThat(agent.get("/api/v1/compensations?caseId=" + caseId).json().toString())
                .as("nothing stored")
                .doesNotContain(caseId);

        var customary = agent.post(
                "/api/v1/compensations",
                Map.of(
                        "caseId",
                        caseId,
                        "economicLossConfirmed",
                        true,
                        "economicLoss",
                        Map.of("amount", "120.00", "currency", "CNY"),
                        "customerRequested",
                        Map.of("none", true, "text", "您看着办")));
        assertThat(customary.status()).as(customary.toString()).isEqualTo(201);
        var c = customary.json();
        assertThat(c.get("customaryRemedy").get("kind").asText()).isEqualTo("VOUCHER");
        assertThat(c.get("customaryRemedy").get("subjectType").asText()).isEqualTo("SERVICE_PROCESS");
        assertThat(c.get("options").get(0).get("kind").asText()).isEqualTo("VOUCHER");
        assertThat(c.get("options").get(0).get("amount").get("amount").decimalValue())
                .isEqualByComparingTo("50");
        var id = c.get("compensationId").asText();
        var shown = agent.get("/api/v1/compensations/" + id).json();
        assertThat(shown.get("economicLoss").get("amount").decimalValue()).isEqualByComparingTo("120.00");
        assertThat(shown.get("customerRequested").get("none").asBoolean()).isTrue();
        assertThat(agent.post("/api/v1/compensations/" + id + "/delivery", Map.of("reference", "V-1"))
                        .status())
                .as("the customary remedy waits for the customer's consent")
                .isEqualTo(409);
    }

    // ------------------------------------------------------------------ CP-17 / OT-04

    @Test
    @DisplayName(
            "CP-17 / OT-04: a VIP customer's complaint gets one more priority as the retail preset says; the level stays")
    void vipRaisesPriority() throws Exception {
        var plain = retail(Map.of()).json();
        var vip = retail(Map.of("flags", List.of("VIP"))).json();
        assertThat(vip.get("level").asText()).isEqualTo(plain.get("level").asText());
        assertThat(vip.get("priority").asInt()).isEqualTo(plain.get("priority").asInt() + 1);
        var partner = Api.partner(suite, "demo-retail-ticket-key");
        var caseId = ComplaintJourneyIT.awaitRouted(partner, vip.get("id").asText())
                .json()
                .get("routing")
                .get("caseId")
                .asText();
        assertThat(partner.get("/api/v1/cases/" + caseId).json().get("priority").asInt())
                .isEqualTo(vip.get("priority").asInt());
    }

    // ------------------------------------------------------------------ OT-13 / CP-20

    @Test
    @DisplayName(
            "OT-13 / CP-20: MALICIOUS_SUSPECTED only with a supervisor's approval, recorded; the service desk gets 403 problem details and nothing changes")
    void maliciousSuspicionNeedsASupervisor() throws Exception {
        var partner = Api.partner(suite, "demo-retail-ticket-key");
        var flaggedAtFiling = partner.with("Idempotency-Key", Complaints.key())
                .post("/api/v1/complaints", retailBody(Map.of("flags", List.of("MALICIOUS_SUSPECTED"))));
        assertThat(flaggedAtFiling.status()).isEqualTo(422);
        var id = retail(Map.of()).json().get("id").asText();
        var before = partner.get("/api/v1/complaints/" + id).json();
        var path = "/api/v1/complaints/" + id + "/malicious-suspicion";
        var decision = Map.of("suspected", true, "reason", "同一订单第三次以不同理由索赔，录音与单据不符");

        var desk = Api.staff(suite, "retail.desk").post(path, decision);
        assertThat(desk.status()).isEqualTo(403);
        assertThat(desk.contentType()).startsWith("application/problem+json");
        var unchanged = partner.get("/api/v1/complaints/" + id).json();
        assertThat(unchanged.get("flags")).isEqualTo(before.get("flags"));
        assertThat(unchanged.get("flagDecisions")).isEmpty();

        var approved = Api.staff(suite, "retail.supervisor").post(path, decision);
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        assertThat(approved.json().get("flags").toString()).contains("MALICIOUS_SUSPECTED");
        var recorded = approved.json().get("flagDecisions").get(0);
        assertThat(recorded.get("decidedBy").asText()).isEqualTo("retail.supervisor");
        assertThat(recorded.get("roles").toString()).contains("cs-supervisor");
        assertThat(recorded.get("reason").asText()).contains("录音与单据不符");
    }

    // ------------------------------------------------------------------ RT-07

    @Test
    @DisplayName(
            "RT-07: a legal-risk retail complaint and a major dealer complaint reach the legal department, with the legal-risk checklist on the case")
    void legalRiskReachesLegal() throws Exception {
        var retailPartner = Api.partner(suite, "demo-retail-ticket-key");
        var risky = retail(Map.of("content", "顾客声称将起诉门店虚假宣传", "circumstances", List.of("LEGAL_RISK")));
        var dealerPartner = Api.partner(suite, "demo-dealer-crm-key");
        var major = dealerPartner
                .with("Idempotency-Key", Complaints.key())
                .post(
                        "/api/v1/complaints",
                        Complaints.with(
                                Complaints.walkIn("sh-minhang", "维修后制动失灵导致追尾"),
                                "circumstances",
                                List.of("PERSONAL_INJURY")));
        assertThat(major.status()).as(major.toString()).isEqualTo(201);
        for (var filed : List.of(
                Map.entry(retailPartner, risky.json().get("id").asText()),
                Map.entry(dealerPartner, major.json().get("id").asText()))) {
            var caseId = ComplaintJourneyIT.awaitRouted(filed.getKey(), filed.getValue())
                    .json()
                    .get("routing")
                    .get("caseId")
                    .asText();
            var kase = filed.getKey().get("/api/v1/cases/" + caseId).json();
            var legal = new ArrayList<JsonNode>();
            kase.get("tasks").forEach(t -> {
                if (t.get("task").asText().equals("LEGAL_REPORT")) {
                    legal.add(t);
                }
            });
            assertThat(legal)
                    .as(kase.get("tenant").asText())
                    .singleElement()
                    .satisfies(t -> assertThat(t.get("owner").asText()).isEqualTo("role:legal"));
            var checklist = kase.get("checklists").get(0);
            assertThat(checklist.get("task").asText()).isEqualTo("LEGAL_REPORT");
            assertThat(checklist.get("items").size()).isGreaterThanOrEqualTo(5);
        }
    }

    // ------------------------------------------------------------------ helpers

    private static Map<String, Object> retailBody(Map<String, Object> changes) {
        var body = new LinkedHashMap<String, Object>(Map.of(
                "channel", "COMPANY_HOTLINE",
                "site", "sh-xujiahui",
                "customer", Map.of("id", "c-" + System.nanoTime(), "name", "李女士", "phone", "13900000000"),
                "content", "冰箱送货延误"));
        body.putAll(changes);
        return body;
    }

    private static Api.Answer retail(Map<String, Object> changes) throws Exception {
        var answer = Api.partner(suite, "demo-retail-ticket-key")
                .with("Idempotency-Key", Complaints.key())
                .post("/api/v1/complaints", retailBody(changes));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return answer;
    }

    private static String level(Api.Answer answer) {
        return answer.json().get("level").asText();
    }

    private static long count(JsonNode summary, String category) {
        var counts = summary.get("byResponsibilityCategory");
        return counts == null || !counts.has(category)
                ? 0
                : counts.get(category).asLong();
    }

    private static JsonNode awaitCase(Api api, String caseId, Predicate<JsonNode> done) throws Exception {
        var deadline = Instant.now().plus(Duration.ofSeconds(30));
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            last = api.get("/api/v1/cases/" + caseId).json();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("case " + caseId + " did not get there in time: " + last);
    }
}
