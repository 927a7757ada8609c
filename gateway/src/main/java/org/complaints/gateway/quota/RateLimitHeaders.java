package org.complaints.gateway.quota;

import org.springframework.http.HttpHeaders;

/**
 * The IETF RateLimit fields (draft-ietf-httpapi-ratelimit-headers, structured-field form): one
 * policy named {@code default}, a per-credential quota {@code q} per window {@code w} of 60 s, and
 * the remaining requests {@code r} with {@code t}, the seconds until the bucket is full again.
 */
final class RateLimitHeaders {

    static final String POLICY = "RateLimit-Policy";
    static final String LIMIT = "RateLimit";
    static final int WINDOW_SECONDS = 60;
    private static final String NAME = "\"default\"";

    private RateLimitHeaders() {}

    static String policy(int quota) {
        return NAME + ";q=" + quota + ";w=" + WINDOW_SECONDS;
    }

    static String limit(long remaining, long resetSeconds) {
        return NAME + ";r=" + remaining + ";t=" + resetSeconds;
    }

    /** Sets both fields, and {@code Retry-After} (delay-seconds) on a refusal. */
    static void write(HttpHeaders headers, Decision decision) {
        headers.set(POLICY, policy(decision.quota()));
        headers.set(LIMIT, limit(decision.remaining(), decision.resetSeconds()));
        if (!decision.granted()) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
        }
    }
}
