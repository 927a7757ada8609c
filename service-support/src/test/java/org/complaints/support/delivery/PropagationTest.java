package org.complaints.support.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PropagationTest {

    static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");
    static final Map<String, String> EFFECTS = Map.of("case-state", "complaint", "plan-follow-up", "follow-ups");

    @Test
    void nothingOwedIsComplete() {
        assertThat(Propagation.of(List.of(), EFFECTS)).isEqualTo(new Propagation("COMPLETE", List.of()));
        assertThat(Propagation.of(null, EFFECTS).status()).isEqualTo("COMPLETE");
    }

    @Test
    void owedEffectsArePendingByResource() {
        var owed = List.of(
                Delivery.of("plan-follow-up", NOW), Delivery.of("case-state", NOW), Delivery.of("case-state", NOW));
        assertThat(Propagation.of(owed, EFFECTS))
                .isEqualTo(new Propagation("PENDING", List.of("complaint", "follow-ups")));
    }

    @Test
    void deliveriesThatAreNotEffectsAreNotWaitedFor() {
        var notices = List.of(Delivery.of("escalation-notice", NOW), Delivery.of("webhook-events", NOW));
        assertThat(Propagation.of(notices, EFFECTS).status()).isEqualTo("COMPLETE");
    }

    @Test
    void aParkedEffectSaysSo() {
        var parked = new Delivery("e-1", "case-state", null, 50, "503", NOW.minusSeconds(90_000), NOW);
        assertThat(Propagation.of(List.of(parked, Delivery.of("plan-follow-up", NOW)), EFFECTS))
                .isEqualTo(new Propagation("PARKED", List.of("complaint", "follow-ups")));
    }
}
