package org.complaints.gateway.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The staff console (issue 16, ADR 0600) in a real browser: Debian's chromium driven by Playwright,
 * against the whole suite through the gateway. Every element is found by its role and accessible
 * name, as a screen-reader user would find it. Set-up that is not the flow under test (a complaint
 * filed by a partner, a compensation proposed) goes through the public API, and every outcome on
 * screen is checked against the API. Screenshots of each page land in
 * {@code target/console-screenshots/} (1280×800, and the work list at 390×844).
 *
 * <p>{@code -Dconsole.gateway=http://localhost:8080} drives an already running suite (run-local)
 * instead of starting one.
 */
class ConsoleIT {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Path SHOTS = Paths.get("target", "console-screenshots");

    static String gateway;
    static Playwright playwright;
    static Browser browser;
    final List<BrowserContext> contexts = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        var running = System.getProperty("console.gateway");
        gateway = running != null && !running.isBlank()
                ? running
                : RunningSuite.get().gateway();
        Files.createDirectories(SHOTS);
        playwright = Playwright.create();
        browser = playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(Paths.get("/usr/bin/chromium"))
                        .setHeadless(true)
                        .setArgs(List.of(
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-quic",
                                "--no-first-run",
                                "--disable-background-networking",
                                "--disable-component-update",
                                "--disable-sync")));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @AfterEach
    void closeContexts() {
        contexts.forEach(BrowserContext::close);
        contexts.clear();
    }

    @Test
    @DisplayName("a desk user files a complaint in the console and finds it in My work, with a live countdown")
    void deskUserFilesAComplaintAndSeesItInMyWork() throws Exception {
        var from = Instant.now().minusSeconds(5);
        var page = signIn("retail.desk", 1280, 800, "en-US");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("New complaint"))
                .click();
        var form = page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("New complaint"));
        form.getByLabel("Channel").selectOption("STORE_SERVICE_DESK");
        assertThat(form.getByLabel("Site")).hasValue("sh-xujiahui");
        var content = "控制台受理：洗衣机脱水异响 " + UUID.randomUUID().toString().substring(0, 8);
        form.getByLabel("Customer name").fill("孙女士");
        form.getByLabel("Phone").fill("13800138003");
        form.getByLabel("Content").fill(content);
        form.getByLabel("What the customer asks for").fill("要求上门检修");
        shot(page, "new-complaint");
        form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("File complaint"))
                .click();
        assertThat(form.getByRole(AriaRole.STATUS)).containsText("Complaint filed");

        // The API holds it as filed by this user.
        var desk = Api.staff(gateway, "retail.desk");
        var filed = Await.item(
                desk,
                "/api/v1/complaints?site=sh-xujiahui&limit=100&createdFrom=" + from,
                c -> content.equals(Api.text(c, "content")));
        assertThat(Api.text(filed, "receiver")).isEqualTo("retail.desk");
        var caseId = ComplaintJourneyIT.awaitRouted(desk, Api.text(filed, "id"))
                .json()
                .get("routing")
                .get("caseId")
                .asText();

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("My work"))
                .click();
        var item = workItem(page, caseId);
        assertThat(item).isVisible();
        assertThat(item).containsText("received by me");
        var countdown = item.locator(".countdown");
        assertThat(countdown).hasText(Pattern.compile("due in|overdue by"));
        var first = countdown.textContent();
        page.waitForTimeout(1200);
        assertThat(countdown.textContent()).as("the countdown runs").isNotEqualTo(first);
        shot(page, "my-work");
    }

    @Test
    @DisplayName(
            "SLA-D3/D4: a case whose clocks ran out long ago is marked breached in its owner's work list; its breach notification is marked read")
    void breachedCaseIsMarkedInMyWork() throws Exception {
        var advisor = Api.staff(gateway, "e2ed.advisor");
        var body = DealerScenariosIT.complaint(
                "SERVICE_ADVISOR_RECEPTION", "控制台：等待时间过长", DealerScenariosIT.at("2025-03-03T15:20"));
        var filed = advisor.with("Idempotency-Key", Complaints.key()).post("/api/v1/complaints", body);
        assertThat(filed.status()).as(filed.toString()).isEqualTo(201);
        var caseId = ComplaintJourneyIT.awaitRouted(advisor, Api.text(filed.json(), "id"))
                .json()
                .get("routing")
                .get("caseId")
                .asText();

        var page = signIn("e2ed.director", 1280, 800, "en-US");
        var countdown = workItem(page, caseId).locator(".countdown");
        assertThat(countdown).hasText(Pattern.compile("^overdue by "));
        assertThat(countdown).hasAttribute("aria-label", Pattern.compile("\\(breached\\)$"));
        var dues = new ArrayList<String>();
        advisor.get("/api/v1/cases/" + caseId).json().get("deadlines").forEach(d -> dues.add(Api.text(d, "dueAt")));
        assertThat(dues)
                .as("the countdown runs to one of the case's clocks")
                .contains(countdown.getAttribute("data-due"));

        // The breach reached the director's role as a notification; marking it read takes it off the list.
        var director = Api.staff(gateway, "e2ed.director");
        var note = Await.item(
                director,
                "/api/v1/notifications?limit=100",
                n -> caseId.equals(Api.text(n, "caseId")) && !n.get("read").asBoolean());
        page.reload();
        var markRead = page.getByRole(
                AriaRole.BUTTON,
                new Page.GetByRoleOptions()
                        .setName("Mark read: " + Api.text(note, "text"))
                        .setExact(true));
        markRead.first().click();
        assertThat(markRead).hasCount(0);
        var read = Await.item(
                director,
                "/api/v1/notifications?limit=100",
                n -> Api.text(note, "id").equals(Api.text(n, "id")));
        assertThat(read.get("read").asBoolean()).isTrue();
    }

    @Test
    @DisplayName(
            "LC-10 / LC-12: a director hands over, assigns, resolves (a vague measure refused on screen) and closes; customer care files the record")
    void directorTakesACaseToClosure() throws Exception {
        var caseId = dealerCase("保养后发动机异响");
        var page = signIn("dealer.director", 1280, 800, "en-US");
        // Owned by the director's role, the case is in My work, nearest deadline first.
        var item = workItem(page, caseId);
        assertThat(item).isVisible();
        @SuppressWarnings("unchecked")
        var dues = (List<String>)
                page.evaluate(
                        "() => [...document.querySelectorAll('[aria-label=\"Cases and tasks\"] .countdown')].map((e) => e.dataset.due)");
        assertThat(dues).hasSizeGreaterThan(1).isSortedAccordingTo(java.util.Comparator.comparing(Instant::parse));
        item.getByRole(AriaRole.LINK).first().click();
        assertState(page, "REGISTERED");
        assertThat(state(page)).hasText("Registered");

        step(page, "Hand over").getByLabel("Reason").fill("交服务总监");
        submit(page, "Hand over");
        assertState(page, "HANDED_OVER");

        step(page, "Assign").getByLabel("Responsible person").fill("dealer.tech");
        submit(page, "Assign");
        assertThat(page.getByText("Owner: dealer.tech")).isVisible();

        submit(page, "Accept");
        assertState(page, "ACCEPTED");
        step(page, "Record contact").getByLabel("Note").fill("已致电客户，约定到店复检");
        submit(page, "Record contact");
        assertState(page, "RESPONDED");
        // §12 (ADR 0500): the finding shows while typing (full-width punctuation and spaces inside the
        // phrase still match), and the message is kept with the server's findings.
        var message = step(page, "Send message");
        message.getByLabel("Message to the customer").fill("王先生您好，这不是 我的责任！");
        assertThat(message.getByText("Phrase check: 这不是我的责任 → 谢谢您的反馈")).isVisible();
        message.getByLabel("Message to the customer").fill("王先生您好，这不是我的责任，我们会转交技术部。");
        submit(page, "Send message");
        var sent = page.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Messages"))
                .getByRole(AriaRole.LISTITEM)
                .filter(new Locator.FilterOptions().setHasText("我们会转交技术部"));
        assertThat(sent).containsText("Phrase check: 这不是我的责任 → 谢谢您的反馈");
        shot(page, "case");

        var resolve = step(page, "Resolve");
        resolve.getByLabel("Root cause", new Locator.GetByLabelOptions().setExact(true))
                .fill("螺栓未按规定扭矩紧固");
        resolve.getByLabel("Correction of the defect").fill("重新紧固并复检");
        resolve.getByLabel("Long-term measure (CAPA)").fill("加强培训");
        assertThat(resolve.getByText("Vague wording the tenant refuses: 加强培训")).isVisible();
        resolve.getByLabel("Measure owner").fill("dealer.manager");
        submit(page, "Resolve");
        var refusal = resolve.getByRole(AriaRole.ALERT);
        assertThat(refusal).containsText("LC-10");
        assertThat(refusal).containsText("longTermMeasure.action");
        assertState(page, "RESPONDED");
        shot(page, "case-vague-measure-refused");

        resolve.getByLabel("Long-term measure (CAPA)").fill("扭力扳手每三个月校准一次，校准记录随工单存档");
        submit(page, "Resolve");
        assertState(page, "RESOLVED");
        submit(page, "Close");
        assertState(page, "CLOSED");

        var kase = Api.staff(gateway, "dealer.director")
                .get("/api/v1/cases/" + caseId)
                .json();
        assertThat(Api.text(kase, "state")).isEqualTo("CLOSED");
        assertThat(Api.text(kase.get("resolution").get("longTermMeasure"), "action"))
                .startsWith("扭力扳手");
        var byDirector = new ArrayList<String>();
        kase.get("audit").forEach(a -> {
            if ("dealer.director".equals(Api.text(a, "by"))) {
                byDirector.add(Api.text(a, "action"));
            }
        });
        assertThat(byDirector).contains("HAND_OVER", "ASSIGN", "ACCEPT", "CONTACT", "RESOLVE", "CLOSE");

        // LC-12 (ADR 0530): the closed record goes to customer care, who file it from the case page.
        var care = signIn("dealer.care", 1280, 800, "en-US");
        care.navigate(gateway + "/console/#/case/" + caseId);
        var filing = step(care, "Complete task: ARCHIVE_FILING");
        filing.getByLabel("Evidence").fill("投诉单与解决方案已归档，客户关爱部档案柜");
        filing.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Complete task"))
                .click();
        assertThat(filing).hasCount(0);
        var tasks = Api.staff(gateway, "dealer.care")
                .get("/api/v1/cases/" + caseId)
                .json()
                .get("tasks");
        var archived = new ArrayList<JsonNode>();
        tasks.forEach(task -> {
            if ("ARCHIVE_FILING".equals(Api.text(task, "task"))) {
                archived.add(task);
            }
        });
        assertThat(archived).singleElement().satisfies(task -> {
            assertThat(Api.text(task, "status")).isEqualTo("DONE");
            assertThat(Api.text(task, "completedBy")).isEqualTo("dealer.care");
        });
    }

    @Test
    @DisplayName("CP-01: an approver approves within authority in the inbox and the site budget moves")
    void approverApprovesWithinAuthority() throws Exception {
        var caseId = dealerCase("空调不制冷，要求补偿");
        var director = Api.staff(gateway, "dealer.director");
        respond(director, caseId);
        var proposed = Api.staff(gateway, "dealer.advisor")
                .post(
                        "/api/v1/compensations",
                        Map.of(
                                "caseId",
                                caseId,
                                "customerRequested",
                                Map.of("kind", "MONETARY_COMPENSATION", "text", "要求补偿"),
                                "options",
                                List.of(Map.of(
                                        "kind",
                                        "MONETARY_COMPENSATION",
                                        "amount",
                                        Map.of("amount", "800", "currency", "CNY")))));
        assertThat(proposed.status()).as(proposed.toString()).isEqualTo(201);
        var option = proposed.json().get("options").get(0);
        assertThat(Api.text(option, "requiredRole")).isEqualTo("service-manager");
        var compensationId = Api.text(proposed.json(), "compensationId");
        var manager = Api.staff(gateway, "dealer.manager");
        var spentBefore = spent(manager);

        var page = signIn("dealer.manager", 1280, 800, "en-US");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Approvals"))
                .click();
        var label = "MONETARY_COMPENSATION 800.00 CNY · Case " + shortId(caseId);
        var row = page.getByRole(AriaRole.LISTITEM, new Page.GetByRoleOptions().setName(label));
        assertThat(row).containsText("My authority: 1000.00 CNY");
        assertThat(row).containsText("service-manager");
        shot(page, "approvals");
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Approve " + label))
                .click();
        assertThat(row).hasCount(0);

        var decided = manager.get("/api/v1/compensations/" + compensationId)
                .json()
                .get("options")
                .get(0);
        assertThat(Api.text(decided, "status")).isEqualTo("APPROVED");
        assertThat(Api.text(decided.get("decisions").get(0), "by")).isEqualTo("dealer.manager");
        // The month is the site's (ADR 0520), as the console shows it: compensation debits the
        // site's month, so this holds in the first hours of a Shanghai month too.
        var budget = budget(manager);
        assertThat(budget.get("spentMinor").asLong())
                .as("the approval is debited from the site's month")
                .isEqualTo(spentBefore + 80_000);
        var budgetRow = page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("Site budgets this month"))
                .getByRole(AriaRole.ROW, new Locator.GetByRoleOptions().setName(Pattern.compile("^sh-minhang")));
        assertThat(budgetRow)
                .containsText(
                        String.format("%.2f CNY", budget.get("remainingMinor").asLong() / 100.0));
        assertThat(budgetRow)
                .containsText(String.format("%.2f CNY", budget.get("spentMinor").asLong() / 100.0));
    }

    @Test
    @DisplayName(
            "ESC-08: a care officer records an unreached call, then an unsatisfied outcome; the case is back in SECOND_HANDLING")
    void careOfficerRecordsAnUnsatisfiedOutcome() throws Exception {
        var caseId = dealerCase("更换刹车片后仍有异响");
        var director = Api.staff(gateway, "dealer.director");
        respond(director, caseId);
        var resolved = director.post(
                "/api/v1/cases/" + caseId + "/resolution",
                Map.of(
                        "resolution",
                        Map.of(
                                "rootCause", "刹车片型号错误",
                                "defectCorrection", "更换为原厂刹车片",
                                "longTermMeasure",
                                        Map.of(
                                                "action", "配件出库扫码核对车型",
                                                "owner", "dealer.parts",
                                                "dueDate", "2027-01-31"))));
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
        var care = Api.staff(gateway, "dealer.care");
        var plan = Await.until(care, "/api/v1/follow-ups?caseId=" + caseId, list -> !list.isEmpty());
        var type = Api.text(plan.get(0), "type");

        var page = signIn("dealer.care", 1280, 800, "en-US");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Follow-ups"))
                .click();
        var name = type + " · Case " + shortId(caseId);
        var item = page.getByRole(AriaRole.LISTITEM, new Page.GetByRoleOptions().setName(name));
        assertThat(item).containsText("Attempts: 0");
        item.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Not reached: " + name))
                .click();
        assertThat(item).containsText("Attempts: 1");
        shot(page, "follow-ups");

        var outcome = item.getByRole(AriaRole.FORM, new Locator.GetByRoleOptions().setName("Save outcome: " + name));
        outcome.getByLabel("Satisfaction").selectOption("2");
        outcome.getByLabel("Problem solved").uncheck();
        outcome.getByLabel("Comment").fill("异响仍在");
        outcome.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save outcome"))
                .click();
        assertThat(item).hasCount(0);

        var reopened =
                Await.until(care, "/api/v1/cases/" + caseId, c -> "SECOND_HANDLING".equals(Api.text(c, "state")));
        assertThat(reopened.get("round").asInt()).isEqualTo(2);
        var recorded = care.get("/api/v1/follow-ups?caseId=" + caseId).json();
        assertThat(recorded.toString()).contains("\"satisfaction\":2");
        page.navigate(gateway + "/console/#/case/" + caseId);
        assertState(page, "SECOND_HANDLING");
        // The case is back in its owner's work list.
        var owner = signIn("dealer.director", 1280, 800, "en-US");
        assertThat(workItem(owner, caseId).locator("[data-state]")).hasText("Second handling");
    }

    @Test
    @DisplayName("LC-07: a step the user's role may not take is not shown, though the case allows it")
    void stepsOutsideTheRoleAreHidden() throws Exception {
        var caseId = dealerCase("车窗升降异响");
        var allowed = Api.staff(gateway, "dealer.advisor")
                .get("/api/v1/cases/" + caseId)
                .json()
                .get("allowedActions")
                .toString();
        assertThat(allowed).contains("\"ASSIGN\"", "\"HAND_OVER\"");

        var advisor = signIn("dealer.advisor", 1280, 800, "en-US");
        advisor.navigate(gateway + "/console/#/case/" + caseId);
        assertState(advisor, "REGISTERED");
        assertThat(step(advisor, "Hand over")).isVisible();
        assertThat(step(advisor, "Assign")).hasCount(0);
        assertThat(advisor.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Assign")))
                .hasCount(0);
        assertThat(advisor.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Approvals")))
                .hasCount(0);

        var director = signIn("dealer.director", 1280, 800, "en-US");
        director.navigate(gateway + "/console/#/case/" + caseId);
        assertThat(step(director, "Assign")).isVisible();
    }

    @Test
    @DisplayName(
            "CM-16 / CM-15: a director's reply letter to a reporter waits for PR approval; the marketing manager approves it")
    void replyLetterWaitsForPrApproval() throws Exception {
        var caseId = dealerCase("记者客户：保养后车辆异响");
        var flagged = Api.staff(gateway, "dealer.care")
                .post(
                        "/api/v1/cases/" + caseId + "/flags",
                        Map.of("flag", "MEDIA_OR_LEGAL_PROFESSION", "reason", "客户表示自己是晚报记者"));
        assertThat(flagged.status()).as(flagged.toString()).isEqualTo(200);

        var page = signIn("dealer.director", 1280, 800, "en-US");
        page.navigate(gateway + "/console/#/case/" + caseId);
        var letter = step(page, "Send reply letter");
        letter.getByLabel("1. Receipt of the complaint").fill("您于今日反映的保养后车辆异响问题，我们已收到。");
        letter.getByLabel("3. The problem explained").fill("异响来自底盘护板固定螺栓松动。");
        letter.getByLabel("4. How we put it right").fill("免费紧固底盘护板并做路试复检");
        letter.getByLabel("4. When we put it right").fill("本周六上午到店，约两小时完成");
        letter.getByLabel("5. How it will not happen again").fill("交车前增加底盘检查与路试");
        letter.getByLabel("6. Apology").fill("非常抱歉给您带来不便");
        shot(page, "case-letter");
        submit(page, "Send reply letter");
        var held = page.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Messages"))
                .getByRole(AriaRole.LISTITEM)
                .filter(new Locator.FilterOptions().setHasText("免费紧固底盘护板"));
        assertThat(held).containsText("awaiting approval");
        var statement = statement(caseId);
        assertThat(Api.text(statement, "kind")).isEqualTo("LETTER");
        assertThat(Api.text(statement, "status")).isEqualTo("AWAITING_APPROVAL");

        var marketing = signIn("dealer.marketing", 1280, 800, "en-US");
        marketing.navigate(gateway + "/console/#/case/" + caseId);
        var decide = step(marketing, "Decide a statement");
        decide.getByLabel("Statement waiting for approval").selectOption(Api.text(statement, "id"));
        decide.getByLabel("Decision").selectOption("APPROVE");
        decide.getByLabel("Reason").fill("措辞已审核");
        shot(marketing, "case-statement-approval");
        submit(marketing, "Decide a statement");
        assertThat(decide).hasCount(0);
        var sent = statement(caseId);
        assertThat(Api.text(sent, "status")).isEqualTo("SENT");
        assertThat(Api.text(sent.get("approval"), "by")).isEqualTo("dealer.marketing");
    }

    @Test
    @DisplayName("LC-31: a director judges a complaint not established in the console, with a reply; its case closes")
    void complaintJudgedNotEstablishedClosesItsCase() throws Exception {
        var caseId = dealerCase("客户认为上次保养未更换机油");
        var page = signIn("dealer.director", 1280, 800, "en-US");
        page.navigate(gateway + "/console/#/case/" + caseId);
        var validity = step(page, "Judge validity");
        validity.getByLabel("Is the complaint valid?").selectOption("false");
        validity.getByLabel("Reason").fill("保养记录与旧机油回收单显示已更换");
        validity.getByLabel("Tactful reply to the customer").fill("感谢您的反馈。经核实，上次保养已更换机油，记录与回收单可随时到店查阅。");
        submit(page, "Judge validity");

        var director = Api.staff(gateway, "dealer.director");
        Await.until(director, "/api/v1/cases/" + caseId, c -> "CLOSED_NOT_ESTABLISHED".equals(Api.text(c, "state")));
        page.reload();
        assertState(page, "CLOSED_NOT_ESTABLISHED");
        assertThat(state(page)).hasText("Closed, not established");
        assertThat(step(page, "Judge validity")).hasCount(0);
    }

    @Test
    @DisplayName(
            "CP-06 / LC-35: a director proposes a voucher within authority, records the customer's consent, then the delivery")
    void consentAndDeliveryRecorded() throws Exception {
        var caseId = dealerCase("保养等待时间过长，要求补偿");
        var director = Api.staff(gateway, "dealer.director");
        respond(director, caseId);

        var page = signIn("dealer.director", 1280, 800, "en-US");
        page.navigate(gateway + "/console/#/case/" + caseId);
        var propose = step(page, "Propose a remedy");
        propose.getByLabel("Kind").selectOption("VOUCHER");
        propose.getByLabel("Amount").fill("300");
        propose.getByLabel("What the customer asked for").fill("要求补偿保养代金券");
        submit(page, "Propose a remedy");
        var consent = step(page, "Customer's answer");
        consent.getByLabel("Answer").selectOption("true");
        shot(page, "case-consent");
        submit(page, "Customer's answer");
        assertThat(consent).hasCount(0);
        var compensation = Await.until(
                        director,
                        "/api/v1/compensations?caseId=" + caseId,
                        list -> list.size() == 1 && list.get(0).hasNonNull("agreement"))
                .get(0);
        Await.until(director, "/api/v1/cases/" + caseId, c -> "AGREED".equals(Api.text(c, "state")));

        page.reload();
        var reference = "VCH-" + caseId.substring(0, 8);
        step(page, "Record delivery")
                .getByLabel("Payment or delivery reference")
                .fill(reference);
        submit(page, "Record delivery");
        assertThat(step(page, "Record delivery")).hasCount(0);
        var delivered = director.get("/api/v1/compensations/" + Api.text(compensation, "compensationId"))
                .json();
        assertThat(Api.text(delivered, "deliveryReference")).isEqualTo(reference);
        Await.until(director, "/api/v1/cases/" + caseId, c -> "IMPLEMENTING".equals(Api.text(c, "state")));
    }

    @Test
    @DisplayName("LC-11: the monthly report shows the API's numbers, as charts and as a CSV download")
    void reportShowsTheApiNumbers() throws Exception {
        dealerCase("报告用投诉：等待时间过长");
        var month = YearMonth.now(SHANGHAI).toString();
        var page = signIn("dealer.director", 1280, 800, "en-US");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Monthly report"))
                .click();
        var filters = page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Monthly report"));
        assertThat(filters.getByLabel("Month")).hasValue(month);
        filters.getByLabel("Region").selectOption("east");
        filters.getByLabel("Site").selectOption("sh-minhang");
        assertThat(filters.getByLabel("Department").locator("option[value=technical]"))
                .hasCount(1);
        filters.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Show"))
                .click();
        var complaints = page.getByLabel("Complaints", new Page.GetByLabelOptions().setExact(true));
        assertThat(complaints).hasText(Pattern.compile("\\d+"));

        var report = Api.staff(gateway, "dealer.director")
                .get("/api/v1/reports/monthly?month=" + month + "&region=east&site=sh-minhang")
                .json();
        assertThat(complaints).hasText(report.get("complaints").get("total").asText());
        assertThat(page.getByLabel("Cases", new Page.GetByLabelOptions().setExact(true)))
                .hasText(report.get("cases").get("total").asText());
        var channels = report.get("complaints").get("byChannel");
        var chart = page.getByRole(AriaRole.IMG, new Page.GetByRoleOptions().setName(Pattern.compile("^By channel: ")));
        channels.propertyNames()
                .forEach(channel -> assertThat(chart)
                        .hasAttribute(
                                "aria-label",
                                Pattern.compile(
                                        channel + " " + channels.get(channel).asText())));
        shot(page, "report");

        var download = page.waitForDownload(
                () -> page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Download CSV"))
                        .click());
        var csv = Files.readString(download.path());
        assertThat(csv)
                .contains("\"total\",\"complaints\",\""
                        + report.get("complaints").get("total").asText() + "\"");
        channels.propertyNames()
                .forEach(channel -> assertThat(csv)
                        .contains("\"channel\",\"" + channel + "\",\""
                                + channels.get(channel).asText() + "\""));
    }

    @Test
    @DisplayName("the console speaks Chinese when the browser does, switches language, and fits a 390-pixel phone")
    void chineseAndPhone() throws Exception {
        var page = signIn("dealer.director", 390, 844, "zh-CN");
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("我的工作")))
                .isVisible();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("案件与任务")))
                .isVisible();
        assertThat(page.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("案件与任务")))
                .isVisible();
        assertFitsTheScreen(page);
        shot(page, "my-work-phone");
        var caseLink = page.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("案件与任务"))
                .getByRole(AriaRole.LINK)
                .first();
        caseLink.click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("您现在可执行的步骤")))
                .isVisible();
        // The state in Chinese, not its code.
        assertThat(page.getByLabel(Pattern.compile("^状态: ")).first()).not().hasText(Pattern.compile("^[A-Z_]+$"));
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("时间线")))
                .isVisible();
        assertFitsTheScreen(page);
        shot(page, "case-phone");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("月度报告"))
                .click();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("下载 CSV")))
                .isVisible();
        assertFitsTheScreen(page);
        shot(page, "report-phone");
        page.getByRole(AriaRole.COMBOBOX, new Page.GetByRoleOptions().setName("Language"))
                .selectOption("en");
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("My work")))
                .isVisible();
        // Without a token every API call is refused; the console's own files are not.
        var anonymous = Api.anonymous(gateway);
        assertThat(anonymous.get("/console/js/app.js").status()).isEqualTo(200);
        assertThat(anonymous.get("/api/v1/tasks").status()).isEqualTo(401);
    }

    // ------------------------------------------------------------------ helpers

    private Page signIn(String user, int width, int height, String locale) {
        var context = browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(width, height)
                .setLocale(locale)
                .setTimezoneId("Asia/Shanghai")
                .setAcceptDownloads(true));
        context.setDefaultTimeout(Duration.ofSeconds(20).toMillis());
        contexts.add(context);
        var page = context.newPage();
        page.navigate(gateway + "/console/");
        var english = locale.startsWith("en");
        page.getByLabel(english ? "User name" : "用户名").fill(user);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(english ? "Sign in" : "登录"))
                .click();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(english ? "Sign out" : "退出")))
                .isVisible();
        return page;
    }

    private static Locator workItem(Page page, String caseId) {
        return page.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Cases and tasks"))
                .getByRole(AriaRole.LISTITEM)
                .filter(new Locator.FilterOptions()
                        .setHas(page.getByRole(
                                AriaRole.LINK,
                                new Page.GetByRoleOptions()
                                        .setName("Case " + shortId(caseId))
                                        .setExact(true))));
    }

    private static Locator state(Page page) {
        return page.getByLabel(Pattern.compile("^State: ")).first();
    }

    /** The case page's state: shown in the page's language, its code kept in data-state (and the title). */
    private static void assertState(Page page, String state) {
        assertThat(state(page)).hasAttribute("data-state", state);
    }

    private static Locator step(Page page, String name) {
        return page.getByRole(
                AriaRole.FORM, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private static void submit(Page page, String name) {
        step(page, name)
                .getByRole(
                        AriaRole.BUTTON,
                        new Locator.GetByRoleOptions().setName(name).setExact(true))
                .click();
    }

    /** Nothing is wider than the viewport: no sideways scrolling on a phone. */
    private static void assertFitsTheScreen(Page page) {
        var overflow = (Boolean) page.evaluate("document.documentElement.scrollWidth > window.innerWidth");
        assertThat(overflow).as("nothing wider than the screen").isFalse();
    }

    /**
     * Every visible control has an accessible name: a label, aria-label(ledby) or its text. Called
     * with each screenshot, so every page is checked.
     */
    private static void assertEveryControlNamed(Page page) {
        @SuppressWarnings("unchecked")
        var unnamed = (List<String>) page.evaluate("""
                () => [...document.querySelectorAll('input, select, textarea, button, a[href]')]
                  .filter((el) => el.getClientRects().length > 0)
                  .filter((el) => !((el.labels && el.labels.length) || el.getAttribute('aria-label')
                      || el.getAttribute('aria-labelledby') || el.textContent.trim()))
                  .map((el) => el.outerHTML.slice(0, 120))
                """);
        assertThat(unnamed).as("controls without an accessible name").isEmpty();
    }

    private static void shot(Page page, String name) {
        assertEveryControlNamed(page);
        var size = page.viewportSize();
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve(name + "-" + size.width + "x" + size.height + ".png"))
                .setFullPage(false));
    }

    /** A complaint at the dealer's reception, routed to the service director's role; its case id. */
    private static String dealerCase(String content) throws Exception {
        var advisor = Api.staff(gateway, "dealer.advisor");
        var body = DealerScenariosIT.complaint("SERVICE_ADVISOR_RECEPTION", content, null);
        body.put("site", "sh-minhang");
        var filed = advisor.with("Idempotency-Key", Complaints.key()).post("/api/v1/complaints", body);
        assertThat(filed.status()).as(filed.toString()).isEqualTo(201);
        return ComplaintJourneyIT.awaitRouted(advisor, Api.text(filed.json(), "id"))
                .json()
                .get("routing")
                .get("caseId")
                .asText();
    }

    /** The case's one written statement, as the API holds it. */
    private static JsonNode statement(String caseId) throws Exception {
        var messages = Api.staff(gateway, "dealer.director")
                .get("/api/v1/cases/" + caseId)
                .json()
                .get("messages");
        assertThat(messages.size()).isEqualTo(1);
        return messages.get(0);
    }

    private static void respond(Api director, String caseId) throws Exception {
        var accepted = director.post("/api/v1/cases/" + caseId + "/acceptance", Map.of());
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        var contacted =
                director.post("/api/v1/cases/" + caseId + "/contacts", Map.of("channel", "PHONE", "note", "已致电客户"));
        assertThat(contacted.status()).as(contacted.toString()).isEqualTo(200);
    }

    private static JsonNode budget(Api manager) throws Exception {
        var budgets =
                manager.get("/api/v1/budgets?month=" + YearMonth.now(SHANGHAI)).json();
        for (var b : budgets) {
            if ("sh-minhang".equals(Api.text(b, "site"))) {
                return b;
            }
        }
        return null;
    }

    private static long spent(Api manager) throws Exception {
        var b = budget(manager);
        return b == null ? 0 : b.get("spentMinor").asLong();
    }

    /** As the console names a case (ui.js shortId): the id's last 8 characters. */
    private static String shortId(String id) {
        return id.substring(id.length() - 8);
    }
}
