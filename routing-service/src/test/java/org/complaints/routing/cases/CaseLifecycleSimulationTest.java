package org.complaints.routing.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.complaints.routing.tasks.Task;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The lifecycle simulation of issue 10: per preset, 300 cases driven along random (seeded) legal
 * paths by a stepping clock, with compensation and follow-up events as those services send them,
 * group incidents (a few hot products) and routing outages (complaints received meanwhile are
 * opened late, sweeps are skipped and then catch up). It runs the real application services over
 * in-memory repositories (no Spring, no store) so 900 cases take seconds; the Mongo side is
 * covered by the repository's ITs. After every step it checks the invariants below.
 */
class CaseLifecycleSimulationTest {

    record Mirror(String state, String level, String incidentId, int round, long sequence) {}

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "demo-dealer,sh-minhang,2025-03-03T01:00:00Z,service-director,WALK_IN|CARE_FOLLOW_UP_CALL|SERVICE_ADVISOR_RECEPTION|BRAND_HOTLINE_400|MEDIA|CONSUMER_ASSOCIATION",
        "demo-retail,sh-xujiahui,2025-03-03T02:00:00Z,cs-supervisor,COMPANY_HOTLINE|STORE|ONLINE",
        "demo-generic,ber-counter-1,2025-03-03T09:00:00Z,supervisor,PHONE|EMAIL|COUNTER"
    })
    @DisplayName("300 cases per preset along random legal paths keep every clock, escalation and mirror invariant")
    void simulate(String tenant, String site, String start, String role, String channels) {
        var sim = new Simulation(
                tenant, site, Instant.parse(start), role, channels.split("\\|"), new Random(tenant.hashCode()));
        sim.run(300);
    }

    static final class Simulation {
        final String tenant;
        final String site;
        final String role;
        final String[] channels;
        final Random random;
        final InMemoryRouting routing;
        final List<String> ids = new ArrayList<>();
        final List<OpenCaseRequest> backlog = new ArrayList<>();
        final Map<String, Mirror> intake = new HashMap<>();
        Instant outageUntil;
        int steps;

        Simulation(String tenant, String site, Instant start, String role, String[] channels, Random random) {
            this.tenant = tenant;
            this.site = site;
            this.role = role;
            this.channels = channels;
            this.random = random;
            this.routing = new InMemoryRouting(start);
        }

        void run(int count) {
            var received = 0;
            while (received < count || !backlog.isEmpty() || active().size() > 0) {
                routing.clock.advance(Duration.ofMinutes(1 + random.nextInt(40)));
                var now = routing.clock.instant();
                if (outageUntil != null && !now.isBefore(outageUntil)) {
                    outageUntil = null;
                    for (var r : backlog) {
                        open(r);
                    }
                    backlog.clear();
                    sweep();
                }
                if (outageUntil == null && random.nextInt(200) == 0) {
                    outageUntil = now.plus(Duration.ofMinutes(30 + random.nextInt(360)));
                }
                if (received < count && random.nextInt(3) == 0) {
                    received++;
                    var r = request(now);
                    if (outageUntil != null) {
                        backlog.add(r);
                    } else {
                        open(r);
                    }
                    continue;
                }
                if (outageUntil != null) {
                    continue;
                }
                if (random.nextInt(4) == 0) {
                    sweep();
                    continue;
                }
                var active = active();
                if (!active.isEmpty()) {
                    var id = active.get(random.nextInt(active.size()));
                    step(id, received >= count && random.nextInt(3) == 0);
                }
                assertThat(steps).as("simulation terminates").isLessThan(200_000);
            }
            for (var id : ids) {
                var c = routing.cases.stored(id);
                assertThat(c.state.terminal())
                        .as("every case reaches a terminal state: " + c)
                        .isTrue();
                assertThat(c.nextDueAt)
                        .as("a terminal case is due only for the work its closure opened (RC-04 review, LC-12 filing)")
                        .isEqualTo(org.complaints.routing.tasks.Tasks.nextDue(
                                HandlingTaskRules.outlivingClosure(c).toList()));
                assertThat(c.deadlines).noneMatch(Case.Deadline::pending);
            }
            assertThat(ids).hasSize(count);
        }

        List<String> active() {
            return ids.stream()
                    .filter(id -> !routing.cases.stored.get(id).state.terminal())
                    .toList();
        }

        OpenCaseRequest request(Instant now) {
            var channel = channels[random.nextInt(channels.length)];
            var level = List.of("SERVICE_REQUEST", "GENERAL", "GENERAL", "URGENT", "MAJOR")
                    .get(random.nextInt(5));
            var product = random.nextInt(8) == 0 ? "HOT-" + random.nextInt(3) : "SKU-" + random.nextInt(100_000);
            var domain = List.of("TECHNICAL", "SERVICE", "PARTS").get(random.nextInt(3));
            return InMemoryRouting.request(site, channel, level, domain, product, now);
        }

        void open(OpenCaseRequest r) {
            var before = snapshot();
            var c = routing.service
                    .open(InMemoryRouting.system(tenant, "intake-service"), r)
                    .kase();
            ids.add(c.id);
            var now = routing.clock.instant();
            for (var d : c.deadlines) {
                if (d.status().equals("BREACHED")) {
                    assertThat(d.effectiveDue())
                            .as("a clock is born breached only when it was due before routing received the case")
                            .isBefore(now);
                }
                if (c.receivedAt.equals(now)) {
                    assertThat(d.status())
                            .as("opened on time: nothing born breached, " + d)
                            .isNotEqualTo("BREACHED");
                }
            }
            check(before);
        }

        void sweep() {
            var before = snapshot();
            routing.sweep.sweep();
            for (var id : ids) {
                var was = before.get(id);
                if (was != null && was.state().terminal()) {
                    var after = routing.cases.stored.get(id);
                    assertThat(after.version.equals(was.version())
                                    || HandlingTaskRules.outlivingClosure(after)
                                            .anyMatch(t -> Task.OVERDUE.equals(t.status())))
                            .as("no sweep action on a terminal case but its RC-04 review turning overdue")
                            .isTrue();
                }
            }
            check(before);
        }

        void step(String id, boolean finishing) {
            var before = snapshot();
            var c = routing.cases.stored(id);
            var staff = InMemoryRouting.staff(tenant, role);
            var compensation = InMemoryRouting.system(tenant, "compensation-service");
            var followup = InMemoryRouting.system(tenant, "followup-service");
            var r = finishing ? 0 : random.nextInt(10);
            try {
                switch (c.state) {
                    case REGISTERED -> act(id, r < 2 ? Action.HAND_OVER : r < 3 ? Action.URGE : Action.ACCEPT);
                    case HANDED_OVER -> act(id, r < 2 ? Action.URGE : Action.ACCEPT);
                    case ACCEPTED, SECOND_HANDLING ->
                        act(id, r < 2 ? Action.INVESTIGATE : r == 2 ? Action.URGE : Action.CONTACT);
                    case RESPONDED, INVESTIGATING -> {
                        if (r == 9 && random.nextInt(4) == 0) {
                            routing.service.event(
                                    compensation, id, InMemoryRouting.event("COMPLAINT_NOT_ESTABLISHED", null));
                        } else if (r >= 7) {
                            routing.service.event(
                                    compensation, id, InMemoryRouting.event("COMPENSATION_PROPOSED", null));
                            routing.service.event(
                                    compensation,
                                    id,
                                    InMemoryRouting.event(
                                            random.nextBoolean()
                                                    ? "COMPENSATION_PENDING_APPROVAL"
                                                    : "COMPENSATION_APPROVED",
                                            null));
                        } else if (r == 6 && c.level().compareTo(Level.CHANNEL) < 0) {
                            routing.service.act(
                                    staff,
                                    id,
                                    Action.RAISE_LEVEL,
                                    new Step(
                                            "facts",
                                            null,
                                            null,
                                            null,
                                            null,
                                            null,
                                            c.level().next().name(),
                                            null,
                                            null,
                                            null,
                                            null,
                                            null));
                        } else if (r >= 4 && c.state == State.RESPONDED) {
                            act(id, Action.INVESTIGATE);
                        } else {
                            routing.service.act(
                                    staff, id, Action.RESOLVE, InMemoryRouting.resolution(random.nextBoolean()));
                        }
                    }
                    case SOLUTION_PROPOSED ->
                        routing.service.event(compensation, id, InMemoryRouting.event("COMPENSATION_APPROVED", null));
                    case PENDING_APPROVAL ->
                        routing.service.event(
                                compensation,
                                id,
                                InMemoryRouting.event(r < 3 ? "COMPENSATION_REJECTED" : "COMPENSATION_APPROVED", null));
                    case AWAITING_CUSTOMER_CONSENT ->
                        routing.service.event(
                                compensation,
                                id,
                                InMemoryRouting.event(
                                        r < 3 ? "OFFER_REJECTED_BY_CUSTOMER" : "AGREEMENT_SIGNED",
                                        r < 3 ? Map.of("escalateTo", "role:cs-manager") : null));
                    case AGREED ->
                        routing.service.event(compensation, id, InMemoryRouting.event("REMEDY_DELIVERED", null));
                    case IMPLEMENTING ->
                        routing.service.act(staff, id, Action.RESOLVE, InMemoryRouting.resolution(false));
                    case RESOLVED, FOLLOW_UP -> {
                        if (r < 2 && c.reopenCount < 2) {
                            routing.service.event(
                                    followup,
                                    id,
                                    InMemoryRouting.event("FOLLOW_UP_UNSATISFIED", Map.of("round", c.round)));
                        } else if (r < 6 || !Boolean.TRUE.equals(c.followUpSatisfied) && c.round > 1) {
                            routing.service.event(
                                    followup,
                                    id,
                                    InMemoryRouting.event("FOLLOW_UP_SATISFIED", Map.of("round", c.round)));
                        } else {
                            act(id, Action.CLOSE);
                        }
                    }
                    default -> {}
                }
            } catch (CaseRefusal refused) {
                assertThat(refused.kind())
                        .as(c + " " + refused.getMessage())
                        .isEqualTo(CaseRefusal.Kind.FOLLOW_UP_REQUIRED);
                assertThat(routing.cases.stored.get(id).version)
                        .as("a refusal changes nothing")
                        .isEqualTo(c.version);
            }
            steps++;
            check(before);
        }

        void act(String id, Action action) {
            routing.service.act(InMemoryRouting.staff(tenant, role), id, action, Step.empty());
        }

        record Seen(Long version, State state) {}

        Map<String, Seen> snapshot() {
            var all = new HashMap<String, Seen>();
            routing.cases.stored.forEach((k, v) -> all.put(k, new Seen(v.version, v.state)));
            return all;
        }

        /** The invariants, on every case a step changed. */
        void check(Map<String, Seen> before) {
            var now = routing.clock.instant();
            for (var c : routing.cases.stored.values()) {
                var was = before.get(c.id);
                if (was != null && was.version().equals(c.version)) {
                    continue;
                }
                for (var d : c.deadlines) {
                    if (d.status().equals("BREACHED")) {
                        require(!d.effectiveDue().isAfter(now), "breached only once due", d);
                        require(
                                d.settledAt() == null || d.settledAt().isAfter(d.effectiveDue()),
                                "a breach settled late",
                                d);
                    }
                    require(!c.state.terminal() || !d.pending(), "a terminal case has no pending clock", d);
                }
                for (var e : c.escalations) {
                    require(e.to() != null && !e.to().isBlank(), "every escalation names its recipient", e);
                    if (e.clock() != null
                            && (e.kind().equals("BREACH") || e.kind().equals("LEVEL_RAISE"))) {
                        require(e.at().equals(e.dueAt()), "stamped at its due time", e);
                        require(
                                c.deadlines.stream()
                                        .anyMatch(d -> CaseClocks.baseRule(d.rule())
                                                        .equals(e.rule())
                                                && (d.effectiveDue().equals(e.at())
                                                        || d.minUrgings() != null && e.at().equals(d.settledAt()))),
                                "escalation matches a deadline due then",
                                e);
                    }
                }
                var mirror = intake.get(c.id);
                for (var event : c.stateEvents) {
                    if (mirror == null || event.sequence() > mirror.sequence()) {
                        require(event.sequence() == (mirror == null ? 1 : mirror.sequence() + 1), "sequence +1", event);
                        mirror = new Mirror(
                                event.state(), event.level(), event.incidentId(), event.round(), event.sequence());
                    }
                }
                intake.put(c.id, mirror);
                require(
                        new Mirror(c.state.name(), c.level, c.incidentId, c.round, c.sequence).equals(mirror),
                        "the case-state events, applied in sequence, equal the case",
                        c);
                require(
                        c.deliveries.stream()
                                        .filter(x -> x.kind().equals(Case.CASE_STATE))
                                        .count()
                                == c.stateEvents.size(),
                        "one case-state delivery per event",
                        c);
            }
        }

        static void require(boolean holds, String invariant, Object subject) {
            if (!holds) {
                org.junit.jupiter.api.Assertions.fail(invariant + ": " + subject);
            }
        }
    }
}
