package org.complaints.compensation.remedy;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Issue 11, approvals and agreements on time (CP-02, ESC-04, LC-35). The sweep is driven with
 * explicit instants past the due times (the generic preset gives approvers PT4H and delivery P7D).
 * Every escalation reaches routing's notifications once, through the relay (routing stubbed).
 */
class DueSweepIT extends CompensationTestSupport {

    @Autowired
    DueSweep sweep;

    @Autowired
    net.javacrumbs.shedlock.core.LockProvider locks;

    @Autowired
    org.springframework.data.mongodb.core.MongoTemplate mongo;

    @Autowired
    org.complaints.support.tenant.TenantPolicies<org.complaints.compensation.policy.CompensationPolicy> policies;

    @Autowired
    org.complaints.compensation.system.CompensationMetrics metrics;

    @Test
    @DisplayName("CP-02 / ESC-04: an approval undecided by its due time moves one rung up, stamped at its due time")
    void undecidedApprovalEscalatesOneRung() throws Exception {
        var id = pendingCashOption("agent-1");
        var option = view(id).get("options").get(0);
        assertThat(option.get("requiredRole").asText()).isEqualTo("cs-manager");
        var due = Instant.parse(option.get("approvalDue").asText());

        sweep.sweep(due.minusSeconds(1));
        assertThat(view(id).get("escalations"))
                .as("not due yet: nothing happens")
                .isEmpty();

        sweep.sweep(due.plusSeconds(1));
        var after = view(id);
        assertThat(after.get("options").get(0).get("requiredRole").asText()).isEqualTo("general-manager");
        assertThat(Instant.parse(after.get("options").get(0).get("approvalDue").asText()))
                .isEqualTo(due.plus(Duration.ofHours(4)));
        var escalation = after.get("escalations").get(0);
        assertThat(escalation.get("rule").asText()).isEqualTo("CP-02");
        assertThat(escalation.get("from").asText()).isEqualTo("cs-manager");
        assertThat(escalation.get("to").asText()).isEqualTo("general-manager");
        assertThat(Instant.parse(escalation.get("at").asText())).isEqualTo(due);

        assertThat(read(staff("gm-1", "general-manager"), "/compensations/approvals/pending")
                        .body())
                .contains(id);
        sweep.sweep(due.plusSeconds(2));
        assertThat(view(id).get("escalations")).as("acted on once").hasSize(1);
    }

    @Test
    @DisplayName("CP-02: two racing sweep runners escalate an overdue approval exactly once")
    void racingRunnersActOnce() throws Exception {
        var id = pendingCashOption("agent-1");
        var due =
                Instant.parse(view(id).get("options").get(0).get("approvalDue").asText());
        var at = due.plusSeconds(60);
        try (var pool = Executors.newFixedThreadPool(2)) {
            var calls = new ArrayList<Callable<Integer>>();
            for (var i = 0; i < 2; i++) {
                calls.add(() -> sweep.sweep(at));
            }
            for (var f : pool.invokeAll(calls)) {
                f.get();
            }
        }
        assertThat(view(id).get("escalations")).hasSize(1);
        assertThat(view(id).get("options").get(0).get("requiredRole").asText()).isEqualTo("general-manager");
    }

    @Test
    @DisplayName("LC-35: an agreement not implemented by its due time is escalated once; a delivered one never")
    void missedImplementationEscalates() throws Exception {
        var caseId = "k-" + UUID.randomUUID();
        caseInState(caseId, "RESPONDED", "cd-counter-1", "west", null);
        var late = agreed(caseId);
        var onTime = agreed(caseId);
        postJson(staff("agent-1", "cs-specialist"), "/compensations/" + onTime + "/delivery", Map.of("reference", "P"));
        var due = Instant.parse(view(late).get("agreement").get("dueAt").asText());

        sweep.sweep(due.plusSeconds(1));
        sweep.sweep(due.plusSeconds(2));

        var escalations = view(late).get("escalations");
        assertThat(escalations).hasSize(1);
        assertThat(escalations.get(0).get("rule").asText()).isEqualTo("LC-35");
        assertThat(escalations.get(0).get("to").asText()).isEqualTo("role:cs-manager");
        assertThat(Instant.parse(escalations.get(0).get("at").asText())).isEqualTo(due);
        assertThat(view(onTime).get("escalations")).isEmpty();
    }

    @Test
    @DisplayName(
            "CP-02 / ESC-04: the approval moving up a rung notifies the new rung's role once (APPROVAL_OVERDUE), even with racing runners, a command's flush in between and a second relay pass")
    void approvalEscalationNotifiesTheNextRungOnce() throws Exception {
        var id = pendingCashOption("agent-1");
        var due =
                Instant.parse(view(id).get("options").get(0).get("approvalDue").asText());
        var at = due.plusSeconds(60);
        try (var pool = Executors.newFixedThreadPool(2)) {
            var calls = new ArrayList<Callable<Integer>>();
            for (var i = 0; i < 2; i++) {
                calls.add(() -> sweep.sweep(at));
            }
            for (var f : pool.invokeAll(calls)) {
                f.get();
            }
        }
        var approved = decide(staff("gm-1", "general-manager"), id, optionId(id, 0), "APPROVE", null);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(routing.findAll(postRequestedFor(urlPathMatching(EVENTS))))
                .as("the command's flush sends case events only; the notice stays with the relay")
                .noneMatch(r -> r.getBodyAsString().contains("escalation-notice"));
        relay.relayDue(100);
        relay.relayDue(100);

        var sent = notifications(id);
        assertThat(sent).hasSize(1);
        var n = sent.getFirst();
        assertThat(n.get("eventId").asText()).isEqualTo("compensation-escalation:" + id + ":0");
        assertThat(n.get("kind").asText()).isEqualTo("APPROVAL_OVERDUE");
        assertThat(n.get("role").asText()).isEqualTo("general-manager");
        assertThat(n.path("person").isMissingNode() || n.path("person").isNull())
                .isTrue();
        assertThat(n.get("caseId").asText()).isEqualTo("k-1");
        assertThat(n.get("site").asText()).isEqualTo("cd-counter-1");
        assertThat(n.get("region").asText()).isEqualTo("west");
        assertThat(n.get("text").asText()).contains("CP-02").doesNotContain("500");
    }

