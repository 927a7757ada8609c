package org.complaints.support.delivery;

import java.time.Instant;
import java.util.UUID;

/**
 * A message another service must receive, kept inside the document it belongs to so that the
 * state change and the promise to tell someone are one atomic write (no multi-document
 * transactions needed). {@link DeliveryRelay} sends it until the receiver acknowledges. The id is
 * the event id receivers de-duplicate on (not named {@code id}: Spring Data would store that as {@code _id}).
 */
public record Delivery(String eventId, String kind, Instant due, int attempts, String lastError) {

    public static Delivery of(String kind, Instant now) {
        return new Delivery(UUID.randomUUID().toString(), kind, now, 0, null);
    }
}
