package org.complaints.routing.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.complaints.routing.cases.CaseFixtures.local;
import static org.complaints.routing.cases.CaseTasksTest.task;
import static org.complaints.routing.cases.InMemoryRouting.request;
import static org.complaints.routing.cases.InMemoryRouting.staff;
import static org.complaints.routing.cases.InMemoryRouting.system;

import java.time.LocalDate;
import java.util.Set;
import org.complaints.routing.tasks.Task;
import org.complaints.routing.tasks.TaskRefusal;
import org.complaints.support.delivery.Delivery;
import org.complaints.support.identity.CallerIdentity;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, the tasks of a case's own handling (ADR 0250): the responsible person's root cause
 * (LC-06, RC-01), opened at acceptance or assignment, and the CAPA effectiveness review (RC-04),
 * opened by the closure of a case with a root cause. Each has an owner, a due time on the site's
 * calendar, a completion by its owner (or the COMPLETE_TASK roles) with evidence, and escalates once
 * to the owner's supervisor when overdue. Real services over in-memory repositories, a stepping
 * clock; the dealer's Minhang site works Monday to Saturday, 08:30-18:00.
 */
class HandlingTasksTest {

    static final String DEALER = "demo-dealer";

    static CallerIdentity person(String subject, String... roles) {
        return new CallerIdentity(
                subject, CallerIdentity.Kind.STAFF, DEALER, Set.of(), Set.of(), Set.of(roles), Set.of(), "Staff");
    }

    static Case openWalkIn(InMemoryRouting routing, String domain) {
        return routing.service
                .open(system(DEALER, "intake-service"), request("sh-minhang", "WALK_IN", "GENERAL", domain, null, null))
                .kase();
    }

    static Step assign(String domain) {
        return new Step(null, null, null, domain, null, null, null, null, null, null, null, null);
    }

    static Step resolution(LocalDate measureDue) {
        return new Step(
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                new Case.Resolution(
                        "Wheel bolts torqued by an uncalibrated wrench",
                        "TOOLING",
                        "Re-torqued all four wheels",
                        new Case.Measure("Torque wrench calibration every 3 months instead of 12", "张诚", measureDue),
                        false,
                        null,
                        null),
                null,
                null);
    }

    @Test
    @DisplayName(
            "LC-06 (seed scenario 6): accepted by the service director, the root cause is the owning role's task due two working days later; assigning domain PARTS hands it to 沈瑜 with the same due time")
    void rootCauseTaskFollowsTheResponsiblePerson() {
        var routing = new InMemoryRouting(local("2025-03-03T10:00"));
        var c = openWalkIn(routing, null);
        assertThat(c.tasks)
                .as("no task before acceptance or a responsible person")
                .isEmpty();
        routing.clock.set(local("2025-03-03T10:10"));
        var director = staff(DEALER, "service-director");

        var accepted = routing.service.act(director, c.id, Action.ACCEPT, Step.empty());
        var opened = task(accepted, "ROOT_CAUSE");
        assertThat(opened.rule()).isEqualTo("LC-06");
        assertThat(opened.assignee()).isEqualTo("role:service-director");
        assertThat(opened.dueAt()).isEqualTo(local("2025-03-05T10:10"));
        assertThat(opened.status()).isEqualTo(Task.OPEN);

        var assigned = routing.service.act(director, c.id, Action.ASSIGN, assign("PARTS"));
        assertThat(assigned.owner).isEqualTo("沈瑜");
        var handed = task(assigned, "ROOT_CAUSE");
        assertThat(handed.assignee()).isEqualTo("沈瑜");
        assertThat(handed.dueAt()).isEqualTo(local("2025-03-05T10:10"));
        assertThat(assigned.tasks)
                .filteredOn(t -> t.taskId().equals("ROOT_CAUSE"))
                .hasSize(1);
    }

