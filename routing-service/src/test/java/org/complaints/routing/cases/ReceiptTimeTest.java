package org.complaints.routing.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The receipt time routing takes from intake (ADR 0103). */
class ReceiptTimeTest {

    static final Instant NOW = Instant.parse("2025-03-03T02:00:00Z");
    final InMemoryRouting routing = new InMemoryRouting(NOW);

    @Test
    @DisplayName("a receipt time within intake's clock skew ahead opens the case, its clocks counted from it")
    void receiptSlightlyAheadOpensTheCase() {
        var receivedAt = NOW.plusSeconds(90);
        var opened = open(receivedAt);

        assertThat(opened.receivedAt).isEqualTo(receivedAt);
        assertThat(opened.deadlines())
                .filteredOn(d -> d.rule().equals("SLA-B1"))
                .singleElement()
                .satisfies(d -> assertThat(d.dueAt()).isEqualTo(receivedAt.plus(Duration.ofHours(24))));
    }

    @Test
    @DisplayName("a receipt time far ahead of routing's clock is refused naming the field; nothing is stored")
    void receiptFarAheadIsRefused() {
        assertThatThrownBy(() -> open(NOW.plus(CaseService.RECEIPT_AHEAD).plusSeconds(1)))
                .isInstanceOfSatisfying(CaseRefusal.class, r -> {
                    assertThat(r.kind()).isEqualTo(CaseRefusal.Kind.INVALID);
                    assertThat(r.fields()).extracting(CaseRefusal.Field::field).containsExactly("receivedAt");
                });
        assertThat(routing.cases.stored).isEmpty();
    }

    private Case open(Instant receivedAt) {
        return routing.service
                .open(
                        InMemoryRouting.system("demo-generic", "intake-service"),
                        InMemoryRouting.request("ber-counter-1", "PHONE", "GENERAL", null, null, receivedAt))
                .kase();
    }
}
