package org.complaints.routing.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.complaints.routing.cases.CaseFixtures.berlin;
import static org.complaints.routing.cases.InMemoryRouting.staff;
import static org.complaints.routing.cases.InMemoryRouting.system;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.complaints.routing.commitments.OpenCommitment;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * OT-02: a solution proposed on a case whose complaint intake linked to earlier ones must name
 * every open promise and agreement of those earlier complaints in {@code acknowledged}, as intake
 * reports them at the moment of the step (a promise kept since is no longer asked for). Real
 * application service over in-memory repositories; intake is a stub.
 */
class EarlierCommitmentsTest {

    static final String GENERIC = "demo-generic";
    static final Instant DUE = Instant.parse("2025-03-10T08:00:00Z");

    final InMemoryRouting routing = new InMemoryRouting(berlin("2025-03-03T10:00"));
    final org.complaints.support.identity.CallerIdentity supervisor = staff(GENERIC, "supervisor");

    @Test
    @DisplayName(
            "OT-02: proposing without acknowledging the earlier promise and agreement → 422 naming both; nothing stored")
    void missingAcknowledgementsAreNamed() {
        var c = linkedCase("earlier-1");
        routing.commitments.put(
                c.complaintId,
                List.of(
                        new OpenCommitment("p-1", "PROMISE", "earlier-1", DUE),
                        new OpenCommitment("a-1", "AGREEMENT", "earlier-1", DUE)));
        var before = routing.cases.stored(c.id).version;

        assertThatThrownBy(() -> routing.service.act(supervisor, c.id, Action.PROPOSE, acknowledging("p-1")))
                .isInstanceOfSatisfying(CaseRefusal.class, r -> {
                    assertThat(r.kind()).isEqualTo(CaseRefusal.Kind.UNACKNOWLEDGED_COMMITMENTS);
                    assertThat(r.fields()).hasSize(1);
                    assertThat(r.fields().getFirst().field()).isEqualTo("acknowledged");
                    assertThat(r.fields().getFirst().message()).contains("AGREEMENT a-1", "earlier-1");
                    assertThat(CaseProblems.toProblem(r).status().value()).isEqualTo(422);
                });
        assertThatThrownBy(() -> routing.service.act(supervisor, c.id, Action.PROPOSE, Step.empty()))
                .isInstanceOfSatisfying(
                        CaseRefusal.class,
                        r -> assertThat(r.fields())
                                .extracting(CaseRefusal.Field::message)
                                .anySatisfy(m -> assertThat(m).contains("PROMISE p-1"))
                                .anySatisfy(m -> assertThat(m).contains("AGREEMENT a-1")));

        var stored = routing.cases.stored(c.id);
        assertThat(stored.version).as("nothing changed").isEqualTo(before);
        assertThat(stored.state).isEqualTo(State.RESPONDED);
        assertThat(stored.acknowledgements).isEmpty();
    }

    @Test
    @DisplayName("OT-02: acknowledging every open item proposes the solution and records who acknowledged what")
    void acknowledgedItemsAreRecorded() {
        var c = linkedCase("earlier-2");
        routing.commitments.put(
                c.complaintId,
                List.of(
                        new OpenCommitment("p-2", "PROMISE", "earlier-2", DUE),
                        new OpenCommitment("a-2", "AGREEMENT", "earlier-2", DUE)));

        var proposed = routing.service.act(supervisor, c.id, Action.PROPOSE, acknowledging("a-2", "p-2", "gone"));

        assertThat(proposed.state).isEqualTo(State.SOLUTION_PROPOSED);
        assertThat(proposed.acknowledgements)
                .extracting(Case.Acknowledgement::id, Case.Acknowledgement::kind, Case.Acknowledgement::by)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("p-2", "PROMISE", supervisor.subject()),
                        org.assertj.core.groups.Tuple.tuple("a-2", "AGREEMENT", supervisor.subject()));
        assertThat(routing.service.view(proposed).acknowledgements()).hasSize(2);
    }

    @Test
    @DisplayName(
            "OT-02: a promise kept since the complaint was filed is no longer required (intake is asked at the step)")
    void keptPromiseIsNoLongerRequired() {
        var c = linkedCase("earlier-3");
        routing.commitments.put(c.complaintId, List.of(new OpenCommitment("p-3", "PROMISE", "earlier-3", DUE)));
        assertThatThrownBy(() -> routing.service.act(supervisor, c.id, Action.PROPOSE, Step.empty()))
                .isInstanceOf(CaseRefusal.class);

        routing.commitments.put(c.complaintId, List.of()); // kept at intake meanwhile
        var proposed = routing.service.act(supervisor, c.id, Action.PROPOSE, Step.empty());

        assertThat(proposed.state).isEqualTo(State.SOLUTION_PROPOSED);
        assertThat(proposed.acknowledgements).isEmpty();
    }

    @Test
    @DisplayName(
            "OT-02: intake not answering refuses the proposal (503, nothing changed); a case without links never asks")
    void unavailableIntakeRefusesOnlyLinkedCases() {
        var linked = linkedCase("earlier-4");
        routing.intakeDown = true;
        var before = routing.cases.stored(linked.id).version;

        assertThatThrownBy(() -> routing.service.act(supervisor, linked.id, Action.PROPOSE, Step.empty()))
                .isInstanceOfSatisfying(CaseRefusal.class, r -> {
                    assertThat(r.kind()).isEqualTo(CaseRefusal.Kind.UNAVAILABLE);
                    assertThat(CaseProblems.toProblem(r).status().value()).isEqualTo(503);
                });
        assertThat(routing.cases.stored(linked.id).version).isEqualTo(before);

        var plain = respondedCase(null);
        routing.commitmentQueries.clear();
        var proposed = routing.service.act(supervisor, plain.id, Action.PROPOSE, Step.empty());
        assertThat(proposed.state).isEqualTo(State.SOLUTION_PROPOSED);
        assertThat(routing.commitmentQueries).as("no link, no call").isEmpty();
    }

    @Test
    @DisplayName("OT-02: a role that may not propose gets 403 before intake is asked")
    void permissionComesFirst() {
        var c = linkedCase("earlier-5");
        routing.commitmentQueries.clear();
        assertThatThrownBy(() -> routing.service.act(staff(GENERIC, "auditor"), c.id, Action.PROPOSE, Step.empty()))
                .isInstanceOfSatisfying(
                        CaseRefusal.class, r -> assertThat(r.kind()).isEqualTo(CaseRefusal.Kind.NOT_ALLOWED));
        assertThat(routing.commitmentQueries).isEmpty();
    }

    private Case linkedCase(String earlier) {
        return respondedCase(List.of(earlier));
    }

    /** A generic-tenant case, accepted and answered (RESPONDED), whose complaint links {@code linked}. */
    private Case respondedCase(List<String> linked) {
        var base = InMemoryRouting.request("ber-counter-1", "PHONE", "GENERAL", null, null, null);
        var request = new OpenCaseRequest(
                "cmp-" + UUID.randomUUID(),
                null,
                null,
                base.site(),
                base.channel(),
                base.level(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                linked);
        var id =
                routing.service.open(system(GENERIC, "intake-service"), request).kase().id;
        routing.service.act(supervisor, id, Action.ACCEPT, Step.empty());
        return routing.service.act(supervisor, id, Action.CONTACT, Step.empty());
    }

    private static Step acknowledging(String... ids) {
        return new Step(null, null, null, null, null, null, null, null, null, null, null, null, List.of(ids));
    }
}
