package org.complaints.gateway.quota;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-caller quotas that hold across gateway replicas (ADR 0270). The bucket of each caller lives in
 * the shared store; a replica leases small batches of tokens from it (one atomic update per batch)
 * and spends them locally, so the store sees one round trip per batch, not per request. While the
 * store is out of reach, each replica decides on a bucket of its own (fail open, counted).
 */
class SharedQuotas {

    /** A batch is this share of the quota: 2%, so N replicas hold at most N × 2% unspent. */
    static final int BATCH_DIVISOR = 50;

    static final int MAX_BATCH = 1000;
    private static final Logger log = LoggerFactory.getLogger(SharedQuotas.class);

    private final ConcurrentHashMap<String, LeasedBucket> buckets = new ConcurrentHashMap<>();
    private final BucketStore store;
    private final Executor executor;
    private final Clock clock;
    private final QuotaMetrics metrics;
    private final long leaseTtlMillis;
    private final long storeRetryMillis;
    private volatile long storeDownUntil;

    SharedQuotas(BucketStore store, Executor executor, Clock clock, QuotaMetrics metrics, QuotaProperties properties) {
        this.store = store;
        this.executor = executor;
        this.clock = clock;
        this.metrics = metrics;
        this.leaseTtlMillis = properties.leaseTtl().toMillis();
        this.storeRetryMillis = properties.storeRetry().toMillis();
        metrics.fallbackGauge(() -> clock.millis() < storeDownUntil ? 1 : 0);
    }

    static int batch(int perMinute) {
        return Math.clamp(perMinute / BATCH_DIVISOR, 1, MAX_BATCH);
    }

    /** Takes one token of the caller's bucket {@code key}; completes when decided. */
    CompletableFuture<Decision> take(String key, int perMinute) {
        return attempt(buckets.computeIfAbsent(key, k -> new LeasedBucket()), key, perMinute);
    }

    /**
     * Ends: each lease either grants tokens (taken from a finite bucket), or finds the shared bucket
     * empty (then {@code fromLeased} refuses until it refills), or fails (then the fallback decides).
     */
    private CompletableFuture<Decision> attempt(LeasedBucket bucket, String key, int perMinute) {
        var now = clock.millis();
        var decided = bucket.fromLeased(perMinute, now, leaseTtlMillis);
        if (decided != null) {
            return CompletableFuture.completedFuture(decided);
        }
        if (now < storeDownUntil) {
            return CompletableFuture.completedFuture(bucket.fromFallback(perMinute, now));
        }
        return bucket.inflight(() -> CompletableFuture.runAsync(() -> lease(bucket, key, perMinute), executor))
                .thenCompose(leased -> attempt(bucket, key, perMinute));
    }

    private void lease(LeasedBucket bucket, String key, int perMinute) {
        var now = clock.millis();
        try {
            bucket.accept(store.lease(key, perMinute, batch(perMinute), now), perMinute, now);
            metrics.leased();
        } catch (RuntimeException e) {
            // Fail open: per-replica buckets until the store answers again (ADR 0270).
            storeDownUntil = clock.millis() + storeRetryMillis;
            metrics.storeFailed();
            log.warn(
                    "quota store unreachable, deciding on local buckets for {} ms: {}", storeRetryMillis, e.toString());
        }
    }
}
