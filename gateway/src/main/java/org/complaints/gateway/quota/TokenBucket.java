package org.complaints.gateway.quota;

/** Holds up to one minute's quota and refills continuously. */
final class TokenBucket {

    private final double capacity;
    private final double perNano;
    private double tokens;
    private long last;

    TokenBucket(int perMinute) {
        this.capacity = perMinute;
        this.perNano = perMinute / 60e9;
        this.tokens = perMinute;
        this.last = System.nanoTime();
    }

    /** Takes a token; returns 0 when granted, else the seconds until one is available. */
    synchronized long tryTake(long now) {
        tokens = Math.min(capacity, tokens + (now - last) * perNano);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / perNano / 1e9));
    }
}
