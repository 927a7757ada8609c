package org.complaints.support.delivery;

import java.time.Duration;

/**
 * How a {@link DeliveryRelay} retries and finds its work.
 *
 * @param maxBackoff cap of the exponential backoff between attempts
 * @param maxAttempts failed attempts after which an entry is parked
 * @param maxAge time since the first failed attempt after which an entry is parked
 * @param lease how long a claimed entry is reserved for the replica that claimed it
 * @param hinted find due work through an in-memory list of the documents that carry deliveries
 *     (embedded store, which cannot use the {@code deliveries.due} index) instead of that index
 * @param rescan how often a hinted relay re-reads the collection for deliveries written by paths it
 *     did not see (another process, an update that bypassed the mapping layer)
 * @param parallel how many documents' deliveries are sent at once (one document's always one after
 *     another, in order); a send waits on the receiver's durable write, so one at a time could not
 *     keep up with the filings that produce them (ADR 0610)
 */
public record RelaySettings(
        Duration maxBackoff,
        int maxAttempts,
        Duration maxAge,
        Duration lease,
        boolean hinted,
        Duration rescan,
        int parallel) {

    public static RelaySettings defaults() {
        return new RelaySettings(
                Duration.ofMinutes(5), 50, Duration.ofHours(24), Duration.ofSeconds(30), false, Duration.ofHours(6), 2);
    }

    public RelaySettings {
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be at least 1");
        }
    }
}
