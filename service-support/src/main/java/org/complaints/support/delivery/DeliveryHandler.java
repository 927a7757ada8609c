package org.complaints.support.delivery;

/** Sends one kind of {@link Delivery}; throws when the receiver did not acknowledge. */
public interface DeliveryHandler {

    String kind();

    /** The kinds this handler sends; one handler may serve several (e.g. every event type of one receiver). */
    default java.util.Set<String> kinds() {
        return java.util.Set.of(kind());
    }

    void deliver(String documentId, Delivery delivery) throws Exception;
}
