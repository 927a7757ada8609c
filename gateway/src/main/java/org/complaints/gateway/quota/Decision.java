package org.complaints.gateway.quota;

/**
 * Whether one call may go ahead, and what the caller is told about its quota.
 *
 * @param quota requests per minute (the policy's {@code q})
 * @param remaining requests left as best known to this replica (the {@code r})
 * @param resetSeconds seconds until the bucket is full again (the {@code t})
 * @param retryAfterSeconds for a refusal, seconds until the next request can be granted
 */
record Decision(boolean granted, int quota, long remaining, long resetSeconds, long retryAfterSeconds) {

    static Decision granted(int quota, double remaining) {
        var whole = (long) Math.max(0, Math.floor(remaining));
        return new Decision(true, quota, whole, secondsUntilFull(quota, whole), 0);
    }

    static Decision refused(int quota, double remaining, long retryAfterMillis) {
        return new Decision(
                false, quota, 0, secondsUntilFull(quota, remaining), Math.max(1, (retryAfterMillis + 999) / 1000));
    }

    private static long secondsUntilFull(int quota, double remaining) {
        return (new BucketState(Math.max(0, remaining), 0).millisUntil(quota, quota) + 999) / 1000;
    }
}
