package org.complaints.gateway.quota;

/** Where the buckets every gateway replica shares are kept. */
interface BucketStore {

    /**
     * Atomically refills the shared bucket {@code id} to {@code now} (a new bucket starts full) and
     * takes up to {@code wanted} tokens from it.
     *
     * @throws RuntimeException when the store cannot be reached in time
     */
    Lease lease(String id, int perMinute, int wanted, long now);

    /** Tokens taken and the shared bucket right after. */
    record Lease(int granted, BucketState after) {}
}
