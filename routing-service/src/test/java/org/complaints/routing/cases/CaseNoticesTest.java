package org.complaints.routing.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaints.routing.cases.CaseFixtures.local;
import static org.complaints.routing.cases.InMemoryRouting.request;
import static org.complaints.routing.cases.InMemoryRouting.staff;
import static org.complaints.routing.cases.InMemoryRouting.system;

import java.util.Map;
import org.complaints.support.delivery.Delivery;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, notifications owed by the deadline sweep: a clock at risk warns its owner once (SLA-X7),
 * a breach and a raised level owe their ladder recipient a notification, each written as a delivery
 * with a deterministic event id in the same versioned save as the change (so racing sweepers and
 * replays create one). Real application services over in-memory repositories, a stepping clock;
 * routing's relay turning these deliveries into notifications is {@code NotificationSourcesIT}.
 */
class CaseNoticesTest {

    static final String DEALER = "demo-dealer";

    static Case openMajorCareCall(InMemoryRouting routing, String domain) {
        return routing.service
                .open(
                        system(DEALER, "intake-service"),
                        request("sh-minhang", "CARE_FOLLOW_UP_CALL", "MAJOR", domain, null, null))
                .kase();
    }

    static long deliveries(Case c, String kind) {
        return c.deliveries.stream().filter(d -> kind.equals(d.kind())).count();
    }

    @Test
    @DisplayName(
            "SLA-X7: the case's nextDueAt is the 80 % point of the 30-minute first response, so the sweep wakes then and warns the owner (the responsible person 张诚) once; a racing sweeper and later sweeps add nothing")
    void atRiskWarnsTheOwnerOnce() {
        var routing = new InMemoryRouting(local("2025-03-03T09:00"));
        var c = openMajorCareCall(routing, "TECHNICAL");
        assertThat(c.owner).isEqualTo("张诚");
        assertThat(c.nextDueAt).as("the at-risk point, 24 of 30 minutes").isEqualTo(local("2025-03-03T09:24"));

        routing.clock.set(local("2025-03-03T09:25"));
        var now = routing.clock.instant();
        var first = routing.cases.findDue(now, 10).getFirst();
        var second = routing.cases.findDue(now, 10).getFirst();
        assertThat(routing.service.sweep(first, now)).isTrue();
        assertThat(routing.service.sweep(second, now))
                .as("the stale copy loses")
                .isFalse();
        routing.clock.set(local("2025-03-03T09:27"));
        assertThat(routing.sweep.sweep()).as("nothing due until the deadline").isZero();

        var stored = routing.cases.stored(c.id);
        assertThat(stored.atRiskWarnings).singleElement().satisfies(w -> {
            assertThat(w.rule()).isEqualTo("SLA-D2");
            assertThat(w.clock()).isEqualTo("FIRST_RESPONSE");
            assertThat(w.to()).isEqualTo("张诚");
            assertThat(w.at()).isEqualTo(local("2025-03-03T09:24"));
            assertThat(w.dueAt()).isEqualTo(local("2025-03-03T09:30"));
            assertThat(w.eventId()).isEqualTo("at-risk:" + c.id + ":SLA-D2:1");
        });
        assertThat(stored.deliveries)
                .filteredOn(d -> Case.AT_RISK.equals(d.kind()))
                .extracting(Delivery::eventId)
                .containsExactly("at-risk:" + c.id + ":SLA-D2:1");
        assertThat(stored.nextDueAt).as("next: the deadline itself").isEqualTo(local("2025-03-03T09:30"));
        assertThat(routing.meters
                        .get("complaints.sla.at.risk")
                        .tag("tenant", DEALER)
                        .tag("clock", "FIRST_RESPONSE")
                        .counter()
                        .count())
                .as("the metric stays, counted once")
                .isEqualTo(1.0);
    }

    @Test
    @DisplayName(
            "SLA-X7: with no responsible person yet, the warning goes to the role that owns the case (role:service-director)")
    void atRiskWarnsTheOwningRole() {
        var routing = new InMemoryRouting(local("2025-03-03T09:00"));
        var c = openMajorCareCall(routing, null);
        routing.clock.set(local("2025-03-03T09:25"));

        routing.sweep.sweep();

        assertThat(routing.cases.stored(c.id).atRiskWarnings)
                .singleElement()
                .satisfies(w -> assertThat(w.to()).isEqualTo("role:service-director"));
    }

    @Test
    @DisplayName(
            "SLA-X7: a clock settled before its at-risk point never warns, and a case that ended drops its at-risk points (nothing left for the sweep)")
    void settledClockOrEndedCaseNeverWarns() {
        var routing = new InMemoryRouting(local("2025-03-03T09:00"));
        var contacted = openMajorCareCall(routing, "TECHNICAL");
        var withdrawn = openMajorCareCall(routing, "TECHNICAL");
        routing.clock.set(local("2025-03-03T09:10"));
        var owner = new org.complaints.support.identity.CallerIdentity(
                "张诚",
                org.complaints.support.identity.CallerIdentity.Kind.STAFF,
                DEALER,
                java.util.Set.of(),
                java.util.Set.of(),
                java.util.Set.of("responsible-person"),
                java.util.Set.of(),
                "Staff");
        routing.service.act(owner, contacted.id, Action.ACCEPT, Step.empty());
        var afterContact = routing.service.act(owner, contacted.id, Action.CONTACT, Step.empty());
        assertThat(afterContact.nextDueAt)
                .as(
                        "the first response is met: its at-risk point and deadline are gone; next is the legal report (RT-07)")
                .isEqualTo(local("2025-03-03T10:00"));
        var ended = routing.service.event(
                system(DEALER, "intake-service"), withdrawn.id, InMemoryRouting.event("COMPLAINT_WITHDRAWN", Map.of()));
        assertThat(ended.nextDueAt).as("a closed case owes no warning").isNull();

        routing.clock.set(local("2025-03-03T09:29"));
        routing.sweep.sweep();

        for (var id : java.util.List.of(contacted.id, withdrawn.id)) {
            var stored = routing.cases.stored(id);
            assertThat(stored.atRiskWarnings).as(id).isEmpty();
            assertThat(deliveries(stored, Case.AT_RISK)).as(id).isZero();
        }
    }

