package org.complaints.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaints.gateway.e2e.Await.text;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 11's timed work through the gateway, on the real processes, with the timers of tenant
 * e2e-timed shortened by tenant overrides (e2e-tenants.yml), the sweeps and relays running every
 * second: a broken promise reaches its supervisor, an overdue incident task escalates and only its
 * owner's role may complete it, an undecided approval moves one rung up.
 */
class TimedWorkIT {

    static final String SITE = "timed-store";
    static RunningSuite suite;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = RunningSuite.get();
    }

    @Test
    @DisplayName(
            "OT-20 / OT-21: a promise due in 2 seconds becomes BROKEN and the desk's supervisor finds a PROMISE_BROKEN notification")
    void promiseDueInTwoSecondsBreaksAndNotifiesTheSupervisor() throws Exception {
        var desk = Api.staff(suite, "timed.desk");
        var complaintId = file(Api.partner(suite, RunningSuite.TIMED_KEY), body("冰箱送货延误", null));

        var promised = desk.post(
                "/api/v1/complaints/" + complaintId + "/promises", Map.of("text", "明天上午送到并赔偿运费", "dueIn", "PT2S"));
        assertThat(promised.status()).as(promised.toString()).isEqualTo(201);
        assertThat(text(promised.json(), "supervisorRole")).isEqualTo("cs-supervisor");
        var promiseId = text(promised.json(), "promiseId");

        Await.until(desk, "/api/v1/complaints/" + complaintId + "/promises", promises -> {
            for (var p : promises) {
                if (promiseId.equals(text(p, "promiseId"))) {
                    return "BROKEN".equals(text(p, "status"));
                }
            }
            return false;
        });
        var supervisor = Api.staff(suite, "timed.supervisor");
        var notice = Await.item(
                supervisor,
                "/api/v1/notifications?limit=200",
                n -> "PROMISE_BROKEN".equals(text(n, "kind")) && complaintId.equals(text(n, "complaintId")));
        assertThat(text(notice, "recipient")).isEqualTo("role:cs-supervisor");
        assertThat(text(notice, "site")).isEqualTo(SITE);
        assertThat(text(notice, "text")).as("no promise words in the text").doesNotContain("赔偿运费");
        var desksInbox = desk.get("/api/v1/notifications?limit=200").json();
        assertThat(desksInbox.get("items").toString())
                .as("addressed to the supervisor role")
                .doesNotContain(promiseId);
    }

    @Test
    @DisplayName(
            "SLA-X1 / OT-10: an incident's first task (1 h, 3 s here) turns overdue and notifies the owner's supervisor (TASK_OVERDUE); another role's completion is 403 and changes nothing, the owner's role completes it")
    void overdueIncidentTaskEscalatesAndOnlyItsOwnerCompletesIt() throws Exception {
        var partner = Api.partner(suite, RunningSuite.TIMED_KEY);
        var sku = "SKU-" + System.nanoTime();
        String complaintId = null;
        for (var i = 0; i < 3; i++) {
            complaintId = file(partner, body("同一批次洗衣机漏水 " + i, sku));
        }
        var caseId = caseId(partner, complaintId);
        var kase = Await.until(partner, "/api/v1/cases/" + caseId, c -> text(c, "incidentId") != null);
        var incidentId = text(kase, "incidentId");
        var path = "/api/v1/incidents/" + incidentId;

        var manager = Api.staff(suite, "timed.csmanager");
        var notice = Await.item(
                manager,
                "/api/v1/notifications?limit=200",
                n -> "TASK_OVERDUE".equals(text(n, "kind")) && text(n, "id").contains(incidentId));
        assertThat(text(notice, "recipient")).isEqualTo("role:cs-manager");
        var storeManager = Api.staff(suite, "timed.storemgr");
        var overdue = task(storeManager.get(path).json(), "SPECIAL_TEAM_FORMED");
        assertThat(text(overdue, "status")).isEqualTo("OVERDUE");
        assertThat(text(overdue, "owner")).isEqualTo("role:store-manager");
        assertThat(text(overdue, "escalatedTo")).isEqualTo("role:cs-manager");

        var before = storeManager.get(path).json();
        var refused = Api.staff(suite, "timed.supervisor")
                .post(path + "/tasks/SPECIAL_TEAM_FORMED/completion", Map.of("evidence", "team list posted"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(storeManager.get(path).json()).as("nothing changed").isEqualTo(before);

        var done = storeManager.post(
                path + "/tasks/SPECIAL_TEAM_FORMED/completion", Map.of("evidence", "special team: 3 technicians"));
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        var completed = task(storeManager.get(path).json(), "SPECIAL_TEAM_FORMED");
        assertThat(text(completed, "status")).isEqualTo("DONE");
        assertThat(text(completed, "completedBy")).isEqualTo("timed.storemgr");
    }

    @Test
    @DisplayName(
            "CP-02 / ESC-04: an approval left undecided past its due time (2 h, 2 s here) moves one rung up the ladder per missed due time, and waits at the top")
    void undecidedApprovalEscalatesOneRung() throws Exception {
        var partner = Api.partner(suite, RunningSuite.TIMED_KEY);
        var complaintId = file(partner, body("空调安装损坏墙面", null));
        var caseId = caseId(partner, complaintId);
        var desk = Api.staff(suite, "timed.desk");
        assertThat(desk.post("/api/v1/cases/" + caseId + "/acceptance", Map.of())
                        .status())
                .isEqualTo(200);
        assertThat(desk.post("/api/v1/cases/" + caseId + "/contacts", Map.of("channel", "PHONE", "note", "called"))
                        .status())
                .isEqualTo(200);

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
                                Map.of("amount", "500", "currency", "CNY"),
                                "rationale",
                                "wall repaired at our cost")),
                        "customerRef",
                        "id:c-" + System.nanoTime()));
        assertThat(proposed.status()).as(proposed.toString()).isEqualTo(201);
        var id = text(proposed.json(), "compensationId");
        var option = proposed.json().get("options").get(0);
        assertThat(text(option, "status")).isEqualTo("PENDING_APPROVAL");
        assertThat(text(option, "requiredRole")).as("lowest role covering 500").isEqualTo("store-manager");

        // Each missed due time moves it one rung (store-manager → cs-manager → hq-executive); at the top
        // the miss is recorded once more and no due time is left: wait for that final state, then read
        // the steps it took.
        var hq = Api.staff(suite, "timed.hq");
        var escalated = Await.until(hq, "/api/v1/compensations/" + id, c -> {
            var o = c.get("options").get(0);
            return "hq-executive".equals(text(o, "requiredRole")) && text(o, "approvalDue") == null;
        });
        assertThat(text(escalated.get("options").get(0), "status")).isEqualTo("PENDING_APPROVAL");
        var steps = escalated.get("escalations");
        assertThat(steps).as(steps.toString()).hasSize(3);
        assertThat(steps).allSatisfy(e -> assertThat(text(e, "rule")).isEqualTo("CP-02"));
        assertThat(text(steps.get(0), "from")).isEqualTo("store-manager");
        assertThat(text(steps.get(0), "to")).isEqualTo("cs-manager");
        assertThat(text(steps.get(1), "from")).isEqualTo("cs-manager");
        assertThat(text(steps.get(1), "to")).isEqualTo("hq-executive");
        assertThat(text(steps.get(2), "from")).isEqualTo("hq-executive");
        assertThat(text(steps.get(2), "to")).as("nobody above the top").isNull();
        assertThat(java.time.Instant.parse(text(steps.get(0), "at")).truncatedTo(java.time.temporal.ChronoUnit.MILLIS))
                .as("stamped at the due time, two seconds after the proposal")
                .isEqualTo(java.time.Instant.parse(text(option, "approvalDue"))
                        .truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        assertThat(hq.get("/api/v1/compensations/approvals/pending").body()).contains(id);
        assertThat(Api.staff(suite, "timed.storemgr")
                        .get("/api/v1/compensations/approvals/pending")
                        .body())
                .as("no longer waiting for the store manager")
                .doesNotContain(id);
    }

    static String file(Api partner, Map<String, Object> body) throws Exception {
        var filed = partner.with("Idempotency-Key", Complaints.key()).post("/api/v1/complaints", body);
        assertThat(filed.status()).as(filed.toString()).isEqualTo(201);
        return text(filed.json(), "id");
    }

    static String caseId(Api api, String complaintId) throws Exception {
        return text(ComplaintJourneyIT.awaitRouted(api, complaintId).json().get("routing"), "caseId");
    }

    static Map<String, Object> body(String content, String sku) {
        return customerBody("c-" + System.nanoTime(), content, sku);
    }

    static Map<String, Object> customerBody(String customer, String content, String sku) {
        var body = new java.util.LinkedHashMap<String, Object>();
        body.put("channel", "COMPANY_HOTLINE");
        body.put("site", SITE);
        body.put("customer", Map.of("id", customer, "name", "赵女士", "phone", "13700000009"));
        body.put("content", content);
        body.put("circumstances", List.of("SERVICE_NEED_ONLY"));
        if (sku != null) {
            body.put("product", Map.of("sku", sku, "batch", "B1"));
        }
        return body;
    }

    private static JsonNode task(JsonNode incident, String taskId) {
        for (var t : incident.get("tasks")) {
            if (taskId.equals(text(t, "id"))) {
                return t;
            }
        }
        throw new AssertionError("no task " + taskId + " in " + incident);
    }
}
