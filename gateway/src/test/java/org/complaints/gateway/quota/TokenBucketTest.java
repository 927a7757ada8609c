package org.complaints.gateway.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void shouldGrantAWholeMinutesQuotaAtOnceThenAskToWait() {
        var bucket = new TokenBucket(60, 0);
        for (var i = 0; i < 60; i++) {
            assertThat(bucket.tryTake(0)).isZero();
        }
        assertThat(bucket.tryTake(0)).as("seconds until the next token").isEqualTo(1);
    }

    @Test
    void shouldRefillAtThePerMinuteRate() {
        var bucket = new TokenBucket(2, 0);
        bucket.tryTake(0);
        bucket.tryTake(0);

        assertThat(bucket.tryTake(0)).isEqualTo(30);
        assertThat(bucket.tryTake(29 * SECOND)).isEqualTo(1);
        assertThat(bucket.tryTake(30 * SECOND)).isZero();
    }

    @Test
    void shouldNotSaveUpMoreThanOneMinute() {
        var bucket = new TokenBucket(3, 0);
        var later = 3600 * SECOND;
        for (var i = 0; i < 3; i++) {
            assertThat(bucket.tryTake(later)).isZero();
        }
        assertThat(bucket.tryTake(later)).isPositive();
    }
}
