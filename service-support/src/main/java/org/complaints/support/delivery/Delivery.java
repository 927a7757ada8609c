package org.complaints.support.delivery;

import java.time.Instant;
import java.util.UUID;

/**
 * A message another service must receive, kept inside the document it belongs to so that the
 * state change and the promise to tell someone are one atomic write (no multi-document
 * transactions needed). {@link DeliveryRelay} sends it until the receiver acknowledges. The id is
 * the event id receivers de-duplicate on (not named {@code id}: Spring Data would store that as {@code _id}).
 *
 * <p>{@code since} is when the first attempt failed (the retry budget counts from it); a
 * {@code parkedAt} entry was refused for good or ran out of budget: it has no {@code due} time, is
 * never sent again by itself and waits for an operator's replay (ADR 0006). Parked entries stay in
 * the same array so that a whole-document save by the owning service, which maps this record,
 * keeps them.
 */
public record Delivery(
        String eventId, String kind, Instant due, int attempts, String lastError, Instant since, Instant parkedAt) {

    public Delivery(String eventId, String kind, Instant due, int attempts, String lastError) {
        this(eventId, kind, due, attempts, lastError, null, null);
    }

    public static Delivery of(String kind, Instant now) {
        return new Delivery(UUID.randomUUID().toString(), kind, now, 0, null);
    }
}
