package org.complaints.routing.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.complaints.routing.cases.CaseFixtures.berlin;
import static org.complaints.routing.cases.CaseFixtures.local;
import static org.complaints.routing.cases.InMemoryRouting.event;
import static org.complaints.routing.cases.InMemoryRouting.request;
import static org.complaints.routing.cases.InMemoryRouting.resolution;
import static org.complaints.routing.cases.InMemoryRouting.staff;
import static org.complaints.routing.cases.InMemoryRouting.system;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.complaints.routing.policy.PolicyCheck;
import org.complaints.routing.policy.RoutingPolicy;
import org.complaints.routing.tasks.Task;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** Case rules through the application services, on in-memory repositories with a stepping clock. */
class CaseRulesTest {

    static final String DEALER = "demo-dealer";
    static final String RETAIL = "demo-retail";
    static final String GENERIC = "demo-generic";

    static Case.Deadline deadline(Case c, String rule, int round) {
        return c.deadlines.stream()
                .filter(d -> d.rule().equals(rule) && d.roundOrFirst() == round)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + rule + " in round " + round + ": " + c.deadlines));
    }

    @Test
    @DisplayName(
            "SLA-D1 / RT-01: a major walk-in complaint is handed to the service director at opening; the hand-over is met, nothing is born breached")
    void majorDealerComplaintIsHandedOverAtOpening() {
        var routing = new InMemoryRouting(local("2025-03-03T09:00"));
        var c = routing.service
                .open(
                        system(DEALER, "intake-service"),
                        request("sh-minhang", "WALK_IN", "MAJOR", null, null, local("2025-03-03T09:00")))
                .kase();

        assertThat(c.state).isEqualTo(State.HANDED_OVER);
        assertThat(c.owner).isEqualTo("role:service-director");
        assertThat(deadline(c, "SLA-D1", 1).status()).isEqualTo("MET");
        assertThat(c.deadlines).noneMatch(d -> d.status().equals("BREACHED"));
        routing.clock.advance(Duration.ofMinutes(10));
        routing.sweep.sweep();
        assertThat(routing.cases.stored(c.id).escalations).noneMatch(e -> "SLA-D1".equals(e.rule()));

        var assigned = routing.service.act(
                staff(DEALER, "service-director"),
                c.id,
                Action.ASSIGN,
                new Step(null, null, null, "TECHNICAL", null, null, null, null, null, null, null, null));
        assertThat(assigned.owner)
                .as("RT-01 the director assigns the technical person")
                .isEqualTo("张诚");
    }

    @Test
    @DisplayName(
            "SLA-D1: opened two hours after receipt (routing was down), the hand-over breaches with its real lateness, to the service director, stamped at its due time")
    void lateOpeningBreachesTheHandOver() {
        var routing = new InMemoryRouting(local("2025-03-03T11:00"));
        var c = routing.service
                .open(
                        system(DEALER, "intake-service"),
                        request("sh-minhang", "CARE_FOLLOW_UP_CALL", "MAJOR", null, null, local("2025-03-03T09:00")))
                .kase();

        var handOver = deadline(c, "SLA-D1", 1);
        assertThat(handOver.status()).isEqualTo("BREACHED");
        assertThat(handOver.lateBy()).isEqualTo(Duration.ofMinutes(115));
        assertThat(c.escalations)
                .filteredOn(e -> "SLA-D1".equals(e.rule()))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.to()).isEqualTo("role:service-director");
                    assertThat(e.at()).isEqualTo(local("2025-03-03T09:05"));
                });
        assertThat(deadline(c, "SLA-D2", 1).status())
                .as("30 min passed before receipt by routing")
                .isEqualTo("BREACHED");
        assertThat(deadline(c, "SLA-D3", 1).status()).isEqualTo("PENDING");
    }

    @Test
    @DisplayName("RT-02: a brand-hotline complaint goes straight to the responsible person of its domain")
    void brandHotlineGoesToThePerson() {
        var routing = new InMemoryRouting(local("2025-03-03T10:00"));
        var c = routing.service
                .open(
                        system(DEALER, "intake-service"),
                        request("sh-minhang", "BRAND_HOTLINE_400", "GENERAL", "PARTS", null, null))
                .kase();
        assertThat(c.owner).isEqualTo("沈瑜");
        assertThat(c.state).isEqualTo(State.REGISTERED);
    }

    @Test
    @DisplayName("RT-03: transport complaints go to storage & transport, quality complaints to quality")
    void departmentByContent() {
        var routing = new InMemoryRouting(berlin("2025-03-03T10:00"));
        var transport = new OpenCaseRequest(
                "t-" + java.util.UUID.randomUUID(),
                null,
                null,
                "ber-counter-1",
                "PHONE",
                "GENERAL",
                "TRANSPORT_DELIVERY",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        var quality = new OpenCaseRequest(
                "q-" + java.util.UUID.randomUUID(),
                null,
                null,
                "ber-counter-1",
                "PHONE",
                "GENERAL",
                "PRODUCT_QUALITY",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        assertThat(routing.service
                        .open(system(GENERIC, "intake-service"), transport)
                        .kase()
                        .department)
                .isEqualTo("storage-transport");
        assertThat(routing.service
                        .open(system(GENERIC, "intake-service"), quality)
                        .kase()
                        .department)
                .isEqualTo("quality");
    }

    @Test
    @DisplayName("RT-04: a store complaint's responsibility category names its department (物流 → logistics)")
    void departmentByResponsibilityCategory() {
        var routing = new InMemoryRouting(local("2025-03-03T11:00"));
        var r = new OpenCaseRequest(
                "r-" + java.util.UUID.randomUUID(),
                null,
                null,
                "sh-xujiahui",
                "COMPANY_HOTLINE",
                "GENERAL",
                null,
                null,
                null,
                "物流",
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        assertThat(routing.service.open(system(RETAIL, "intake-service"), r).kase().department)
                .isEqualTo("logistics");
    }

    @Test
    @DisplayName(
            "scenario 21 / ESC-08 / FU-05 / SLA-X3: an unsatisfied follow-up starts SECOND_HANDLING (round 2, reopenCount 1, complaints_reopened_total +1) with its own resolution clock; CLOSE is offered only after its satisfied follow-up")
    void secondHandlingCloses() {
        var routing = new InMemoryRouting(berlin("2025-03-03T10:00"));
        var supervisor = staff(GENERIC, "supervisor");
        var id = routing.service
                .open(system(GENERIC, "intake-service"), request("ber-counter-1", "PHONE", "GENERAL", null, null, null))
                .kase()
                .id;
        routing.service.act(supervisor, id, Action.ACCEPT, Step.empty());
        routing.service.act(supervisor, id, Action.CONTACT, Step.empty());
        routing.clock.advance(Duration.ofHours(2));
        var resolved = routing.service.act(supervisor, id, Action.RESOLVE, resolution(false));
        assertThat(resolved.followUpRequests)
                .extracting(Case.FollowUpRequest::round)
                .containsExactly(1);
        assertThat(deadline(resolved, "SLA-B1", 1).status()).isEqualTo("MET");

        routing.clock.advance(Duration.ofDays(1));
        var unsatisfied = event("FOLLOW_UP_UNSATISFIED", Map.of("round", 1));
        var reopened = routing.service.event(system(GENERIC, "followup-service"), id, unsatisfied);
        assertThat(reopened.state).isEqualTo(State.SECOND_HANDLING);
        assertThat(reopened.round).isEqualTo(2);
        assertThat(reopened.reopenCount).isEqualTo(1);
        assertThat(deadline(reopened, "SLA-B1", 2).dueAt()).isEqualTo(berlin("2025-03-05T12:00"));
        assertThat(reopenedTotal(routing)).as("complaints_reopened_total").isEqualTo(1.0);
        assertThat(routing.service.event(system(GENERIC, "followup-service"), id, unsatisfied).version)
                .as("a replay changes nothing")
                .isEqualTo(reopened.version);
        assertThat(reopenedTotal(routing)).as("a replay counts nothing").isEqualTo(1.0);
        var secondTask = routing.service.event(
                system(GENERIC, "followup-service"), id, event("FOLLOW_UP_UNSATISFIED", Map.of("round", 1)));
        assertThat(secondTask.round)
                .as("round 1's other task reopens nothing more")
                .isEqualTo(2);

        routing.service.act(supervisor, id, Action.CONTACT, Step.empty());
        var again = routing.service.act(supervisor, id, Action.RESOLVE, resolution(false));
        assertThat(again.followUpRequests)
                .extracting(Case.FollowUpRequest::round)
                .containsExactly(1, 2);
        assertThat(routing.service.view(again).allowedActions())
                .as("not eligible for closure before round 2's satisfied follow-up")
                .doesNotContain("CLOSE");
        assertThatThrownBy(() -> routing.service.act(supervisor, id, Action.CLOSE, Step.empty()))
                .isInstanceOf(CaseRefusal.class)
                .extracting(e -> ((CaseRefusal) e).kind())
                .isEqualTo(CaseRefusal.Kind.FOLLOW_UP_REQUIRED);
        var satisfied = routing.service.event(
                system(GENERIC, "followup-service"), id, event("FOLLOW_UP_SATISFIED", Map.of("round", 2)));
        assertThat(routing.service.view(satisfied).allowedActions())
                .as("eligible for closure")
                .contains("CLOSE");
        var closed = routing.service.act(supervisor, id, Action.CLOSE, Step.empty());
        assertThat(closed.state).isEqualTo(State.CLOSED);
        assertThat(closed.deadlines).noneMatch(Case.Deadline::pending);
    }

    private static double reopenedTotal(InMemoryRouting routing) {
        return routing.meters
                .get("complaints.reopened")
                .tag("tenant", GENERIC)
                .counter()
                .count();
    }

    @Test
    @DisplayName(
            "ESC-08: an unsatisfied outcome on a closed case reopens it once; satisfied outcomes on a closed case are acknowledged")
    void unsatisfiedOnClosedCaseReopensOnce() {
        var routing = new InMemoryRouting(berlin("2025-03-03T10:00"));
        var supervisor = staff(GENERIC, "supervisor");
        var id = routing.service
                .open(system(GENERIC, "intake-service"), request("ber-counter-1", "PHONE", "GENERAL", null, null, null))
                .kase()
                .id;
        routing.service.act(supervisor, id, Action.ACCEPT, Step.empty());
        routing.service.act(supervisor, id, Action.CONTACT, Step.empty());
        routing.service.act(supervisor, id, Action.RESOLVE, resolution(false));
        routing.service.act(supervisor, id, Action.CLOSE, Step.empty());
        var followup = system(GENERIC, "followup-service");
        assertThat(routing.service.event(followup, id, event("FOLLOW_UP_SATISFIED", Map.of("round", 1))).state)
                .isEqualTo(State.CLOSED);
        var reopened = routing.service.event(followup, id, event("FOLLOW_UP_UNSATISFIED", Map.of("round", 1)));
        assertThat(reopened.state).isEqualTo(State.SECOND_HANDLING);
        var second = routing.service.event(followup, id, event("FOLLOW_UP_UNSATISFIED", Map.of("round", 1)));
        assertThat(second.reopenCount).isEqualTo(1);
    }

    @Test
    @DisplayName("a closed and filed case stays unchanged through three sweeps past all its original due times")
    void closedCaseUnchangedBySweeps() {
        var routing = new InMemoryRouting(local("2025-03-03T09:00"));
        var director = staff(DEALER, "service-director");
        var id = routing.service
                .open(
                        system(DEALER, "intake-service"),
                        request("sh-minhang", "WALK_IN", "MAJOR", "SERVICE", null, null))
                .kase()
                .id;
        routing.service.act(director, id, Action.ACCEPT, Step.empty());
        routing.service.act(director, id, Action.CONTACT, Step.empty());
        routing.service.act(director, id, Action.RESOLVE, resolution(false));
        routing.service.act(director, id, Action.CLOSE, Step.empty());
        // its record filed by customer care (LC-12): the closed case then owes no work at all
        var closed = routing.service.completeTask(
                staff(DEALER, "customer-care-officer"), id, "ARCHIVE_FILING", "filed in the care archive");
        for (var days : List.of(1, 4, 30)) {
            routing.clock.set(local("2025-03-03T09:00").plus(Duration.ofDays(days)));
            routing.sweep.sweep();
            var stored = routing.cases.stored(id);
            assertThat(stored.version).isEqualTo(closed.version);
            assertThat(stored.level).isEqualTo("MAJOR");
            assertThat(stored.escalations).isEqualTo(closed.escalations);
        }
    }

    @Test
    @DisplayName("a late step is BREACHED with its real lateness, even before the sweep ran (SLA-B2)")
    void lateStepIsBreachedWithLateness() {
        var routing = new InMemoryRouting(berlin("2025-03-07T10:00"));
        var supervisor = staff(GENERIC, "supervisor");
        var id = routing.service
                .open(system(GENERIC, "intake-service"), request("ber-counter-1", "PHONE", "URGENT", null, null, null))
                .kase()
                .id;
        routing.service.act(supervisor, id, Action.ACCEPT, Step.empty());
        routing.clock.set(berlin("2025-03-11T13:00"));
        var c = routing.service.act(supervisor, id, Action.CONTACT, Step.empty());

        var d = deadline(c, "SLA-B2", 1);
        assertThat(d.status()).isEqualTo("BREACHED");
        assertThat(d.lateBy()).isEqualTo(Duration.ofHours(3));
        assertThat(c.escalations)
                .filteredOn(e -> "SLA-B2".equals(e.rule()))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.at()).isEqualTo(berlin("2025-03-11T10:00"));
                    assertThat(e.to()).isEqualTo("role:supervisor");
                });
    }

    @Test
    @DisplayName(
            "catch-up after an outage: SLA-G3 raises apply in due-time order, each stamped at its due time, and the level-bound 24 h clock counts from reaching level IV")
    void catchUpInDueTimeOrder() {
        var routing = new InMemoryRouting(local("2025-03-03T10:30"));
        var id = routing.service
                .open(
                        system(RETAIL, "intake-service"),
                        request("sh-xujiahui", "COMPANY_HOTLINE", "SERVICE_REQUEST", null, null, null))
                .kase()
                .id;
        routing.clock.set(local("2025-03-03T15:00"));
        routing.sweep.sweep();

        var c = routing.cases.stored(id);
        var raises =
                c.escalations.stream().filter(e -> "SLA-G3".equals(e.rule())).toList();
        assertThat(raises).extracting(Case.Escalation::toLevel).containsExactly("GENERAL", "URGENT", "MAJOR");
        assertThat(raises)
                .extracting(Case.Escalation::at)
                .containsExactly(local("2025-03-03T11:30"), local("2025-03-03T12:30"), local("2025-03-03T13:30"));
        assertThat(raises).allSatisfy(e -> assertThat(e.to()).isNotNull());
        assertThat(deadline(c, "SLA-G-IV", 1).dueAt())
                .as("24 h from reaching IV at 13:30")
                .isEqualTo(local("2025-03-04T13:30"));
    }

    @Test
    @DisplayName(
            "RT-06 / SLA-X2: a group incident raises every linked case, earlier ones included, re-plans their clocks, adds the legal report and tells intake the new level and incident")
    void groupIncidentReplansEveryCase() {
        var routing = new InMemoryRouting(berlin("2025-03-03T10:00"));
        var ids = new java.util.ArrayList<String>();
        for (var i = 0; i < 3; i++) {
            ids.add(routing.service
                    .open(
                            system(GENERIC, "intake-service"),
                            request("ber-counter-1", "PHONE", "GENERAL", null, "SKU-9", null))
                    .kase()
                    .id);
            routing.clock.advance(Duration.ofHours(1));
        }
        for (var id : ids) {
            var c = routing.cases.stored(id);
            assertThat(c.level).as(id).isEqualTo("MAJOR");
            assertThat(c.incidentId).isNotNull();
            assertThat(c.tasks).extracting(Task::task).contains("LEGAL_REPORT");
            assertThat(c.deadlines)
                    .as("the ordinary 24 h clock is no longer owed")
                    .noneMatch(d -> d.rule().equals("SLA-B1") && d.pending());
            assertThat(deadline(c, "SLA-B3", 1).dueAt())
                    .as("48 h from the incident")
                    .isEqualTo(berlin("2025-03-05T12:00"));
            var last = c.stateEvents.getLast();
            assertThat(last.level()).isEqualTo("MAJOR");
            assertThat(last.incidentId()).isEqualTo(c.incidentId);
        }
        assertThat(routing.incidents.members.values())
                .singleElement()
                .satisfies(m -> assertThat(m).hasSize(3));
    }

    @Test
    @DisplayName(
            "LC-03 / CL-01 / ESC-01: only a major external-channel complaint opens the brand PR route; a general one only the withdrawal task")
    void onlyMajorC4GoesToBrandPr() {
        var routing = new InMemoryRouting(local("2025-03-03T11:00"));
        var general = routing.service
                .open(system(DEALER, "intake-service"), request("sh-minhang", "MEDIA", "GENERAL", null, null, null))
                .kase();
        var major = routing.service
                .open(system(DEALER, "intake-service"), request("sh-minhang", "MEDIA", "MAJOR", null, null, null))
                .kase();
        assertThat(general.tasks).extracting(Task::task).containsExactly("MEDIA_WITHDRAWAL");
        assertThat(major.tasks).extracting(Task::task).contains("BRAND_PR_ESCALATION", "MEDIA_WITHDRAWAL");

        var raised = routing.service.act(
                staff(DEALER, "service-director"),
                general.id,
                Action.RAISE_LEVEL,
                new Step("facts changed", null, null, null, null, null, "MAJOR", null, null, null, null, null));
        assertThat(raised.tasks).extracting(Task::task).contains("BRAND_PR_ESCALATION");
        assertThat(raised.escalations)
                .filteredOn(e -> "CL-03".equals(e.rule()))
                .singleElement()
                .satisfies(e -> assertThat(e.to()).isEqualTo("role:service-director"));
    }

    @Test
    @DisplayName("CL-03: lowering a level is refused with 409 and nothing changes")
    void loweringIsRefused() {
        var routing = new InMemoryRouting(local("2025-03-03T11:00"));
        var c = routing.service
                .open(system(DEALER, "intake-service"), request("sh-minhang", "MEDIA", "MAJOR", null, null, null))
                .kase();
        var lower = new Step(null, null, null, null, null, null, "GENERAL", null, null, null, null, null);
        assertThatThrownBy(
                        () -> routing.service.act(staff(DEALER, "service-director"), c.id, Action.RAISE_LEVEL, lower))
                .isInstanceOfSatisfying(CaseRefusal.class, r -> {
                    assertThat(r.kind()).isEqualTo(CaseRefusal.Kind.LEVEL_NEVER_LOWERED);
                    assertThat(CaseProblems.toProblem(r).status()).isEqualTo(HttpStatus.CONFLICT);
                });
        assertThat(routing.cases.stored(c.id).version).isEqualTo(c.version);
    }

    @Test
    @DisplayName(
            "an event or a staff step that loses the race with another write of the case (a sweep, an urging) is applied to the case as it now is, not refused (a 409 would park the event)")
    void writeThatLostARaceIsAppliedAgain() {
        var routing = new InMemoryRouting(local("2025-03-03T09:00"));
        var c = routing.service
                .open(system(GENERIC, "intake-service"), request("cd-counter-1", "PHONE", "GENERAL", null, null, null))
                .kase();
        var agent = staff(GENERIC, "cs-specialist");
        routing.service.act(agent, c.id, Action.ACCEPT, Step.empty());
        routing.service.act(agent, c.id, Action.CONTACT, Step.empty());
        var colleague = staff(GENERIC, "supervisor");

        routing.cases.beforeNextSave = () -> routing.service.act(colleague, c.id, Action.URGE, Step.empty());
        var proposed = routing.service.event(
                system(GENERIC, "compensation-service"), c.id, event("COMPENSATION_PROPOSED", null));

        assertThat(proposed.state).isEqualTo(State.SOLUTION_PROPOSED);
        routing.cases.beforeNextSave = () -> routing.service.act(colleague, c.id, Action.URGE, Step.empty());
        var urged = routing.service.act(agent, c.id, Action.URGE, Step.empty());

        var stored = routing.cases.stored(c.id);
        assertThat(stored.urgings).as("the racing writes are kept").hasSize(3);
        assertThat(stored.processedEvents).hasSize(1);
        assertThat(stored.audit.stream().map(Case.AuditEntry::action))
                .containsSubsequence("URGE", "PROPOSE", "URGE", "URGE");
        assertThat(urged.version).isEqualTo(stored.version);
    }

    @Test
    @DisplayName(
            "§2.8 S8a → S8: the approver rejected every option, so the case waiting for approval goes back to SOLUTION_PROPOSED and takes a new proposal")
    void approverRejectingEveryOptionReturnsTheCaseToProposing() {
        var routing = new InMemoryRouting(local("2025-03-03T09:00"));
        var c = routing.service
                .open(system(GENERIC, "intake-service"), request("cd-counter-1", "PHONE", "GENERAL", null, null, null))
                .kase();
        var agent = staff(GENERIC, "cs-specialist");
        routing.service.act(agent, c.id, Action.ACCEPT, Step.empty());
        routing.service.act(agent, c.id, Action.CONTACT, Step.empty());
        var compensation = system(GENERIC, "compensation-service");
        routing.service.event(compensation, c.id, event("COMPENSATION_PROPOSED", null));
        var waiting = routing.service.event(compensation, c.id, event("COMPENSATION_PENDING_APPROVAL", null));
        assertThat(waiting.state).isEqualTo(State.PENDING_APPROVAL);
        assertThat(routing.service.view(waiting).allowedActions()).contains("PROPOSE");

        var redraft = routing.service.event(compensation, c.id, event("COMPENSATION_REJECTED", null));

        assertThat(redraft.state).isEqualTo(State.SOLUTION_PROPOSED);
        assertThat(redraft.audit.getLast().action()).isEqualTo("PROPOSE");
        var again = routing.service.event(compensation, c.id, event("COMPENSATION_APPROVED", null));
        assertThat(again.state).isEqualTo(State.AWAITING_CUSTOMER_CONSENT);
    }

    @Test
    @DisplayName(
            "bad input: steps out of order and events for unknown cases or of unknown types are refused, nothing changed")
    void badInputChangesNothing() {
        var routing = new InMemoryRouting(local("2025-03-03T09:00"));
        var c = routing.service
                .open(system(DEALER, "intake-service"), request("sh-minhang", "WALK_IN", "GENERAL", null, null, null))
                .kase();
        var director = staff(DEALER, "service-director");
        assertThatThrownBy(() -> routing.service.act(director, c.id, Action.CLOSE, Step.empty()))
                .isInstanceOfSatisfying(
                        CaseRefusal.class,
                        r -> assertThat(CaseProblems.toProblem(r).status()).isEqualTo(HttpStatus.CONFLICT));
        assertThatThrownBy(() -> routing.service.act(director, c.id, Action.CONTACT, Step.empty()))
                .as("contacts from REGISTERED do not skip acceptance")
                .isInstanceOf(CaseRefusal.class);
        routing.service.act(director, c.id, Action.HAND_OVER, Step.empty());
        assertThatThrownBy(() -> routing.service.act(director, c.id, Action.CONTACT, Step.empty()))
                .as("contacts from HANDED_OVER do not skip acceptance")
                .isInstanceOf(CaseRefusal.class);
        var before = routing.cases.stored(c.id);
        assertThatThrownBy(() -> routing.service.event(
                        system(DEALER, "compensation-service"), "no-such-case", event("AGREEMENT_SIGNED", null)))
                .isInstanceOfSatisfying(
                        CaseRefusal.class,
                        r -> assertThat(CaseProblems.toProblem(r).status()).isEqualTo(HttpStatus.NOT_FOUND));
        assertThatThrownBy(() -> routing.service.event(
                        system(DEALER, "compensation-service"), c.id, event("AGREEMENT_SIGNED", null)))
                .isInstanceOfSatisfying(
                        CaseRefusal.class,
                        r -> assertThat(CaseProblems.toProblem(r).status()).isEqualTo(HttpStatus.CONFLICT));
        assertThatThrownBy(() -> routing.service.event(
                        system(DEALER, "compensation-service"), c.id, event("NO_SUCH_TYPE", null)))
                .isInstanceOfSatisfying(
                        CaseRefusal.class,
                        r -> assertThat(CaseProblems.toProblem(r).status())
                                .isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT));
        var after = routing.cases.stored(c.id);
        assertThat(after.version).isEqualTo(before.version);
        assertThat(after.state).isEqualTo(State.HANDED_OVER);
        assertThat(routing.service.view(after).allowedActions())
                .contains("ACCEPT")
                .doesNotContain("CONTACT", "CLOSE");
    }

    @Test
    @DisplayName(
            "preset loading rejects duplicate rule names and rules that can never fire, naming them; the shipped presets pass")
    void presetChecks() {
        for (var tenant : List.of(DEALER, RETAIL, GENERIC)) {
            assertThat(PolicyCheck.problems(CaseFixtures.POLICIES.of(tenant)))
                    .as(tenant)
                    .isEmpty();
        }
        var p = CaseFixtures.POLICIES.of(DEALER);
        var rule = p.clocks().getFirst();
        var never = new RoutingPolicy.Clock(
                "SLA-NEVER",
                "RESOLUTION",
                List.of(),
                List.of("MAJOR"),
                Duration.ofHours(1),
                null,
                null,
                "RAISE_TO",
                "URGENT",
                null,
                "GENERAL",
                null,
                null,
                false,
                null);
        var broken = new RoutingPolicy(
                p.levelNames(),
                p.triageRole(),
                p.departments(),
                p.responsiblePersons(),
                p.directToPersonChannels(),
                List.of(rule, rule, never),
                p.countingWindow(),
                p.sideRoutes(),
                p.permissions(),
                p.closureRoles(),
                p.closureRequiresFollowUp(),
                p.reopenRoles(),
                p.vagueMeasures(),
                p.atRiskShare(),
                p.groupComplaint(),
                p.conflictRole(),
                p.autoHandOver(),
                p.ladder(),
                p.handlingTasks(),
                p.flags(),
                p.liability(),
                p.rootCauses());
        assertThatThrownBy(() -> PolicyCheck.require("t", broken))
                .hasMessageContaining("duplicate clock rule names: " + rule.rule())
                .hasMessageContaining("SLA-NEVER can never fire");
    }
}
