package org.complaints.gateway.quota;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * One caller's quota as this replica holds it: tokens leased from the shared bucket and not yet
 * spent, the shared bucket as last seen, and a bucket of its own for when the store is out of reach.
 * Methods are synchronized on the instance; the lease in flight is read and set under the same lock.
 */
final class LeasedBucket {

    private int leased;
    private long leasedAt;
    private BucketState shared;
    private long emptyUntil;
    private BucketState fallback;
    private CompletableFuture<Void> inflight;

    /**
     * Decides from what this replica holds: a leased token, or a refusal while the shared bucket is
     * known to be empty (other replicas only take from it, so it cannot fill sooner). Null when only
     * the shared bucket can tell. Leased tokens older than {@code leaseTtlMillis} are dropped, so a
     * replica does not sit on tokens its callers have moved away from.
     */
    synchronized Decision fromLeased(int quota, long now, long leaseTtlMillis) {
        if (leased > 0 && now - leasedAt > leaseTtlMillis) {
            leased = 0;
        }
        if (leased > 0) {
            leased--;
            return Decision.granted(quota, Math.min(quota, leased + sharedTokens(quota, now)));
        }
        if (now < emptyUntil) {
            return Decision.refused(quota, sharedTokens(quota, now), emptyUntil - now);
        }
        return null;
    }

    synchronized void accept(BucketStore.Lease lease, int quota, long now) {
        leased += lease.granted();
        leasedAt = now;
        shared = lease.after();
        emptyUntil = shared.tokens() < 1 ? shared.at() + shared.millisUntil(1, quota) : 0;
    }

    /** Decides on this replica's own bucket (the store is out of reach): the quota per replica. */
    synchronized Decision fromFallback(int quota, long now) {
        var taken = (fallback == null ? BucketState.full(quota, now) : fallback).take(quota, now, 1);
        fallback = taken.after();
        return taken.granted() > 0
                ? Decision.granted(quota, fallback.tokens())
                : Decision.refused(quota, fallback.tokens(), fallback.millisUntil(1, quota));
    }

    /** The lease in flight, started by {@code start} if there is none: concurrent callers share one. */
    synchronized CompletableFuture<Void> inflight(Supplier<CompletableFuture<Void>> start) {
        if (inflight == null || inflight.isDone()) {
            inflight = start.get();
        }
        return inflight;
    }

    private double sharedTokens(int quota, long now) {
        return shared == null ? 0 : Math.floor(shared.refilled(quota, now).tokens());
    }
}
