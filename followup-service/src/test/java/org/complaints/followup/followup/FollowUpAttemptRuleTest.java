package org.complaints.followup.followup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** FU-03 / §8.2 on the aggregate, without Spring: when unreached attempts escalate, and only once. */
class FollowUpAttemptRuleTest {

    static final Instant T0 = Instant.parse("2026-03-02T02:00:00Z");

    final FollowUp followUp = followUp();
    int day;

    @Test
    @DisplayName("FU-03 / §8.2: the third unreached attempt in a row escalates to the supervisor, with its delivery")
    void thirdUnreachedAttemptEscalates() {
        assertThat(attempt(false)).isEmpty();
        assertThat(attempt(false)).isEmpty();
        var escalation = attempt(false).orElseThrow();

        assertThat(escalation.reason()).isEqualTo("FU-03");
        assertThat(escalation.escalatedTo()).isEqualTo("cs-supervisor");
        assertThat(escalation.escalatedAt()).isEqualTo(T0.plus(Duration.ofDays(2)));
        assertThat(followUp.escalations).containsExactly(escalation);
        assertThat(followUp.deliveries).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(FollowUp.ESCALATION);
            assertThat(d.eventId()).isEqualTo("followup-escalation:FU-03:f-1");
            assertThat(d.due()).isEqualTo(escalation.escalatedAt());
        });
        assertThat(followUp.unreachedInARow()).isEqualTo(3);
        assertThat(followUp.status).as("an attempt changes no status").isEqualTo("PLANNED");
    }

    @Test
    @DisplayName("FU-03: a fourth unreached attempt, or three more after a reached one, does not escalate again")
    void escalatesOncePerReason() {
        attempt(false);
        attempt(false);
        attempt(false);
        assertThat(attempt(false)).isEmpty();
        attempt(true);
        attempt(false);
        attempt(false);
        assertThat(attempt(false)).isEmpty();

        assertThat(followUp.escalations).hasSize(1);
        assertThat(followUp.deliveries).hasSize(1);
        assertThat(followUp.attempts).hasSize(8);
    }

    @Test
    @DisplayName("FU-03: a reached attempt resets the count; a reached attempt neither escalates nor closes")
    void reachedAttemptResetsTheCount() {
        attempt(false);
        attempt(false);
        assertThat(attempt(true)).isEmpty();
        assertThat(followUp.unreachedInARow()).isZero();
        attempt(false);
        assertThat(attempt(false)).isEmpty();

        assertThat(followUp.unreachedInARow()).isEqualTo(2);
        assertThat(followUp.escalations).isEmpty();
        assertThat(followUp.deliveries).isEmpty();
        assertThat(followUp.outcome).isNull();
        assertThat(followUp.status).isEqualTo("PLANNED");
    }

    @Test
    @DisplayName("FU-03: a threshold lowered by the tenant below the count escalates at the next unreached attempt")
    void lowerThresholdEscalatesAtTheNextAttempt() {
        followUp.recordAttempt(attempt(false, T0), 5, "cs-supervisor");
        followUp.recordAttempt(attempt(false, T0), 5, "cs-supervisor");
        assertThat(followUp.recordAttempt(attempt(false, T0), 1, "cs-supervisor"))
                .isPresent();
    }

    private java.util.Optional<FollowUp.Escalation> attempt(boolean reached) {
        return followUp.recordAttempt(attempt(reached, T0.plus(Duration.ofDays(day++))), 3, "cs-supervisor");
    }

    private static FollowUp.Attempt attempt(boolean reached, Instant at) {
        return new FollowUp.Attempt(reached, "PHONE", null, "desk-user", at);
    }

    private static FollowUp followUp() {
        var f = new FollowUp();
        f.id = "f-1";
        f.tenant = "t";
        f.type = "PHONE_CALL";
        f.roles = java.util.List.of("service-desk", "cs-supervisor");
        return f;
    }
}
