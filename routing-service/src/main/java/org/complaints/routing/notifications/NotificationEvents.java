package org.complaints.routing.notifications;

import org.complaints.support.delivery.Delivery;
import org.complaints.support.delivery.DeliveryHandler;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes each notification's {@value Notification#CREATED_EVENT} outbox event (written with the
 * notification) as a {@link NotificationCreated} application event, then the relay removes the entry.
 * A listener that fails fails the attempt, which the relay retries: a broken promise reaches its
 * case's partner events this way ({@code promise.broken}, ADR 0260).
 */
@Component
class NotificationEvents implements DeliveryHandler {

    private final MongoTemplate mongo;
    private final ApplicationEventPublisher events;

    NotificationEvents(MongoTemplate mongo, ApplicationEventPublisher events) {
        this.mongo = mongo;
        this.events = events;
    }

    @Override
    public String kind() {
        return Notification.CREATED_EVENT;
    }

    @Override
    public void deliver(String notificationId, Delivery delivery) {
        var n = mongo.findById(notificationId, Notification.class);
        if (n != null) {
            events.publishEvent(NotificationCreated.of(n));
        }
    }
}
