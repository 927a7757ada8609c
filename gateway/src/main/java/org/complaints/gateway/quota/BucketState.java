package org.complaints.gateway.quota;

/**
 * A token bucket at one instant: holds up to one minute's quota and refills continuously, so a
 * caller may burst its whole minute at once but not exceed it on average. Pure arithmetic, used for
 * the shared bucket document and for the local fallback alike.
 *
 * @param tokens tokens in the bucket at {@code at} (fractional while refilling)
 * @param at epoch milliseconds; never moved backwards, so a replica whose clock lags another's
 *     refills nothing rather than refilling twice
 */
record BucketState(double tokens, long at) {

    private static final double MILLIS_PER_MINUTE = 60_000;

    static BucketState full(int perMinute, long now) {
        return new BucketState(perMinute, now);
    }

    BucketState refilled(int perMinute, long now) {
        var elapsed = Math.max(0, now - at);
        return new BucketState(
                Math.min(perMinute, tokens + elapsed * perMinute / MILLIS_PER_MINUTE), Math.max(at, now));
    }

    /** Refills to {@code now}, then takes up to {@code wanted} whole tokens. */
    Taken take(int perMinute, long now, int wanted) {
        var refilled = refilled(perMinute, now);
        var granted = (int) Math.min(wanted, Math.floor(refilled.tokens));
        return new Taken(granted, new BucketState(refilled.tokens - granted, refilled.at));
    }

    /** Milliseconds from {@code at} until the bucket holds {@code units} tokens (0 if it does). */
    long millisUntil(double units, int perMinute) {
        return (long) Math.ceil(Math.max(0, units - tokens) * MILLIS_PER_MINUTE / perMinute);
    }

    record Taken(int granted, BucketState after) {}
}
