package org.complaints.gateway.quota;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SharedQuotasTest {

    final TestClock clock = new TestClock(Instant.parse("2026-11-30T09:00:00Z"));
    final CountingStore store = new CountingStore();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void shouldLeaseABatchAndSpendItWithoutTheStore() {
        var replica = replica();
        assertThat(SharedQuotas.batch(600)).isEqualTo(12);

        for (var i = 0; i < 12; i++) {
            assertThat(take(replica, "t/key:a", 600).granted()).isTrue();
        }
        assertThat(store.leases).as("one batch of 12").isEqualTo(1);

        take(replica, "t/key:a", 600);
        assertThat(store.leases).isEqualTo(2);
    }

    @Test
    void shouldKeepASeparateBucketPerCaller() {
        var replica = replica();

        assertThat(take(replica, "t/key:a", 1).granted()).isTrue();
        assertThat(take(replica, "t/key:a", 1).granted()).isFalse();
        assertThat(take(replica, "t/key:b", 1).granted())
                .as("another key is not charged")
                .isTrue();
    }

    @Test
    void shouldNeverGrantMoreThanTheQuotaAcrossReplicasAndReportDecreasingRemaining() {
        var one = replica();
        var two = replica();
        var granted = 0;
        var remaining = Map.of(one, new ArrayList<Long>(), two, new ArrayList<Long>());
        for (var i = 0; i < 200; i++) {
            var replica = i % 3 == 0 ? two : one;
            var decision = take(replica, "t/key:a", 100);
            if (decision.granted()) {
                granted++;
                remaining.get(replica).add(decision.remaining());
            }
        }

        assertThat(granted).as("the minute's quota, not one per replica").isEqualTo(100);
        remaining
                .values()
                .forEach(seen -> assertThat(seen)
                        .isSortedAccordingTo((a, b) -> Long.compare(b, a))
                        .doesNotHaveDuplicates());
        assertThat(Math.min(remaining.get(one).getLast(), remaining.get(two).getLast()))
                .as("whoever spent the last token saw none left")
                .isZero();
    }

    @Test
    void shouldRefuseAnEmptyBucketWithoutAskingTheStoreUntilItRefills() {
        var replica = replica();
        for (var i = 0; i < 60; i++) {
            take(replica, "t/key:a", 60);
        }
        var leases = store.leases;

        var refused = take(replica, "t/key:a", 60);
        take(replica, "t/key:a", 60);

        assertThat(refused.granted()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
        assertThat(store.leases)
                .as("the last lease saw it empty: no store call until it refills")
                .isEqualTo(leases);

        clock.advance(Duration.ofSeconds(refused.retryAfterSeconds()));
        assertThat(take(replica, "t/key:a", 60).granted())
                .as("honouring Retry-After succeeds")
                .isTrue();
    }

    @Test
    void shouldFailOpenOnLocalBucketsWhileTheStoreIsDownAndCountIt() {
        var replica = replica();
        store.down = true;

        assertThat(take(replica, "t/key:a", 2).granted()).isTrue();
        assertThat(take(replica, "t/key:a", 2).granted()).isTrue();
        assertThat(take(replica, "t/key:a", 2).granted())
                .as("the quota still holds per replica")
                .isFalse();
        assertThat(meters.counter("complaints.gateway.quota.store.failures").count())
                .isEqualTo(1);
        assertThat(meters.get("complaints.gateway.quota.fallback").gauge().value())
                .isEqualTo(1);

        store.down = false;
        clock.advance(Duration.ofSeconds(5));
        assertThat(take(replica, "t/key:a", 2).granted())
                .as("back on the shared bucket")
                .isTrue();
        assertThat(meters.get("complaints.gateway.quota.fallback").gauge().value())
                .isZero();
    }

    @Test
    void shouldDropLeasedTokensItHasNotSpentInTime() {
        var replica = replica();
        take(replica, "t/key:a", 600);

        clock.advance(Duration.ofSeconds(11));
        take(replica, "t/key:a", 600);

        assertThat(store.leases).as("the 11 left of the first batch expired").isEqualTo(2);
    }

    private SharedQuotas replica() {
        return new SharedQuotas(
                store,
                Runnable::run,
                clock,
                new QuotaMetrics(meters),
                new QuotaProperties(null, null, null, null, null));
    }

    private static Decision take(SharedQuotas replica, String key, int perMinute) {
        return replica.take(key, perMinute).join();
    }

    /** The shared bucket's arithmetic with a lease counter and an outage switch. */
    static final class CountingStore implements BucketStore {
        final Map<String, BucketState> buckets = new HashMap<>();
        final List<Integer> granted = new ArrayList<>();
        int leases;
        boolean down;

        @Override
        public synchronized Lease lease(String id, int perMinute, int wanted, long now) {
            if (down) {
                throw new IllegalStateException("store down");
            }
            leases++;
            var taken =
                    buckets.getOrDefault(id, BucketState.full(perMinute, now)).take(perMinute, now, wanted);
            buckets.put(id, taken.after());
            granted.add(taken.granted());
            return new Lease(taken.granted(), taken.after());
        }
    }
}