    @Test
    @DisplayName(
            "LC-06: the responsible person's root-cause task is completed by 沈瑜 with evidence; a service advisor is refused (403) and missing evidence is refused (422), nothing changed")
    void rootCauseCompletedOnlyByItsOwnerWithEvidence() {
        var routing = new InMemoryRouting(local("2025-03-03T10:00"));
        var c = openWalkIn(routing, "PARTS");
        assertThat(task(c, "ROOT_CAUSE").assignee()).as("assigned at opening").isEqualTo("沈瑜");
        var version = routing.cases.stored(c.id).version;

        assertThatThrownBy(() ->
                        routing.service.completeTask(staff(DEALER, "service-advisor"), c.id, "ROOT_CAUSE", "found it"))
                .isInstanceOfSatisfying(
                        TaskRefusal.class, r -> assertThat(r.kind()).isEqualTo(TaskRefusal.Kind.NOT_ALLOWED));
        assertThatThrownBy(() -> routing.service.completeTask(
                        person("钱城", "responsible-person"), c.id, "ROOT_CAUSE", "found it"))
                .as("another responsible person")
                .isInstanceOfSatisfying(
                        TaskRefusal.class, r -> assertThat(r.kind()).isEqualTo(TaskRefusal.Kind.NOT_ALLOWED));
        assertThatThrownBy(
                        () -> routing.service.completeTask(person("沈瑜", "responsible-person"), c.id, "ROOT_CAUSE", " "))
                .isInstanceOfSatisfying(
                        TaskRefusal.class, r -> assertThat(r.kind()).isEqualTo(TaskRefusal.Kind.INVALID));
        assertThat(routing.cases.stored(c.id).version).isEqualTo(version);

        routing.clock.set(local("2025-03-04T15:00"));
        var done = routing.service.completeTask(
                person("沈瑜", "responsible-person"), c.id, "ROOT_CAUSE", "Wrong part number in the parts catalogue");
        var t = task(done, "ROOT_CAUSE");
        assertThat(t.status()).isEqualTo(Task.DONE);
        assertThat(t.completedBy()).isEqualTo("沈瑜");
        assertThat(t.evidence()).isEqualTo("Wrong part number in the parts catalogue");
    }

    @Test
    @DisplayName(
            "RC-01: recording the resolution with its root cause completes an open root-cause task, by the resolver")
    void resolutionCompletesTheRootCauseTask() {
        var routing = new InMemoryRouting(local("2025-03-03T10:00"));
        var c = openWalkIn(routing, "TECHNICAL");
        var owner = person("张诚", "responsible-person");
        routing.service.act(owner, c.id, Action.ACCEPT, Step.empty());
        routing.service.act(owner, c.id, Action.CONTACT, Step.empty());

        var resolved = routing.service.act(owner, c.id, Action.RESOLVE, resolution(LocalDate.parse("2025-04-01")));

        var t = task(resolved, "ROOT_CAUSE");
        assertThat(t.status()).isEqualTo(Task.DONE);
        assertThat(t.completedBy()).isEqualTo("张诚");
        assertThat(t.evidence()).contains("Wheel bolts torqued by an uncalibrated wrench");
    }

    @Test
    @DisplayName(
            "LC-06: a root cause not written by its due time turns overdue once, escalated to the responsible person's supervisor (the service director) with one notification owed")
    void rootCauseOverdueEscalatesOnce() {
        var routing = new InMemoryRouting(local("2025-03-03T10:00"));
        var c = openWalkIn(routing, "TECHNICAL");
        assertThat(task(c, "ROOT_CAUSE").dueAt()).isEqualTo(local("2025-03-05T10:00"));

        routing.clock.set(local("2025-03-05T10:01"));
        routing.sweep.sweep();
        routing.clock.set(local("2025-03-05T11:00"));
        routing.sweep.sweep();

        var stored = routing.cases.stored(c.id);
        var t = task(stored, "ROOT_CAUSE");
        assertThat(t.status()).isEqualTo(Task.OVERDUE);
        assertThat(t.escalatedTo()).isEqualTo("role:service-director");
        assertThat(stored.escalations)
                .filteredOn(e -> "TASK_OVERDUE".equals(e.kind()) && "LC-06".equals(e.rule()))
                .singleElement()
                .satisfies(e -> assertThat(e.at()).isEqualTo(local("2025-03-05T10:00")));
        assertThat(stored.deliveries)
                .filteredOn(d -> Case.TASK_OVERDUE.equals(d.kind()))
                .extracting(Delivery::eventId)
                .containsExactly("task-overdue:" + c.id + ":ROOT_CAUSE");
    }

