package org.complaints.routing.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.complaints.routing.cases.CaseFixtures.berlin;
import static org.complaints.routing.cases.CaseFixtures.local;
import static org.complaints.routing.cases.InMemoryRouting.request;
import static org.complaints.routing.cases.InMemoryRouting.staff;
import static org.complaints.routing.cases.InMemoryRouting.system;

import java.time.Duration;
import java.util.List;
import org.complaints.routing.incidents.Incident;
import org.complaints.routing.policy.PolicyCheck;
import org.complaints.routing.policy.RoutingPolicy;
import org.complaints.routing.tasks.Task;
import org.complaints.routing.tasks.TaskRefusal;
import org.complaints.routing.tasks.Tasks;
import org.complaints.support.delivery.Delivery;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, tasks as first-class work: side-route tasks (ESC-01, ESC-03, SLA-X2, CH-03) and incident
 * tasks (SLA-X1) get an owner and a due time at creation, are completed by their owner (or the
 * table's {@code COMPLETE_TASK} roles) with evidence, and turn overdue exactly once, escalated to
 * the owner's supervisor with a notification owed. Real application services over in-memory
 * repositories, a stepping clock.
 */
class CaseTasksTest {

    static final String DEALER = "demo-dealer";

    static Task task(Case c, String id) {
        return c.tasks.stream()
                .filter(t -> t.taskId().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no task " + id + " in " + c.tasks));
    }

    static Case openMajorMedia(InMemoryRouting routing) {
        return routing.service
                .open(system(DEALER, "intake-service"), request("sh-minhang", "MEDIA", "MAJOR", null, null, null))
                .kase();
    }

    @Test
    @DisplayName(
            "ESC-01 / CH-03: owner and due time are set when the case opens, and the case view shows id, owner, due time and status")
    void ownerAndDueTimeAtCreation() {
        var routing = new InMemoryRouting(local("2025-03-03T11:00"));
        var c = openMajorMedia(routing);

        var pr = task(c, "BRAND_PR_ESCALATION");
        assertThat(pr.rule()).isEqualTo("ESC-01");
        assertThat(pr.assignee()).isEqualTo("role:brand-pr");
        assertThat(pr.dueAt()).isEqualTo(local("2025-03-03T11:30"));
        assertThat(pr.status()).isEqualTo(Task.OPEN);
        var withdrawal = task(c, "MEDIA_WITHDRAWAL");
        assertThat(withdrawal.assignee()).isEqualTo("role:marketing-manager");
        assertThat(withdrawal.dueAt()).as("one working day of the site").isEqualTo(local("2025-03-04T11:00"));
        assertThat(c.nextDueAt).as("the earliest task counts for the sweep").isBeforeOrEqualTo(pr.dueAt());

        var view = routing.service.view(routing.cases.stored(c.id));
        assertThat(view.tasks()).anySatisfy(t -> {
            assertThat(t.id()).isEqualTo("MEDIA_WITHDRAWAL");
            assertThat(t.owner()).isEqualTo("role:marketing-manager");
            assertThat(t.dueAt()).isEqualTo(local("2025-03-04T11:00"));
            assertThat(t.status()).isEqualTo("OPEN");
            assertThat(t.completedBy()).isNull();
        });
    }

    @Test
    @DisplayName(
            "CH-03: the marketing manager completes the withdrawal with evidence; the case view shows who, when and the evidence")
    void ownerCompletesWithEvidence() {
        var routing = new InMemoryRouting(local("2025-03-03T11:00"));
        var c = openMajorMedia(routing);
        routing.clock.advance(Duration.ofHours(2));

        var done = routing.service.completeTask(
                staff(DEALER, "marketing-manager"), c.id, "MEDIA_WITHDRAWAL", "  Article withdrawn by the editor  ");

        var t = task(done, "MEDIA_WITHDRAWAL");
        assertThat(t.status()).isEqualTo(Task.DONE);
        assertThat(t.completedBy()).isEqualTo("marketing-manager-user");
        assertThat(t.completedAt()).isEqualTo(local("2025-03-03T13:00"));
        assertThat(t.evidence()).isEqualTo("Article withdrawn by the editor");
        assertThat(done.audit.getLast().action()).isEqualTo("COMPLETE_TASK");
        var view = routing.service.view(routing.cases.stored(c.id)).tasks().stream()
                .filter(v -> v.id().equals("MEDIA_WITHDRAWAL"))
                .findFirst()
                .orElseThrow();
        assertThat(view.completedBy()).isEqualTo("marketing-manager-user");
        assertThat(view.completedAt()).isEqualTo(local("2025-03-03T13:00"));
        assertThat(view.evidence()).isEqualTo("Article withdrawn by the editor");
    }

    @Test
    @DisplayName(
            "ESC-01: another role (a service advisor, the marketing manager on the PR task) is refused 403 and nothing changes; a COMPLETE_TASK role may")
    void someoneElsesTaskIsRefused() {
        var routing = new InMemoryRouting(local("2025-03-03T11:00"));
        var c = openMajorMedia(routing);
        var before = routing.cases.stored(c.id);

        for (var role : List.of("service-advisor", "marketing-manager")) {
            assertThatThrownBy(() ->
                            routing.service.completeTask(staff(DEALER, role), c.id, "BRAND_PR_ESCALATION", "done"))
                    .as(role)
                    .isInstanceOfSatisfying(TaskRefusal.class, r -> {
                        assertThat(r.kind()).isEqualTo(TaskRefusal.Kind.NOT_ALLOWED);
                        assertThat(r.getMessage()).contains("role:brand-pr").contains("service-director");
                    });
        }
        var after = routing.cases.stored(c.id);
        assertThat(after.version).isEqualTo(before.version);
        assertThat(task(after, "BRAND_PR_ESCALATION").status()).isEqualTo(Task.OPEN);

        var director = routing.service.completeTask(
                staff(DEALER, "service-director"), c.id, "BRAND_PR_ESCALATION", "RBO PR informed by phone");
        assertThat(task(director, "BRAND_PR_ESCALATION").status()).isEqualTo(Task.DONE);
    }

    @Test
    @DisplayName(
            "CH-03: an unknown task (404), a task already done (409), missing or over-long evidence (422) change nothing")
    void badCompletionsChangeNothing() {
        var routing = new InMemoryRouting(local("2025-03-03T11:00"));
        var c = openMajorMedia(routing);
        var owner = staff(DEALER, "marketing-manager");
        record Bad(String taskId, String evidence, TaskRefusal.Kind kind) {}
        var bad = List.of(
                new Bad("NO_SUCH_TASK", "x", TaskRefusal.Kind.NOT_FOUND),
                new Bad("MEDIA_WITHDRAWAL", null, TaskRefusal.Kind.INVALID),
                new Bad("MEDIA_WITHDRAWAL", "   ", TaskRefusal.Kind.INVALID),
                new Bad("MEDIA_WITHDRAWAL", "x".repeat(Tasks.MAX_EVIDENCE + 1), TaskRefusal.Kind.INVALID));
        for (var b : bad) {
            var version = routing.cases.stored(c.id).version;
            assertThatThrownBy(() -> routing.service.completeTask(owner, c.id, b.taskId(), b.evidence()))
                    .as(b.toString())
                    .isInstanceOfSatisfying(
                            TaskRefusal.class, r -> assertThat(r.kind()).isEqualTo(b.kind()));
            assertThat(routing.cases.stored(c.id).version).isEqualTo(version);
        }
        routing.service.completeTask(owner, c.id, "MEDIA_WITHDRAWAL", "withdrawn");
        var version = routing.cases.stored(c.id).version;
        assertThatThrownBy(() -> routing.service.completeTask(owner, c.id, "MEDIA_WITHDRAWAL", "again"))
                .isInstanceOfSatisfying(
                        TaskRefusal.class, r -> assertThat(r.kind()).isEqualTo(TaskRefusal.Kind.ALREADY_DONE));
        assertThat(routing.cases.stored(c.id).version).isEqualTo(version);
        assertThat(task(routing.cases.stored(c.id), "MEDIA_WITHDRAWAL").evidence())
                .isEqualTo("withdrawn");
    }

    @Test
    @DisplayName(
            "CH-03: past its due time the withdrawal turns OVERDUE once, escalated to the service director at its due time with a notification owed; later sweeps add nothing")
    void overdueEscalatesOnceToTheSupervisor() {
        var routing = new InMemoryRouting(local("2025-03-03T11:00"));
        var c = routing.service
                .open(system(DEALER, "intake-service"), request("sh-minhang", "MEDIA", "GENERAL", null, null, null))
                .kase();
        routing.clock.set(local("2025-03-04T12:00"));

        routing.sweep.sweep();
        routing.clock.advance(Duration.ofHours(1));
        routing.sweep.sweep();

        var swept = routing.cases.stored(c.id);
        var t = task(swept, "MEDIA_WITHDRAWAL");
        assertThat(t.status()).isEqualTo(Task.OVERDUE);
        assertThat(t.escalatedTo()).isEqualTo("role:service-director");
        assertThat(swept.escalations)
                .filteredOn(e -> "TASK_OVERDUE".equals(e.kind()))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.rule()).isEqualTo("CH-03");
                    assertThat(e.to()).isEqualTo("role:service-director");
                    assertThat(e.at()).isEqualTo(local("2025-03-04T11:00"));
                });
        assertThat(swept.deliveries)
                .filteredOn(d -> Case.TASK_OVERDUE.equals(d.kind()))
                .extracting(Delivery::eventId)
                .containsExactly("task-overdue:" + c.id + ":MEDIA_WITHDRAWAL");

        var done = routing.service.completeTask(
                staff(DEALER, "marketing-manager"), c.id, "MEDIA_WITHDRAWAL", "withdrawn late");
        assertThat(task(done, "MEDIA_WITHDRAWAL").status()).isEqualTo(Task.DONE);
        assertThat(done.escalations)
                .filteredOn(e -> "TASK_OVERDUE".equals(e.kind()))
                .hasSize(1);
    }

    @Test
    @DisplayName("ESC-01: two sweepers racing over the same due case escalate the overdue PR task once")
    void racingSweepersEscalateOnce() {
        var routing = new InMemoryRouting(local("2025-03-03T11:00"));
        var c = openMajorMedia(routing);
        routing.clock.set(local("2025-03-03T11:45"));
        var now = routing.clock.instant();
        var first = routing.cases.findDue(now, 10).getFirst();
        var second = routing.cases.findDue(now, 10).getFirst();

        assertThat(routing.service.sweep(first, now)).isTrue();
        assertThat(routing.service.sweep(second, now))
                .as("the stale copy's save loses")
                .isFalse();

        var stored = routing.cases.stored(c.id);
        assertThat(stored.escalations)
                .filteredOn(e -> "TASK_OVERDUE".equals(e.kind()) && "ESC-01".equals(e.rule()))
                .singleElement()
                .satisfies(e -> assertThat(e.to()).isEqualTo("role:general-manager"));
        assertThat(stored.deliveries)
                .filteredOn(d -> Case.TASK_OVERDUE.equals(d.kind()))
                .hasSize(1);
    }

    @Test
    @DisplayName(
            "ESC-01: completed after its due time with no sweep in between, the PR task turns overdue first (stamped at 11:30), then done")
    void lateCompletionEscalatesFirst() {
        var routing = new InMemoryRouting(local("2025-03-03T11:00"));
        var c = openMajorMedia(routing);
        routing.clock.set(local("2025-03-03T12:00"));

        var done = routing.service.completeTask(
                staff(DEALER, "service-director"), c.id, "BRAND_PR_ESCALATION", "RBO PR informed");

        assertThat(task(done, "BRAND_PR_ESCALATION").status()).isEqualTo(Task.DONE);
        assertThat(task(done, "BRAND_PR_ESCALATION").escalatedTo()).isEqualTo("role:general-manager");
        assertThat(done.escalations)
                .filteredOn(e -> "TASK_OVERDUE".equals(e.kind()))
                .singleElement()
                .satisfies(e -> assertThat(e.at()).isEqualTo(local("2025-03-03T11:30")));
    }

    @Test
    @DisplayName(
            "SLA-X2: the legal report of a major generic case is due in one working hour and, when missed, goes to the general manager")
    void legalReportOverdue() {
        var routing = new InMemoryRouting(berlin("2025-03-03T10:00"));
        var c = routing.service
                .open(
                        system("demo-generic", "intake-service"),
                        request("ber-counter-1", "PHONE", "MAJOR", null, null, null))
                .kase();
        assertThat(task(c, "LEGAL_REPORT").dueAt()).isEqualTo(berlin("2025-03-03T11:00"));
        assertThat(task(c, "LEGAL_REPORT").assignee()).isEqualTo("role:legal");

        routing.clock.set(berlin("2025-03-03T11:01"));
        routing.sweep.sweep();

        var t = task(routing.cases.stored(c.id), "LEGAL_REPORT");
        assertThat(t.status()).isEqualTo(Task.OVERDUE);
        assertThat(t.escalatedTo()).isEqualTo("role:general-manager");
        var done = routing.service.completeTask(staff("demo-generic", "legal"), c.id, "LEGAL_REPORT", "Report L-7");
        assertThat(task(done, "LEGAL_REPORT").status()).isEqualTo(Task.DONE);
    }

    @Test
    @DisplayName(
            "ESC-03: a level V store complaint gives HQ a task due at the end of the store's working day, which an HQ executive completes")
    void hqNotification() {
        var routing = new InMemoryRouting(local("2025-03-03T11:00"));
        var c = routing.service
                .open(
                        system("demo-retail", "intake-service"),
                        request("sh-xujiahui", "ONLINE", "CHANNEL", null, null, null))
                .kase();

        var t = task(c, "HQ_NOTIFICATION");
        assertThat(t.rule()).isEqualTo("ESC-03");
        assertThat(t.assignee()).isEqualTo("role:hq-executive");
        assertThat(t.dueAt()).isEqualTo(local("2025-03-03T21:00"));
        assertThatThrownBy(() -> routing.service.completeTask(
                        staff("demo-retail", "service-desk"), c.id, "HQ_NOTIFICATION", "told HQ"))
                .isInstanceOfSatisfying(
                        TaskRefusal.class, r -> assertThat(r.kind()).isEqualTo(TaskRefusal.Kind.NOT_ALLOWED));
        var done = routing.service.completeTask(
                staff("demo-retail", "hq-executive"), c.id, "HQ_NOTIFICATION", "HQ took it over");
        assertThat(task(done, "HQ_NOTIFICATION").status()).isEqualTo(Task.DONE);
    }

    @Test
    @DisplayName(
            "preset loading refuses a side route without owner or due time, a repeated task name and an incident task without owner, naming them")
    void presetTaskChecks() {
        var p = CaseFixtures.POLICIES.of(DEALER);
        var pr = p.sideRoutes().getFirst();
        var noOwner = new RoutingPolicy.SideRoute(
                "ESC-01", "PR_AGAIN", " ", pr.channels(), pr.minLevel(), pr.after(), pr.calendar());
        var noDue = new RoutingPolicy.SideRoute(
                "CH-03", "NO_DUE", "role:marketing-manager", pr.channels(), null, null, "WORKING_DAYS");
        var group = new RoutingPolicy.GroupComplaint(
                3,
                Duration.ofHours(24),
                "MAJOR",
                List.of(new RoutingPolicy.GroupComplaint.Task(
                        "SPECIAL_TEAM_FORMED", Duration.ofHours(1), "SLA-X1", null)));
        var broken = new RoutingPolicy(
                p.levelNames(),
                p.triageRole(),
                p.departments(),
                p.responsiblePersons(),
                p.directToPersonChannels(),
                p.clocks(),
                p.countingWindow(),
                List.of(pr, pr, noOwner, noDue),
                p.permissions(),
                p.closureRoles(),
                p.closureRequiresFollowUp(),
                p.reopenRoles(),
                p.vagueMeasures(),
                p.atRiskShare(),
                group,
                p.conflictRole(),
                p.autoHandOver(),
                p.ladder(),
                p.handlingTasks(),
                p.flags(),
                p.liability(),
                p.rootCauses());

        assertThat(PolicyCheck.problems(broken))
                .contains(
                        "ESC-01 task BRAND_PR_ESCALATION: the name is used twice",
                        "ESC-01 task PR_AGAIN: no owner (a person or role:<role>)",
                        "CH-03 task NO_DUE: no due time (after)",
                        "SLA-X1 task SPECIAL_TEAM_FORMED: no owner (a person or role:<role>)");
    }

    @Test
    @DisplayName(
            "SLA-X1: a group incident's tasks have the preset's owner and 1 h / 4 h / 24 h due times; the 1 h task turns overdue once to the general manager, even with two racing sweepers")
    void incidentTasks() {
        var routing = new InMemoryRouting(local("2025-03-03T09:00"));
        String incidentId = null;
        for (var i = 0; i < 3; i++) {
            incidentId = routing.service
                    .open(
                            system(DEALER, "intake-service"),
                            request("sh-minhang", "SERVICE_ADVISOR_RECEPTION", "GENERAL", "TECHNICAL", "VIN-1", null))
                    .kase()
                    .incidentId;
        }
        var opened = routing.incidents.stored(incidentId);
        assertThat(opened.tasks())
                .extracting(Task::taskId, Task::assignee, Task::dueAt)
                .containsExactly(
                        tuple("SPECIAL_TEAM_FORMED", "role:service-director", local("2025-03-03T10:00")),
                        tuple("TEMPORARY_SOLUTION_PUBLISHED", "role:service-director", local("2025-03-03T13:00")),
                        tuple("EFFECT_VERIFIED", "role:service-director", local("2025-03-04T09:00")));
        assertThat(opened.nextDueAt()).isEqualTo(local("2025-03-03T10:00"));

        routing.clock.set(local("2025-03-03T10:05"));
        var now = routing.clock.instant();
        var first = routing.incidents.findDue(now, 10).getFirst();
        var second = routing.incidents.findDue(now, 10).getFirst();
        assertThat(routing.incidentTasks.overdue(first, now)).isTrue();
        assertThat(routing.incidentTasks.overdue(second, now))
                .as("the stale copy loses")
                .isFalse();
        assertThat(routing.incidentSweep.sweep()).as("nothing else due").isZero();

        var swept = routing.incidents.stored(incidentId);
        assertThat(swept.tasks())
                .filteredOn(t -> Task.OVERDUE.equals(t.status()))
                .singleElement()
                .satisfies(t -> {
                    assertThat(t.taskId()).isEqualTo("SPECIAL_TEAM_FORMED");
                    assertThat(t.escalatedTo()).isEqualTo("role:general-manager");
                });
        @SuppressWarnings("unchecked")
        var deliveries = (List<Delivery>) InMemoryRouting.Incidents.field(swept, "deliveries");
        assertThat(deliveries)
                .extracting(Delivery::eventId, Delivery::kind)
                .containsExactly(tuple("task-overdue:" + incidentId + ":SPECIAL_TEAM_FORMED", Incident.TASK_OVERDUE));
        assertThat(swept.nextDueAt()).isEqualTo(local("2025-03-03T13:00"));
    }

    @Test
    @DisplayName(
            "SLA-X1: the owner (service director) completes an incident task; a service advisor is refused and nothing changes")
    void incidentTaskCompletion() {
        var routing = new InMemoryRouting(local("2025-03-03T09:00"));
        String incidentId = null;
        for (var i = 0; i < 3; i++) {
            incidentId = routing.service
                    .open(
                            system(DEALER, "intake-service"),
                            request("sh-minhang", "SERVICE_ADVISOR_RECEPTION", "GENERAL", "TECHNICAL", "VIN-2", null))
                    .kase()
                    .incidentId;
        }
        var id = incidentId;
        routing.clock.advance(Duration.ofMinutes(30));
        var before = routing.incidents.stored(id);

        assertThatThrownBy(() -> routing.incidentTasks.complete(
                        staff(DEALER, "service-advisor"), id, "SPECIAL_TEAM_FORMED", "team of five"))
                .isInstanceOfSatisfying(
                        TaskRefusal.class, r -> assertThat(r.kind()).isEqualTo(TaskRefusal.Kind.NOT_ALLOWED));
        assertThat(routing.incidents.stored(id).tasks()).isEqualTo(before.tasks());

        var done = routing.incidentTasks.complete(
                staff(DEALER, "service-director"), id, "SPECIAL_TEAM_FORMED", "Team: 张诚, 钱城, 沈瑜");
        assertThat(done.tasks().getFirst().status()).isEqualTo(Task.DONE);
        assertThat(done.tasks().getFirst().completedBy()).isEqualTo("service-director-user");
        assertThat(done.nextDueAt()).as("the 4 h task is next").isEqualTo(local("2025-03-03T13:00"));
    }
}
