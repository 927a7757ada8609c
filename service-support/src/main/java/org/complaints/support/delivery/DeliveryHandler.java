package org.complaints.support.delivery;

/** Sends one kind of {@link Delivery}; throws when the receiver did not acknowledge. */
public interface DeliveryHandler {

    String kind();

    void deliver(String documentId, Delivery delivery) throws Exception;
}