    @Test
    @DisplayName(
            "RC-04 / KP-02: closing a case with a root cause opens the CAPA effectiveness review (its evaluation record) for the service director, due 30 days after the end of the measure's due date; the closed case still turns it overdue once (to the general manager); only its role completes it, with evidence")
    void capaReviewAfterClosure() {
        var routing = new InMemoryRouting(local("2025-03-03T10:00"));
        var c = openWalkIn(routing, "TECHNICAL");
        var owner = person("张诚", "responsible-person");
        var director = staff(DEALER, "service-director");
        routing.service.act(owner, c.id, Action.ACCEPT, Step.empty());
        routing.service.act(owner, c.id, Action.CONTACT, Step.empty());
        var resolved = routing.service.act(owner, c.id, Action.RESOLVE, resolution(LocalDate.parse("2025-04-01")));
        assertThat(resolved.tasks).extracting(Task::taskId).doesNotContain("CAPA_EFFECTIVENESS_REVIEW");
        routing.clock.set(local("2025-03-04T10:00"));

        var closed = routing.service.act(director, c.id, Action.CLOSE, Step.empty());

        assertThat(closed.state).isEqualTo(State.CLOSED);
        var review = task(closed, "CAPA_EFFECTIVENESS_REVIEW");
        assertThat(review.rule()).isEqualTo("RC-04");
        assertThat(review.assignee()).isEqualTo("role:service-director");
        assertThat(review.dueAt()).as("2025-04-01 18:00 + 30 days").isEqualTo(local("2025-05-01T18:00"));
        // the record's filing (LC-12, its own test below) is done by customer care at once here
        var filed = routing.service.completeTask(
                staff(DEALER, "customer-care-officer"), c.id, "ARCHIVE_FILING", "filed in the care archive");
        assertThat(filed.nextDueAt).as("the closed case is still swept for it").isEqualTo(review.dueAt());

        routing.clock.set(local("2025-05-02T09:00"));
        routing.sweep.sweep();
        routing.clock.set(local("2025-05-02T10:00"));
        routing.sweep.sweep();

        var swept = routing.cases.stored(c.id);
        var overdue = task(swept, "CAPA_EFFECTIVENESS_REVIEW");
        assertThat(overdue.status()).isEqualTo(Task.OVERDUE);
        assertThat(overdue.escalatedTo()).isEqualTo("role:general-manager");
        assertThat(swept.escalations)
                .filteredOn(e -> "TASK_OVERDUE".equals(e.kind()) && "RC-04".equals(e.rule()))
                .hasSize(1);
        assertThat(swept.deliveries)
                .filteredOn(d -> Case.TASK_OVERDUE.equals(d.kind()))
                .extracting(Delivery::eventId)
                .containsExactly("task-overdue:" + c.id + ":CAPA_EFFECTIVENESS_REVIEW");
        assertThat(swept.nextDueAt).isNull();

        assertThatThrownBy(
                        () -> routing.service.completeTask(owner, c.id, "CAPA_EFFECTIVENESS_REVIEW", "no recurrence"))
                .isInstanceOfSatisfying(
                        TaskRefusal.class, r -> assertThat(r.kind()).isEqualTo(TaskRefusal.Kind.NOT_ALLOWED));
        var done = routing.service.completeTask(
                director, c.id, "CAPA_EFFECTIVENESS_REVIEW", "No TOOLING recurrence in 30 days: report E-12");
        assertThat(task(done, "CAPA_EFFECTIVENESS_REVIEW").status()).isEqualTo(Task.DONE);
        assertThat(task(done, "CAPA_EFFECTIVENESS_REVIEW").evidence())
                .isEqualTo("No TOOLING recurrence in 30 days: report E-12");
    }