    @Test
    @DisplayName(
            "LC-35: a missed implementation due time notifies the implementation-escalation role once (AGREEMENT_OVERDUE); a delivered agreement notifies nobody")
    void missedImplementationNotifiesOnce() throws Exception {
        var caseId = "k-" + UUID.randomUUID();
        caseInState(caseId, "RESPONDED", "cd-counter-1", "west", null);
        var late = agreed(caseId);
        var onTime = agreed(caseId);
        postJson(staff("agent-1", "cs-specialist"), "/compensations/" + onTime + "/delivery", Map.of("reference", "P"));
        routing.resetRequests();
        var due = Instant.parse(view(late).get("agreement").get("dueAt").asText());

        sweep.sweep(due.plusSeconds(1));
        relay.relayDue(100);
        sweep.sweep(due.plusSeconds(2));
        relay.relayDue(100);

        assertThat(notifications(onTime)).isEmpty();
        var sent = notifications(late);
        assertThat(sent).hasSize(1);
        var n = sent.getFirst();
        assertThat(n.get("eventId").asText()).isEqualTo("compensation-escalation:" + late + ":0");
        assertThat(n.get("kind").asText()).isEqualTo("AGREEMENT_OVERDUE");
        assertThat(n.get("role").asText()).isEqualTo("cs-manager");
        assertThat(n.get("caseId").asText()).isEqualTo(caseId);
        assertThat(n.get("text").asText()).contains("LC-35");
    }

    /** The notifications routing received about one compensation (other tests' sweeps relay theirs too). */
    private List<JsonNode> notifications(String compensationId) {
        return routing.findAll(postRequestedFor(urlEqualTo(NOTIFICATIONS))).stream()
                .map(r -> JSON.readTree(r.getBodyAsString()))
                .filter(n -> n.get("eventId").asText().contains(compensationId))
                .toList();
    }

    @Test
    @DisplayName("LC-35: two racing sweep runners escalate a missed implementation exactly once")
    void racingRunnersEscalateAMissedImplementationOnce() throws Exception {
        var caseId = "k-" + UUID.randomUUID();
        caseInState(caseId, "RESPONDED", "cd-counter-1", "west", null);
        var late = agreed(caseId);
        var at =
                Instant.parse(view(late).get("agreement").get("dueAt").asText()).plusSeconds(1);
        int total;
        try (var pool = Executors.newFixedThreadPool(2)) {
            var a = pool.submit(() -> sweep.sweep(at));
            var b = pool.submit(() -> sweep.sweep(at));
            total = a.get() + b.get();
        }
        var escalations = view(late).get("escalations");
        assertThat(escalations).hasSize(1);
        assertThat(escalations.get(0).get("rule").asText()).isEqualTo("LC-35");
        assertThat(total).as("only the runner whose write won counts it").isGreaterThanOrEqualTo(1);
    }

    @Test
    @DisplayName(
            "CP-02 / LC-35: the scheduled sweep runs under the single-runner lock: while another runner holds 'compensation-due' it escalates nothing")
    void scheduledSweepRunsUnderTheSingleRunnerLock() throws Exception {
        var caseId = "k-" + UUID.randomUUID();
        caseInState(caseId, "RESPONDED", "cd-counter-1", "west", null);
        var late = agreed(caseId);
        var held = holdLock("compensation-due");
        try {
            // the scheduled run uses the service's clock (now): move the agreement's due time back
            var c = mongo.findById(late, Compensation.class);
            c.agreement = new Compensation.Agreement(
                    c.agreement.optionId(),
                    c.agreement.terms(),
                    c.agreement.amount(),
                    c.agreement.signedAt(),
                    Instant.now().minusSeconds(1));
            c.refreshDueTimes();
            mongo.save(c);
            sweep.scheduled();
            assertThat(view(late).get("escalations"))
                    .as("another runner holds the lock")
                    .isEmpty();
        } finally {
            held.unlock();
        }
        sweep.scheduled();
        assertThat(view(late).get("escalations")).hasSize(1);
    }

    private String agreed(String caseId) throws Exception {
        var id = json(propose(staff("agent-1", "cs-specialist"), caseId, List.of(option("VOUCHER", "5"))))
                .get("compensationId")
                .asText();
        var answer = postJson(
                staff("agent-1", "cs-specialist"),
                "/compensations/" + id + "/consent",
                Map.of("optionId", optionId(id, 0), "accepted", true));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return id;
    }

    /** Takes the named ShedLock lock as another replica would (retrying while a scheduled run holds it). */
    private net.javacrumbs.shedlock.core.SimpleLock holdLock(String name) throws InterruptedException {
        for (var attempt = 0; attempt < 100; attempt++) {
            var lock = locks.lock(new net.javacrumbs.shedlock.core.LockConfiguration(
                    Instant.now(), name, java.time.Duration.ofMinutes(5), java.time.Duration.ZERO));
            if (lock.isPresent()) {
                return lock.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("could not take lock " + name);
    }
}
