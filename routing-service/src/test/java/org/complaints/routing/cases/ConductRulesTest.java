package org.complaints.routing.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.complaints.routing.cases.CaseFixtures.local;
import static org.complaints.routing.cases.InMemoryRouting.staff;
import static org.complaints.routing.cases.InMemoryRouting.system;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.complaints.support.delivery.Delivery;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.tenant.Tenant;
import org.complaints.support.tenant.TenantDirectory;
import org.complaints.support.text.TextCheck;
import org.complaints.support.text.TextLinter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Staff conduct and customer-facing texts on the case (issue 15; ADRs 0500-0502): the §12 linter on
 * messages and letters in WARN and BLOCK mode, CM-16 letters, CM-04 liability, ESC-09 safety alerts,
 * CH-04 / CM-15 media customers and CM-03 paraphrases. The real application service over in-memory
 * repositories with the demo dealer's preset.
 */
class ConductRulesTest {

    static final String DEALER = "demo-dealer";

    final InMemoryRouting routing = new InMemoryRouting(local("2025-03-03T09:00"));
    final CallerIdentity care = staff(DEALER, "customer-care-officer");
    final CallerIdentity director = staff(DEALER, "service-director");
    final CallerIdentity marketing = staff(DEALER, "marketing-manager");

    @Test
    @DisplayName("§12.1 WARN (default): a message with banned phrases is stored with each hit and its replacement")
    void warnModeStoresTheCheck() {
        var c = open(List.of());

        var after = routing.service.act(care, c.id, Action.MESSAGE, text("这不是我的责任,您一定是弄错了。"));

        var message = after.messages.getFirst();
        assertThat(message.status()).isEqualTo(Case.SENT);
        assertThat(message.check().mode()).isEqualTo("WARN");
        assertThat(message.check().hits())
                .extracting(TextCheck.Hit::phrase, TextCheck.Hit::replacement)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("这不是我的责任", "谢谢您的反馈"),
                        org.assertj.core.groups.Tuple.tuple("您一定是弄错了", "我想确认一下,您刚才说的意思是不是……"));
        assertThat(message.bannedHits()).containsExactly("这不是我的责任", "您一定是弄错了");
    }

    @Test
    @DisplayName(
            "§12.1 BLOCK (tenant override): the message is refused 422 naming phrase and replacement; nothing stored")
    void blockModeRefusesTheMessage() {
        var blocking = new InMemoryRouting(local("2025-03-03T09:00"), blockingLinter());
        var c = blocking.service
                .open(system(DEALER, "intake-service"), request(List.of()))
                .kase();
        var version = blocking.cases.stored(c.id).version;

        assertThatThrownBy(() -> blocking.service.act(care, c.id, Action.MESSAGE, text("這不是我的責任")))
                .isInstanceOfSatisfying(CaseRefusal.class, r -> {
                    assertThat(r.kind()).isEqualTo(CaseRefusal.Kind.BANNED_PHRASE);
                    assertThat(CaseProblems.toProblem(r).status().value()).isEqualTo(422);
                    assertThat(r.getMessage()).contains("這不是我的責任");
                    assertThat(r.fields().getFirst().message()).contains("谢谢您的反馈");
                });
        assertThat(blocking.cases.stored(c.id).version).isEqualTo(version);
        assertThat(blocking.cases.stored(c.id).messages).isEmpty();
        var clean = blocking.service.act(care, c.id, Action.MESSAGE, text("谢谢您的反馈，我们会尽快处理您的问题"));
        assertThat(clean.messages.getFirst().check().hits()).isEmpty();
    }

    @Test
    @DisplayName("CM-16: a letter with empty sections is refused 422 naming each; nothing stored")
    void incompleteLetterIsRefused() {
        var c = open(List.of());
        var version = routing.cases.stored(c.id).version;
        var letter = new Case.Letter("已收到您的投诉", null, "异响来自喷油嘴积碳", "免费清洗喷油嘴", " ", null, "非常抱歉给您带来不便");

        assertThatThrownBy(() -> routing.service.act(care, c.id, Action.LETTER, letter(letter)))
                .isInstanceOfSatisfying(CaseRefusal.class, r -> {
                    assertThat(r.kind()).isEqualTo(CaseRefusal.Kind.INCOMPLETE_LETTER);
                    assertThat(CaseProblems.toProblem(r).status().value()).isEqualTo(422);
                    assertThat(r.fields())
                            .extracting(CaseRefusal.Field::field)
                            .containsExactly("letter.adjustmentWhen", "letter.nonRecurrence");
                });
        assertThat(routing.cases.stored(c.id).version).isEqualTo(version);
    }

    @Test
    @DisplayName(
            "CM-16 / CM-04: a complete letter is sent; a mistake admitted before liability is flagged, not refused")
    void completeLetterIsSentAndPrematureAdmissionFlagged() {
        var c = open(List.of());

        var after = routing.service.act(care, c.id, Action.LETTER, letter(complete("经核实，是我们维修不彻底")));

        var sent = after.messages.getFirst();
        assertThat(sent.kind()).isEqualTo(Case.LETTER_KIND);
        assertThat(sent.letter().adjustmentWhen()).isEqualTo("3月6日上午");
        assertThat(sent.text()).contains("已收到您的投诉", "非常抱歉给您带来不便");
        assertThat(sent.check().hits())
                .extracting(TextCheck.Hit::field, TextCheck.Hit::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("letter.mistake", TextCheck.LIABILITY));
    }

    @Test
    @DisplayName("CM-04 / scenario 25: liability while validity is PENDING → 409 verify facts first; apology allowed")
    void liabilityWaitsForTheFacts() {
        var c = open(List.of());
        var version = routing.cases.stored(c.id).version;

        assertThatThrownBy(() -> routing.service.act(director, c.id, Action.ACCEPT_LIABILITY, Step.because("客户要求")))
                .isInstanceOfSatisfying(CaseRefusal.class, r -> {
                    assertThat(r.kind()).isEqualTo(CaseRefusal.Kind.LIABILITY_BEFORE_FACTS);
                    assertThat(CaseProblems.toProblem(r).status().value()).isEqualTo(409);
                    assertThat(r.getMessage()).contains("Verify the facts first", "PENDING", "非常抱歉给您带来不便");
                });
        assertThat(routing.cases.stored(c.id).version).isEqualTo(version);
        var apology = routing.service.act(care, c.id, Action.MESSAGE, text("非常抱歉给您带来不便"));
        assertThat(apology.messages.getFirst().check().hits()).isEmpty();
        var admission = routing.service.act(care, c.id, Action.MESSAGE, text("这是我们的责任"));
        assertThat(admission.messages.get(1).check().hits())
                .extracting(TextCheck.Hit::kind)
                .containsExactly(TextCheck.LIABILITY);
    }

    @Test
    @DisplayName(
            "CM-04: once valid (LC-31) and the root cause is on record, liability is accepted; a letter then needs the mistake")
    void liabilityAfterValidityAndRootCause() {
        var c = open(List.of());
        routing.service.event(
                system(DEALER, "intake-service"), c.id, new CaseEvent("v-1", "COMPLAINT_VALID", null, Map.of()));
        assertThat(routing.cases.stored(c.id).validity).isEqualTo("VALID");
        assertThatThrownBy(() -> routing.service.act(director, c.id, Action.ACCEPT_LIABILITY, Step.empty()))
                .as("root cause not on record yet")
                .isInstanceOfSatisfying(
                        CaseRefusal.class, r -> assertThat(r.getMessage()).contains("root cause"));
        routing.service.act(director, c.id, Action.ACCEPT, Step.empty());
        routing.service.completeTask(director, c.id, HandlingTaskRules.ROOT_CAUSE, "喷油嘴积碳，检测报告 R-17");

        var accepted = routing.service.act(director, c.id, Action.ACCEPT_LIABILITY, Step.because("检测确认"));

        assertThat(accepted.liability.by()).isEqualTo(director.subject());
        assertThatThrownBy(() -> routing.service.act(care, c.id, Action.LETTER, letter(complete(null))))
                .isInstanceOfSatisfying(
                        CaseRefusal.class,
                        r -> assertThat(r.fields())
                                .extracting(CaseRefusal.Field::field)
                                .containsExactly("letter.mistake"));
        var letter = routing.service.act(care, c.id, Action.LETTER, letter(complete("这是我们的责任")));
        assertThat(letter.messages.getFirst().check().hits()).isEmpty();
    }

    @Test
    @DisplayName(
            "ESC-09 / CM-14 / scenario 24: a safety alert flags VIOLENCE_RISK, alerts manager and security, opens a task; same owner")
    void safetyAlert() {
        var c = open(List.of());
        var owner = c.owner;

        var after = routing.service.act(
                care,
                c.id,
                Action.SAFETY_ALERT,
                new Step(null, "客户拍桌威胁", null, null, null, null, null, null, null, null, null, null));

        assertThat(after.flags).contains("VIOLENCE_RISK");
        assertThat(after.owner).isEqualTo(owner);
        assertThat(after.banners)
                .extracting(Case.Banner::flag, Case.Banner::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("VIOLENCE_RISK", "ESC-09"));
        assertThat(after.safetyAlerts.getFirst().notified()).containsExactly("role:service-manager", "role:security");
        assertThat(after.tasks).anySatisfy(t -> {
            assertThat(t.task()).isEqualTo("SAFETY_ASSISTANCE");
            assertThat(t.assignee()).isEqualTo("role:service-manager");
        });
        assertThat(after.deliveries).extracting(Delivery::kind).contains(Case.SAFETY_ALERT_NOTICE);
        var again = routing.service.act(care, c.id, Action.SAFETY_ALERT, Step.empty());
        assertThat(again.safetyAlerts).hasSize(2);
        assertThat(again.tasks)
                .filteredOn(t -> t.task().equals("SAFETY_ASSISTANCE"))
                .hasSize(1);
    }

    @Test
    @DisplayName(
            "CH-04 / CM-15 / scenario 23: a reporter flag raises MAJOR, opens the RBO PR task, holds statements for PR")
    void mediaCustomer() {
        var c = open(List.of());
        assertThat(c.level).isEqualTo("GENERAL");

        var flagged = routing.service.act(care, c.id, Action.FLAG, flag("MEDIA_OR_LEGAL_PROFESSION"));

        assertThat(flagged.level).isEqualTo("MAJOR");
        assertThat(flagged.tasks).anySatisfy(t -> {
            assertThat(t.task()).isEqualTo("BRAND_PR_ESCALATION");
            assertThat(t.rule()).isEqualTo("ESC-01");
        });
        var held = routing.service.act(care, c.id, Action.MESSAGE, text("您好，我们正在核实情况"));
        var statement = held.messages.getFirst();
        assertThat(statement.status()).isEqualTo(Case.AWAITING_APPROVAL);
        assertThatThrownBy(() ->
                        routing.service.act(care, c.id, Action.APPROVE_STATEMENT, decision(statement.id(), "APPROVE")))
                .isInstanceOfSatisfying(
                        CaseRefusal.class, r -> assertThat(r.kind()).isEqualTo(CaseRefusal.Kind.NOT_ALLOWED));

        var approved =
                routing.service.act(marketing, c.id, Action.APPROVE_STATEMENT, decision(statement.id(), "APPROVE"));

        assertThat(approved.messages.getFirst().status()).isEqualTo(Case.SENT);
        assertThat(approved.messages.getFirst().approval().by()).isEqualTo(marketing.subject());
        assertThatThrownBy(() -> routing.service.act(
                        marketing, c.id, Action.APPROVE_STATEMENT, decision(statement.id(), "APPROVE")))
                .isInstanceOfSatisfying(
                        CaseRefusal.class, r -> assertThat(r.kind()).isEqualTo(CaseRefusal.Kind.STATEMENT_DECIDED));
        assertThatThrownBy(() -> routing.service.act(care, c.id, Action.FLAG, flag("ASTROLOGER")))
                .isInstanceOfSatisfying(
                        CaseRefusal.class,
                        r -> assertThat(r.fields().getFirst().field()).isEqualTo("flag"));
    }

    @Test
    @DisplayName("CH-04: a complaint filed with the reporter flag opens the PR route at once")
    void flagAtFiling() {
        var c = open(List.of("MEDIA_OR_LEGAL_PROFESSION"));

        assertThat(c.level).isEqualTo("MAJOR");
        assertThat(c.tasks).extracting(t -> t.task()).contains("BRAND_PR_ESCALATION");
        assertThat(c.banners).extracting(Case.Banner::flag).containsExactly("MEDIA_OR_LEGAL_PROFESSION");
    }

    @Test
    @DisplayName(
            "CM-03 / LC-22: the paraphrase and whether the customer confirmed it are recorded; confirmed is required")
    void paraphrase() {
        var c = open(List.of());
        assertThatThrownBy(() -> routing.service.act(care, c.id, Action.PARAPHRASE, text("您是说修了两次还有异响")))
                .isInstanceOfSatisfying(
                        CaseRefusal.class,
                        r -> assertThat(r.fields().getFirst().field()).isEqualTo("confirmed"));

        var after = routing.service.act(care, c.id, Action.PARAPHRASE, paraphrase("您是说修了两次还有异响，对吗？", true));

        assertThat(after.paraphrases)
                .extracting(Case.Paraphrase::text, Case.Paraphrase::confirmed, Case.Paraphrase::by)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("您是说修了两次还有异响，对吗？", true, care.subject()));
    }

    private Case open(List<String> flags) {
        return routing.service
                .open(system(DEALER, "intake-service"), request(flags))
                .kase();
    }

    private static OpenCaseRequest request(List<String> flags) {
        return new OpenCaseRequest(
                "cmp-" + UUID.randomUUID(),
                null,
                null,
                "sh-minhang",
                "SERVICE_ADVISOR_RECEPTION",
                flags.isEmpty() ? "GENERAL" : "MAJOR",
                null,
                null,
                "TECHNICAL",
                null,
                flags,
                null,
                null,
                null,
                null,
                null,
                "dealer.advisor");
    }

    private static TextLinter blockingLinter() {
        var tenants = new HashMap<String, Tenant>();
        CaseFixtures.TENANTS.all().forEach(t -> {
            var overrides = new HashMap<>(t.overrides());
            overrides.put("texts", Map.of("mode", "BLOCK"));
            tenants.put(
                    t.id(),
                    new Tenant(t.id(), t.name(), t.preset(), t.retentionYears(), t.regions(), t.sites(), overrides));
        });
        return new TextLinter(new TenantDirectory(tenants));
    }

    private static Step text(String text) {
        return new Step(null, null, null, null, null, null, null, text, null, null, null, null);
    }

    private static Step letter(Case.Letter letter) {
        return new Step(
                null, null, null, null, null, null, null, null, null, null, null, null, null, letter, null, null, null,
                null);
    }

    private static Case.Letter complete(String mistake) {
        return new Case.Letter("已收到您的投诉", mistake, "异响来自喷油嘴积碳", "免费清洗喷油嘴", "3月6日上午", "维修后增加路试复检", "非常抱歉给您带来不便");
    }

    private static Step flag(String flag) {
        return new Step(
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, flag, null, null,
                null);
    }

    private static Step decision(String messageId, String decision) {
        return new Step(
                "措辞已审核", null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                messageId, decision);
    }

    private static Step paraphrase(String text, boolean confirmed) {
        return new Step(
                null, null, null, null, null, null, null, text, null, null, null, null, null, null, null, confirmed,
                null, null);
    }
}