    @Test
    @DisplayName(
            "LC-12 / SLA-D3 (scenario 1): closure hands the record to customer care (客户关爱部) for filing: a task for the customer-care officers due one working day later on the site's calendar, watched on the closed case, overdue once to the customer-care director, completed by an officer with where it was filed")
    void closureHandsTheRecordToCustomerCareForFiling() {
        var routing = new InMemoryRouting(local("2025-03-03T10:00"));
        var c = openWalkIn(routing, "TECHNICAL");
        var owner = person("张诚", "responsible-person");
        routing.service.act(owner, c.id, Action.ACCEPT, Step.empty());
        routing.service.act(owner, c.id, Action.CONTACT, Step.empty());
        var resolved = routing.service.act(owner, c.id, Action.RESOLVE, resolution(LocalDate.parse("2025-04-01")));
        assertThat(resolved.tasks).extracting(Task::taskId).doesNotContain("ARCHIVE_FILING");
        routing.clock.set(local("2025-03-08T17:00")); // a Saturday; the dealership rests on Sundays

        var closed = routing.service.act(staff(DEALER, "service-director"), c.id, Action.CLOSE, Step.empty());

        var filing = task(closed, "ARCHIVE_FILING");
        assertThat(filing.rule()).isEqualTo("LC-12");
        assertThat(filing.assignee()).isEqualTo("role:customer-care-officer");
        assertThat(filing.status()).isEqualTo(Task.OPEN);
        assertThat(filing.dueAt()).as("one working day: Monday 17:00").isEqualTo(local("2025-03-10T17:00"));
        assertThat(closed.nextDueAt).as("the closed case is swept for it").isEqualTo(filing.dueAt());

        routing.clock.set(local("2025-03-10T17:01"));
        routing.sweep.sweep();
        routing.sweep.sweep();
        var swept = routing.cases.stored(c.id);
        assertThat(task(swept, "ARCHIVE_FILING").status()).isEqualTo(Task.OVERDUE);
        assertThat(task(swept, "ARCHIVE_FILING").escalatedTo()).isEqualTo("role:customer-care-director");
        assertThat(swept.escalations)
                .filteredOn(e -> "TASK_OVERDUE".equals(e.kind()) && "LC-12".equals(e.rule()))
                .singleElement()
                .satisfies(e -> assertThat(e.at()).isEqualTo(local("2025-03-10T17:00")));

        assertThatThrownBy(() ->
                        routing.service.completeTask(staff(DEALER, "service-advisor"), c.id, "ARCHIVE_FILING", "filed"))
                .isInstanceOfSatisfying(
                        TaskRefusal.class, r -> assertThat(r.kind()).isEqualTo(TaskRefusal.Kind.NOT_ALLOWED));
        var done = routing.service.completeTask(
                person("dealer.care", "customer-care-officer"), c.id, "ARCHIVE_FILING", "客户关爱部档案 2025-03 第12号");
        assertThat(task(done, "ARCHIVE_FILING").status()).isEqualTo(Task.DONE);
        assertThat(task(done, "ARCHIVE_FILING").completedBy()).isEqualTo("dealer.care");
        assertThat(task(done, "ARCHIVE_FILING").evidence()).isEqualTo("客户关爱部档案 2025-03 第12号");
    }

    @Test
    @DisplayName(
            "RC-01 (generic): accepted on a Friday at a Berlin counter, the supervisors' root-cause task is due one working day later, Monday, and escalates once to the complaints manager")
    void genericRootCauseCountsTheSitesWorkingDays() {
        var routing = new InMemoryRouting(CaseFixtures.berlin("2025-03-07T16:00"));
        var c = routing.service
                .open(
                        system("demo-generic", "intake-service"),
                        request("ber-counter-1", "PHONE", "GENERAL", null, null, null))
                .kase();
        var accepted = routing.service.act(staff("demo-generic", "supervisor"), c.id, Action.ACCEPT, Step.empty());
        var t = task(accepted, "ROOT_CAUSE");
        assertThat(t.rule()).isEqualTo("RC-01");
        assertThat(t.assignee()).isEqualTo("role:supervisor");
        assertThat(t.dueAt()).isEqualTo(CaseFixtures.berlin("2025-03-10T16:00"));

        routing.clock.set(CaseFixtures.berlin("2025-03-10T16:01"));
        routing.sweep.sweep();
        routing.sweep.sweep();

        var stored = routing.cases.stored(c.id);
        assertThat(task(stored, "ROOT_CAUSE").escalatedTo()).isEqualTo("role:cs-manager");
        assertThat(stored.escalations)
                .filteredOn(e -> "TASK_OVERDUE".equals(e.kind()))
                .singleElement()
                .satisfies(e -> assertThat(e.rule()).isEqualTo("RC-01"));
    }

    @Test
    @DisplayName(
            "RC-04 / LC-06: a case ended as not established gets no review, its unfinished root cause is cancelled (completing it is refused) and nothing is left to sweep")
    void noReviewWithoutRootCause() {
        var routing = new InMemoryRouting(local("2025-03-03T10:00"));
        var c = openWalkIn(routing, "PARTS");

        var ended = routing.service.event(
                system(DEALER, "intake-service"),
                c.id,
                InMemoryRouting.event("COMPLAINT_NOT_ESTABLISHED", java.util.Map.of()));

        assertThat(ended.tasks).extracting(Task::taskId).doesNotContain("CAPA_EFFECTIVENESS_REVIEW");
        assertThat(task(ended, "ROOT_CAUSE").status()).isEqualTo(Task.CANCELLED);
        assertThat(ended.nextDueAt).isNull();
        assertThatThrownBy(() -> routing.service.completeTask(
                        person("沈瑜", "responsible-person"), c.id, "ROOT_CAUSE", "found it"))
                .isInstanceOfSatisfying(
                        TaskRefusal.class, r -> assertThat(r.kind()).isEqualTo(TaskRefusal.Kind.ALREADY_DONE));
    }
}
