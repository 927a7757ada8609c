package org.complaints.gateway.quota;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BucketStateTest {

    static final long SECOND = 1000;

    @Test
    void shouldGrantAWholeMinutesQuotaAtOnceThenNothing() {
        var taken = BucketState.full(60, 0).take(60, 0, 100);

        assertThat(taken.granted()).isEqualTo(60);
        assertThat(taken.after().take(60, 0, 1).granted()).isZero();
        assertThat(taken.after().millisUntil(1, 60)).as("one token a second").isEqualTo(SECOND);
    }

    @Test
    void shouldRefillAtThePerMinuteRate() {
        var empty = BucketState.full(2, 0).take(2, 0, 2).after();

        assertThat(empty.millisUntil(1, 2)).isEqualTo(30 * SECOND);
        assertThat(empty.take(2, 29 * SECOND, 1).granted()).isZero();
        assertThat(empty.take(2, 30 * SECOND, 1).granted()).isEqualTo(1);
    }

    @Test
    void shouldNotSaveUpMoreThanOneMinute() {
        var later = BucketState.full(3, 0).take(3, 3600 * SECOND, 10);

        assertThat(later.granted()).isEqualTo(3);
    }

    @Test
    void shouldNotRefillTwiceWhenAReplicasClockLagsAnothers() {
        // Written by a replica at t=10 s; one whose clock says 8 s refills nothing and keeps 10 s.
        var written = new BucketState(0, 10 * SECOND);
        var behind = written.refilled(60, 8 * SECOND);

        assertThat(behind).isEqualTo(written);
        assertThat(behind.refilled(60, 11 * SECOND).tokens()).isEqualTo(1);
    }
}
