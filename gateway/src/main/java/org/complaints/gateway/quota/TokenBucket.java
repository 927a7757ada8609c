package org.complaints.gateway.quota;

/**
 * Holds up to one minute's quota and refills continuously, so a partner may burst its whole minute
 * at once but not exceed it on average.
 */
final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1e9;
    private final double capacity;
    private final double perNano;
    private double tokens;
    private long last;

    TokenBucket(int perMinute, long now) {
        this.capacity = perMinute;
        this.perNano = perMinute / (60 * NANOS_PER_SECOND);
        this.tokens = perMinute;
        this.last = now;
    }

    /** Takes a token at {@code now} (nanoseconds); 0 when granted, else whole seconds to wait. */
    synchronized long tryTake(long now) {
        tokens = Math.min(capacity, tokens + Math.max(0, now - last) * perNano);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / perNano / NANOS_PER_SECOND));
    }
}
