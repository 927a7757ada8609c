package org.complaints.routing.webhooks;

import java.time.Instant;
import java.util.List;
import org.complaints.support.delivery.DeliveryRelay;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.web.ProblemException;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * A partner's own parked deliveries (ADR 0263): listed per subscription and redelivered through
 * the same relay entry an operator's replay uses, so a redelivery keeps the event's
 * {@code webhook-id} and body and the stream's order (the parked head goes first, then the rest).
 */
class Deliveries {

    /** A delivery that ran out of retries or was refused for good, as its subscriber sees it. */
    record ParkedDelivery(
            String webhookId,
            String caseId,
            long sequence,
            String eventType,
            int attempts,
            String lastError,
            Instant firstFailure,
            Instant parkedAt) {}

    private final Subscriptions subscriptions;
    private final DeliveryRelay relay;
    private final MongoTemplate mongo;

    Deliveries(Subscriptions subscriptions, DeliveryRelay relay, MongoTemplate mongo) {
        this.subscriptions = subscriptions;
        this.relay = relay;
        this.mongo = mongo;
    }

    List<ParkedDelivery> parked(CallerIdentity caller, String subscriptionId) {
        var subscription = subscriptions.get(caller, subscriptionId);
        return parkedOf(subscription);
    }

    /** Makes the parked delivery due now with a fresh retry budget; 404 when it is not parked. */
    void redeliver(CallerIdentity caller, String subscriptionId, String webhookId) {
        var subscription = subscriptions.manage(caller, subscriptionId);
        var delivery = parkedOf(subscription).stream()
                .filter(d -> d.webhookId().equals(webhookId))
                .findFirst()
                .orElseThrow(() -> ProblemException.notFound("parked delivery", webhookId));
        if (!relay.replay(subscription.tenant(), Stream.id(subscription.id(), delivery.caseId()), webhookId)) {
            throw ProblemException.notFound("parked delivery", webhookId);
        }
    }

    private List<ParkedDelivery> parkedOf(Subscription subscription) {
        var prefix = subscription.id() + ":";
        return relay.parkedOf(subscription.tenant()).stream()
                .filter(p -> p.documentId().startsWith(prefix))
                .map(p -> {
                    var stream = mongo.findById(p.documentId(), Stream.class);
                    var head = stream == null ? null : stream.head();
                    return new ParkedDelivery(
                            p.eventId(),
                            p.documentId().substring(prefix.length()),
                            head == null ? 0 : head.sequence(),
                            head == null ? null : head.type(),
                            p.attempts(),
                            p.lastError(),
                            p.firstFailure(),
                            p.parkedAt());
                })
                .toList();
    }
}
