package org.complaints.routing.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaints.routing.cases.CaseFixtures.berlin;
import static org.complaints.routing.cases.InMemoryRouting.event;
import static org.complaints.routing.cases.InMemoryRouting.request;
import static org.complaints.routing.cases.InMemoryRouting.resolution;
import static org.complaints.routing.cases.InMemoryRouting.staff;
import static org.complaints.routing.cases.InMemoryRouting.system;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The events a case's writes publish for partner webhooks (ADR 0260), through the application services. */
class CaseFactsTest {

    static final String GENERIC = "demo-generic";

    @Test
    @DisplayName(
            "a full case life publishes each event once, numbered 1..n without a gap in the order things happened, each write with one fan-out delivery naming its last number")
    void fullLifeIsNumberedInOrder() {
        var routing = new InMemoryRouting(berlin("2025-03-03T10:00"));
        var supervisor = staff(GENERIC, "supervisor");
        var followup = system(GENERIC, "followup-service");
        var id = routing.service
                .open(system(GENERIC, "intake-service"), request("ber-counter-1", "PHONE", "GENERAL", null, null, null))
                .kase()
                .id;
        routing.service.act(supervisor, id, Action.ACCEPT, Step.empty());
        routing.clock.advance(Duration.ofDays(3));
        // the first response comes after its deadline: the breach is stamped at the due time, before the step
        routing.service.act(supervisor, id, Action.CONTACT, Step.empty());
        routing.service.event(
                system(GENERIC, "compensation-service"),
                id,
                event("COMPENSATION_APPROVED", Map.of("compensationId", "comp-1")));
        routing.service.event(
                system(GENERIC, "compensation-service"),
                id,
                event("AGREEMENT_SIGNED", Map.of("compensationId", "comp-1")));
        routing.service.act(supervisor, id, Action.RESOLVE, resolution(false));
        routing.service.event(followup, id, event("FOLLOW_UP_UNSATISFIED", Map.of("round", 1)));
        routing.service.act(supervisor, id, Action.CONTACT, Step.empty());
        routing.service.act(supervisor, id, Action.RESOLVE, resolution(false));
        routing.service.event(followup, id, event("FOLLOW_UP_SATISFIED", Map.of("round", 2)));
        var closed = routing.service.act(supervisor, id, Action.CLOSE, Step.empty());

        var published = closed.published();
        var types = published.stream().map(Case.PublishedEvent::type).toList();
        assertThat(published)
                .extracting(Case.PublishedEvent::sequence)
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, published.size()).boxed().toList());
        assertThat(types.subList(0, 2)).containsExactly("complaint.received", "case.routed");
        assertThat(types)
                .containsSubsequence(
                        "complaint.received",
                        "sla.breached",
                        "case.state_changed",
                        "compensation.decided",
                        "case.state_changed",
                        "follow_up.outcome",
                        "case.state_changed",
                        "case.reopened",
                        "follow_up.outcome",
                        "case.state_changed",
                        "case.closed")
                .containsOnlyOnce("case.closed", "case.reopened");
        var breach = published.stream()
                .filter(e -> e.type().equals("sla.breached"))
                .findFirst()
                .orElseThrow();
        var contact = published.stream()
                .filter(e -> e.type().equals("case.state_changed")
                        && "RESPONDED".equals(e.data().get("to")))
                .findFirst()
                .orElseThrow();
        assertThat(breach.sequence())
                .as("the breach happened before the late step")
                .isLessThan(contact.sequence());
        assertThat(breach.occurredAt()).isBefore(contact.occurredAt());
        assertThat(published.stream().filter(e -> e.type().equals("compensation.decided")))
                .singleElement()
                .satisfies(e -> assertThat(e.data())
                        .containsEntry("decision", "APPROVED")
                        .containsEntry("compensationId", "comp-1"));
        assertThat(closed.deliveries)
                .filteredOn(d -> d.kind().equals(Case.PUBLISHED_EVENTS))
                .extracting(d -> d.eventId())
                .endsWith(Case.PUBLISHED_EVENTS + ":" + id + ":" + published.size())
                .doesNotHaveDuplicates();
    }

    @Test
    @DisplayName(
            "a fact recorded from outside (a follow-up due, a broken promise) is published once however often its sender repeats it, and changes nothing else")
    void outsideFactsOncePerSource() {
        var routing = new InMemoryRouting(berlin("2025-03-03T10:00"));
        var opened = routing.service
                .open(system(GENERIC, "intake-service"), request("ber-counter-1", "PHONE", "GENERAL", null, null, null))
                .kase();
        var fact = CaseFacts.Fact.of(PartnerEvent.PROMISE_BROKEN, null, "promiseId", "p-1");
        routing.service.recordFacts(GENERIC, null, opened.complaintId, "promise-broken-notice:p-1", List.of(fact));
        routing.service.recordFacts(GENERIC, opened.id, null, "promise-broken-notice:p-1", List.of(fact));
        routing.service.recordFacts("demo-dealer", opened.id, null, "promise-broken-notice:p-2", List.of(fact));

        var stored = routing.cases.findById(opened.id).orElseThrow();
        assertThat(stored.published())
                .filteredOn(e -> e.type().equals("promise.broken"))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.sequence()).isEqualTo(opened.eventSequence + 1);
                    assertThat(e.data()).containsEntry("promiseId", "p-1");
                });
        assertThat(stored.state).isEqualTo(opened.state);
    }
}