    @Test
    @DisplayName(
            "SLA-D2 breach from the sweep: the ladder's FIRST_RESPONSE recipient is owed one ESCALATION notice (event id by the escalation's position), not one per sweep")
    void breachOwesOneNotice() {
        var routing = new InMemoryRouting(local("2025-03-03T09:00"));
        var c = openMajorCareCall(routing, "TECHNICAL");
        routing.clock.set(local("2025-03-03T09:31"));

        routing.sweep.sweep();
        routing.clock.set(local("2025-03-03T09:40"));
        routing.sweep.sweep();

        var stored = routing.cases.stored(c.id);
        var breaches = stored.escalations.stream()
                .filter(e -> "BREACH".equals(e.kind()))
                .toList();
        assertThat(breaches).singleElement().satisfies(e -> {
            assertThat(e.rule()).isEqualTo("SLA-D2");
            assertThat(e.to()).isEqualTo("role:service-director");
        });
        var index = stored.escalations.indexOf(breaches.getFirst());
        assertThat(stored.deliveries)
                .filteredOn(d -> Case.ESCALATION_NOTICE.equals(d.kind()))
                .extracting(Delivery::eventId)
                .containsExactly("escalation:" + c.id + ":" + index);
        assertThat(EscalationNotification.text(breaches.getFirst()))
                .isEqualTo("The FIRST_RESPONSE deadline was missed (SLA-D2, due " + local("2025-03-03T09:30") + ")");
    }

    @Test
    @DisplayName(
            "SLA-G3 level raise from the sweep: an unaccepted retail ticket rises to III after 60 minutes and the ladder's level recipient (role:store-manager) is owed one notice")
    void levelRaiseOwesOneNotice() {
        var routing = new InMemoryRouting(local("2025-03-03T11:00"));
        var c = routing.service
                .open(
                        system("demo-retail", "intake-service"),
                        request("sh-xujiahui", "ONLINE", "GENERAL", null, null, null))
                .kase();
        routing.clock.set(local("2025-03-03T12:01"));

        routing.sweep.sweep();
        routing.sweep.sweep();

        var stored = routing.cases.stored(c.id);
        var raises = stored.escalations.stream()
                .filter(e -> "LEVEL_RAISE".equals(e.kind()))
                .toList();
        assertThat(raises).singleElement().satisfies(e -> {
            assertThat(e.rule()).isEqualTo("SLA-G3");
            assertThat(e.toLevel()).isEqualTo("URGENT");
            assertThat(e.to()).isEqualTo("role:store-manager");
        });
        assertThat(stored.deliveries)
                .filteredOn(d -> Case.ESCALATION_NOTICE.equals(d.kind()))
                .extracting(Delivery::eventId)
                .contains("escalation:" + c.id + ":" + stored.escalations.indexOf(raises.getFirst()));
        assertThat(EscalationNotification.text(raises.getFirst()))
                .isEqualTo("The case level rose from GENERAL to URGENT (SLA-G3)");
    }

    @Test
    @DisplayName(
            "a manual escalation notifies the named recipient; a side route and a reopening owe no escalation notice; an over-long recipient is refused and nothing changes")
    void manualEscalationNotifiesItsRecipient() {
        var routing = new InMemoryRouting(local("2025-03-03T09:00"));
        var c = openMajorCareCall(routing, "TECHNICAL");
        var director = staff(DEALER, "service-director");
        var version = routing.cases.stored(c.id).version;

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> routing.service.act(
                        director,
                        c.id,
                        Action.ESCALATE,
                        new Step("why", null, null, null, null, null, null, null, "x".repeat(121), null, null, null)))
                .isInstanceOf(CaseRefusal.class);
        for (var notARecipient : java.util.List.of("2999-12-31T23:59:59Z", "role:", "cs-manager", "person:a b")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> routing.service.act(
                            director,
                            c.id,
                            Action.ESCALATE,
                            new Step("why", null, null, null, null, null, null, null, notARecipient, null, null, null)))
                    .as(notARecipient)
                    .isInstanceOf(CaseRefusal.class)
                    .hasMessageContaining("role:<role> or person:<id>");
        }
        assertThat(routing.cases.stored(c.id).version).isEqualTo(version);

        var escalated = routing.service.act(
                director,
                c.id,
                Action.ESCALATE,
                new Step(
                        "customer called 13800138000",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "role:general-manager",
                        null,
                        null,
                        null));

        var manual = escalated.escalations.getLast();
        assertThat(escalated.deliveries)
                .filteredOn(d -> Case.ESCALATION_NOTICE.equals(d.kind()))
                .extracting(Delivery::eventId)
                .containsExactly("escalation:" + c.id + ":" + (escalated.escalations.size() - 1));
        assertThat(EscalationNotification.text(manual))
                .as("never the staff member's free text")
                .doesNotContain("13800138000");
    }
}
