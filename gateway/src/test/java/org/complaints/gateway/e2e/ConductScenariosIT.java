package org.complaints.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * DOMAIN.md §15 scenarios of staff conduct and customer-facing texts through the gateway (issue 15;
 * ADRs 0500-0502): the §12 linter on validity replies and messages in WARN and BLOCK mode, the
 * media customer, the safety alert, liability before the facts and the CM-16 reply letter. The
 * demo tenants, and e2e-conduct (the dealer preset with {@code texts.mode: BLOCK}).
 */
class ConductScenariosIT {

    static RunningSuite suite;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = RunningSuite.get();
    }

    @Test
    @DisplayName(
            "scenario 18 / LC-31: not valid → CLOSED_NOT_ESTABLISHED, no department assignment, the tactful reply passes the linter, archived, complaints_intake_invalid_total +1")
    void notValidComplaint() throws Exception {
        var invalidBefore = invalidCount("demo-generic");
        var partner = Api.partner(suite, "demo-generic-hotline-key");
        var filed = partner.with("Idempotency-Key", Complaints.key())
                .post(
                        "/api/v1/complaints",
                        Map.of(
                                "channel", "PHONE",
                                "site", "cd-counter-1",
                                "customer",
                                        Map.of("id", "c-" + System.nanoTime(), "name", "赵女士", "phone", "13700000000"),
                                "content", "柜台少找零钱",
                                "demand", Map.of("kind", "APOLOGY", "text", "要求退还差额并道歉")));
        assertThat(filed.status()).as(filed.toString()).isEqualTo(201);
        var id = filed.json().get("id").asText();
        var caseId = ComplaintJourneyIT.awaitRouted(partner, id)
                .json()
                .get("routing")
                .get("caseId")
                .asText();

        var supervisor = Api.staff(suite, "generic.supervisor");
        var decided = supervisor.post(
                "/api/v1/complaints/" + id + "/validity",
                Map.of(
                        "valid", false,
                        "reason", "facts not confirmed",
                        "reply", "感谢您的反馈。经核对当日柜台账目和监控，找零金额无误；如您还有疑问，我们很愿意再陪您一起核对。"));

        assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
        assertThat(decided.json().get("status").asText()).isEqualTo("NOT_ESTABLISHED");
        var check = decided.json().get("validity").get("replyCheck");
        assertThat(check.get("mode").asText()).isEqualTo("WARN");
        assertThat(check.get("hits")).as("the reply passes the §12 linter").isEmpty();
        var kase = supervisor.await(
                "/api/v1/cases/" + caseId, k -> k.get("state").asText().equals("CLOSED_NOT_ESTABLISHED"), Await.BOUND);
        assertThat(kase.get("validity").asText()).isEqualTo("NOT_VALID");
        assertThat(actions(kase)).as("no department assignment").doesNotContain("ASSIGN", "ACCEPT");
        assertThat(kase.get("owner").asText()).as("still the triage role").startsWith("role:");
        assertThat(partner.get("/api/v1/complaints/" + id).status())
                .as("still archived")
                .isEqualTo(200);
        assertThat(invalidCount("demo-generic")).isEqualTo(invalidBefore + 1);
    }

    @Test
    @DisplayName(
            "scenario 22 / §12.1: WARN (default): 2 hits in the SMS and 1 in the traditional variant, each with its replacement, stored on the message")
    void bannedPhrasesAreWarnedWithReplacements() throws Exception {
        var caseId = dealerCase(Api.staff(suite, "dealer.advisor"), "sh-minhang", List.of());
        var care = Api.staff(suite, "dealer.care");

        var first = care.post("/api/v1/cases/" + caseId + "/messages", Map.of("text", "这不是我的责任,您一定是弄错了。"));
        var second = care.post("/api/v1/cases/" + caseId + "/messages", Map.of("text", "這不是我的責任"));

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        var sms = first.json().get("messages").get(0);
        assertThat(sms.get("status").asText()).isEqualTo("SENT");
        assertThat(sms.get("check").get("mode").asText()).isEqualTo("WARN");
        assertThat(hits(sms, "phrase")).containsExactly("这不是我的责任", "您一定是弄错了");
        assertThat(hits(sms, "replacement")).containsExactly("谢谢您的反馈", "我想确认一下,您刚才说的意思是不是……");
        assertThat(sms.get("bannedHits")).hasSize(2);
        var traditional = second.json().get("messages").get(1);
        assertThat(hits(traditional, "phrase")).containsExactly("這不是我的責任");
        assertThat(hits(traditional, "replacement")).containsExactly("谢谢您的反馈");
    }

    @Test
    @DisplayName(
            "scenario 22 / §12.4: BLOCK (tenant e2e-conduct): the message is not sent, 422 names phrase and replacement; a validity reply likewise")
    void blockModeRefusesBannedPhrases() throws Exception {
        var director = Api.staff(suite, "conduct.director");
        var filed = director.with("Idempotency-Key", Complaints.key())
                .post("/api/v1/complaints", Complaints.walkIn("conduct-store", "保养后漏油"));
        assertThat(filed.status()).as(filed.toString()).isEqualTo(201);
        var id = filed.json().get("id").asText();
        var caseId = ComplaintJourneyIT.awaitRouted(director, id)
                .json()
                .get("routing")
                .get("caseId")
                .asText();

        var refused = director.post("/api/v1/cases/" + caseId + "/messages", Map.of("text", "这不是我的责任,您一定是弄错了。"));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("type").asText()).endsWith("/banned-phrase");
        assertThat(refused.body()).contains("这不是我的责任", "您一定是弄错了", "谢谢您的反馈", "我想确认一下");
        assertThat(director.get("/api/v1/cases/" + caseId).json().get("messages"))
                .as("not sent, nothing stored")
                .isEmpty();
        var clean = director.post("/api/v1/cases/" + caseId + "/messages", Map.of("text", "谢谢您的反馈，我们会尽快处理您的问题"));
        assertThat(clean.status()).isEqualTo(200);
        assertThat(clean.json().get("messages").get(0).get("check").get("mode").asText())
                .isEqualTo("BLOCK");

        var reply = director.post(
                "/api/v1/complaints/" + id + "/validity",
                Map.of("valid", false, "reason", "facts not confirmed", "reply", "您别激动，这绝对不可能"));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(422);
        assertThat(reply.body()).contains("您别激动", "我能明白您为什么觉得那样");
        var complaint = director.get("/api/v1/complaints/" + id).json();
        assertThat(complaint.get("status").asText()).as("nothing changed").isNotEqualTo("NOT_ESTABLISHED");
        assertThat(complaint.path("validity").isObject()).isFalse();
    }

    @Test
    @DisplayName(
            "scenario 23 / CH-04, CM-15: a reporter → MAJOR and the RBO PR escalation task (dealer), level IV (retail); written replies wait for PR approval; records complete")
    void mediaCustomer() throws Exception {
        var caseId = dealerCase(Api.staff(suite, "dealer.advisor"), "sh-minhang", List.of());
        var care = Api.staff(suite, "dealer.care");

        var flagged = care.post(
                "/api/v1/cases/" + caseId + "/flags",
                Map.of("flag", "MEDIA_OR_LEGAL_PROFESSION", "reason", "客户表示自己是晚报记者"));

        assertThat(flagged.status()).as(flagged.toString()).isEqualTo(200);
        var kase = flagged.json();
        assertThat(kase.get("level").asText()).isEqualTo("MAJOR");
        assertThat(kase.get("flags").toString()).contains("MEDIA_OR_LEGAL_PROFESSION");
        var pr = task(kase, "BRAND_PR_ESCALATION");
        assertThat(pr.get("rule").asText()).isEqualTo("ESC-01");
        assertThat(pr.get("owner").asText()).isEqualTo("role:brand-pr");
        assertThat(kase.get("banners").get(0).get("rule").asText()).isEqualTo("CH-04");

        var held = care.post("/api/v1/cases/" + caseId + "/messages", Map.of("text", "您好，我们正在核实情况，明天下午给您答复。"));
        var statement = held.json().get("messages").get(0);
        assertThat(statement.get("status").asText()).isEqualTo("AWAITING_APPROVAL");
        assertThat(statement.get("text").asText())
                .as("internal record complete")
                .contains("明天下午给您答复");
        var messageId = statement.get("id").asText();
        var marketing = Api.staff(suite, "dealer.marketing");
        Await.item(
                marketing,
                "/api/v1/notifications?limit=200",
                n -> caseId.equals(Await.text(n, "caseId")) && "STATEMENT_APPROVAL".equals(Await.text(n, "kind")));
        var notApprover = care.post(
                "/api/v1/cases/" + caseId + "/statement-approvals",
                Map.of("messageId", messageId, "decision", "APPROVE"));
        assertThat(notApprover.status()).isEqualTo(403);

        var approved = marketing.post(
                "/api/v1/cases/" + caseId + "/statement-approvals",
                Map.of("messageId", messageId, "decision", "APPROVE", "reason", "措辞已审核"));

        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        var sent = approved.json().get("messages").get(0);
        assertThat(sent.get("status").asText()).isEqualTo("SENT");
        assertThat(sent.get("approval").get("by").asText()).isEqualTo("dealer.marketing");

        var retail = Api.partner(suite, "demo-retail-ticket-key")
                .with("Idempotency-Key", Complaints.key())
                .post(
                        "/api/v1/complaints",
                        Map.of(
                                "channel", "COMPANY_HOTLINE",
                                "site", "sh-xujiahui",
                                "customer",
                                        Map.of("id", "c-" + System.nanoTime(), "name", "李女士", "phone", "13900000000"),
                                "content", "送货延误，我是律师",
                                "flags", List.of("MEDIA_OR_LEGAL_PROFESSION")));
        assertThat(retail.json().get("level").asText()).as("retail level IV").isEqualTo("IV");
        var retailCase = ComplaintJourneyIT.awaitRouted(
                        Api.partner(suite, "demo-retail-ticket-key"),
                        retail.json().get("id").asText())
                .json()
                .get("routing")
                .get("caseId")
                .asText();
        var retailView = Api.staff(suite, "retail.csmanager")
                .get("/api/v1/cases/" + retailCase)
                .json();
        assertThat(retailView.get("levelName").asText()).isEqualTo("IV");
        assertThat(retailView.get("banners").get(0).get("flag").asText()).isEqualTo("MEDIA_OR_LEGAL_PROFESSION");
    }

    @Test
    @DisplayName(
            "scenario 24 / ESC-09, CM-14, CL-22: the safety alert flags VIOLENCE_RISK, alerts the site manager and security, opens a task, shows the banner; same owner")
    void safetyAlert() throws Exception {
        var advisor = Api.staff(suite, "dealer.advisor");
        var caseId = dealerCase(advisor, "sh-minhang", List.of());
        var owner = advisor.get("/api/v1/cases/" + caseId).json().get("owner").asText();

        var alerted = advisor.post("/api/v1/cases/" + caseId + "/safety-alerts", Map.of("note", "客户情绪失控，拍桌威胁"));

        assertThat(alerted.status()).as(alerted.toString()).isEqualTo(200);
        var kase = alerted.json();
        assertThat(kase.get("flags").toString()).contains("VIOLENCE_RISK");
        assertThat(kase.get("banners").get(0).get("text").asText()).contains("ensure your own safety; seek assistance");
        assertThat(kase.get("safetyAlerts").get(0).get("notified").toString())
                .contains("role:service-manager", "role:security");
        assertThat(task(kase, "SAFETY_ASSISTANCE").get("owner").asText()).isEqualTo("role:service-manager");
        assertThat(kase.get("owner").asText()).isEqualTo(owner);
        var alert = Await.item(
                Api.staff(suite, "dealer.manager"),
                "/api/v1/notifications?limit=200",
                n -> caseId.equals(Await.text(n, "caseId")) && "SAFETY_ALERT".equals(Await.text(n, "kind")));
        assertThat(alert.get("text").asText()).contains("ESC-09").doesNotContain("拍桌");

        var accepted = Api.staff(suite, "dealer.director").post("/api/v1/cases/" + caseId + "/acceptance", Map.of());
        assertThat(accepted.status()).as("handling continues").isEqualTo(200);
        assertThat(accepted.json().get("owner").asText()).isEqualTo(owner);

        var reference = advisor.get("/api/v1/reference/cases").json();
        var violence = reference.get("flags").get("VIOLENCE_RISK");
        assertThat(violence.get("rule").asText()).isEqualTo("ESC-09");
        assertThat(violence.get("task").asText()).isEqualTo("SAFETY_ASSISTANCE");
        assertThat(violence.get("alert").toString()).contains("role:service-manager", "role:security");
        assertThat(reference
                        .get("flags")
                        .get("MEDIA_OR_LEGAL_PROFESSION")
                        .get("statementsNeedApproval")
                        .asBoolean())
                .isTrue();
        assertThat(reference.get("taskKinds").toString()).contains("SAFETY_ASSISTANCE", "BRAND_PR_ESCALATION");
        // §12 (ADR 0500): the phrase rules are published so clients can show findings while staff type.
        assertThat(reference.get("texts").get("mode").asText()).isEqualTo("WARN");
        assertThat(reference.get("texts").get("banned").toString()).contains("这不是我的责任", "這不是我的責任", "谢谢您的反馈");
    }

    @Test
    @DisplayName(
            "scenario 25 / CM-04, CM-16, CM-03: liability while validity is PENDING → 409 verify facts first; the apology is always allowed; an incomplete letter is 422; after the facts the letter is sent")
    void apologyIsNotLiability() throws Exception {
        var advisor = Api.staff(suite, "dealer.advisor");
        var caseId = dealerCase(advisor, "sh-minhang", List.of());
        var director = Api.staff(suite, "dealer.director");
        var care = Api.staff(suite, "dealer.care");

        var premature = director.post("/api/v1/cases/" + caseId + "/liability", Map.of("reason", "客户要求认责"));

        assertThat(premature.status()).as(premature.toString()).isEqualTo(409);
        assertThat(premature.json().get("type").asText()).endsWith("/verify-facts-first");
        assertThat(premature.body()).contains("Verify the facts first", "PENDING", "非常抱歉给您带来不便");
        var apology = care.post("/api/v1/cases/" + caseId + "/messages", Map.of("text", "非常抱歉给您带来不便"));
        assertThat(apology.status()).isEqualTo(200);
        assertThat(apology.json().get("messages").get(0).get("check").get("hits"))
                .isEmpty();
        var paraphrase = care.post(
                "/api/v1/cases/" + caseId + "/paraphrases",
                Map.of("text", "您是说修了两次发动机还有异响，希望彻底修好，对吗？", "confirmed", true));
        assertThat(paraphrase.json().get("paraphrases").get(0).get("confirmed").asBoolean())
                .isTrue();

        var incomplete = care.post("/api/v1/cases/" + caseId + "/letters", Map.of("letter", letter(null, "")));
        assertThat(incomplete.status()).as(incomplete.toString()).isEqualTo(422);
        assertThat(incomplete.json().get("type").asText()).endsWith("/incomplete-letter");
        assertThat(incomplete.body()).contains("letter.adjustmentWhen");
        assertThat(director.get("/api/v1/cases/" + caseId).json().get("messages"))
                .hasSize(1);

        var complaintId = director.get("/api/v1/cases/" + caseId)
                .json()
                .get("complaintId")
                .asText();
        assertThat(director.post("/api/v1/complaints/" + complaintId + "/validity", Map.of("valid", true))
                        .status())
                .isEqualTo(200);
        director.await(
                "/api/v1/cases/" + caseId, k -> k.get("validity").asText().equals("VALID"), Await.BOUND);
        director.post("/api/v1/cases/" + caseId + "/acceptance", Map.of());
        var rootCause = director.post(
                "/api/v1/cases/" + caseId + "/tasks/ROOT_CAUSE/completion", Map.of("evidence", "喷油嘴积碳，检测报告 R-17"));
        assertThat(rootCause.status()).as(rootCause.toString()).isEqualTo(200);
        var liability = director.post("/api/v1/cases/" + caseId + "/liability", Map.of("reason", "检测确认"));
        assertThat(liability.status()).as(liability.toString()).isEqualTo(200);
        assertThat(liability.json().get("liability").get("by").asText()).isEqualTo("dealer.director");

        var letter = care.post(
                "/api/v1/cases/" + caseId + "/letters",
                Map.of("letter", letter("经核实，是我们上次维修未能彻底排除故障。", "12月2日上午到店，约2小时完成")));
        assertThat(letter.status()).as(letter.toString()).isEqualTo(200);
        var sent = letter.json().get("messages").get(1);
        assertThat(sent.get("kind").asText()).isEqualTo("LETTER");
        assertThat(sent.get("letter").get("adjustmentWhen").asText()).contains("12月2日");
        assertThat(sent.get("check").get("hits")).isEmpty();
    }

    private static Map<String, Object> letter(String mistake, String when) {
        var letter = new java.util.LinkedHashMap<String, Object>();
        letter.put("receipt", "王先生您好，您反映的发动机异响问题我们已收到。");
        if (mistake != null) {
            letter.put("mistake", mistake);
        }
        letter.put("explanation", "异响来自喷油嘴积碳，上次维修只更换了火花塞。");
        letter.put("adjustmentHow", "免费清洗喷油嘴并复查点火系统");
        letter.put("adjustmentWhen", when);
        letter.put("nonRecurrence", "维修后增加路试复检环节");
        letter.put("apology", "非常抱歉给您带来不便");
        return letter;
    }

    private static String dealerCase(Api recorder, String site, List<String> flags) throws Exception {
        var body = Complaints.with(Complaints.walkIn(site, "发动机异响，修了两次还没好"), "flags", flags);
        var filed = recorder.with("Idempotency-Key", Complaints.key()).post("/api/v1/complaints", body);
        assertThat(filed.status()).as(filed.toString()).isEqualTo(201);
        return ComplaintJourneyIT.awaitRouted(recorder, filed.json().get("id").asText())
                .json()
                .get("routing")
                .get("caseId")
                .asText();
    }

    private static List<String> hits(JsonNode message, String field) {
        var values = new ArrayList<String>();
        message.get("check").get("hits").forEach(h -> values.add(h.get(field).asText()));
        return values;
    }

    private static List<String> actions(JsonNode kase) {
        var values = new ArrayList<String>();
        kase.get("audit").forEach(a -> values.add(a.get("action").asText()));
        return values;
    }

    private static JsonNode task(JsonNode kase, String name) {
        for (var t : kase.get("tasks")) {
            if (name.equals(Await.text(t, "task"))) {
                return t;
            }
        }
        throw new AssertionError("no task " + name + " in " + kase.get("tasks"));
    }

    /** complaints_intake_invalid_total of a tenant, from intake's management port (0 before the first). */
    private static double invalidCount(String tenant) throws Exception {
        var scrape = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create(suite.managementUrl("intake-service") + "/actuator/prometheus"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        return scrape.lines()
                .filter(l ->
                        l.startsWith("complaints_intake_invalid_total{") && l.contains("tenant=\"" + tenant + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }
}
