package org.complaints.support.delivery;

/**
 * A permanent refusal from a sender that is not a Feign client (a partner's webhook endpoint, a
 * target that may no longer be called): {@link DeliveryRelay} parks the entry at once instead of
 * retrying it (ADR 0006). {@code status} is the HTTP status, or 0 when nothing was sent.
 */
public class DeliveryRefused extends RuntimeException {

    private final int status;

    public DeliveryRefused(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
