package org.complaints.routing.webhooks;

import org.complaints.routing.cases.Case;
import org.complaints.routing.cases.CaseRepository;
import org.complaints.support.delivery.Delivery;
import org.complaints.support.delivery.DeliveryHandler;

/**
 * The case's {@value Case#PUBLISHED_EVENTS} delivery, written with the events a case write
 * published: queues them in the stream of every active subscription of the case's tenant that
 * covers its region and site (ADR 0260). Each stream takes everything after what it already queued,
 * so any one delivery brings every stream up to date and a resend adds nothing twice.
 */
class FanOut implements DeliveryHandler {

    private final CaseRepository cases;
    private final Subscriptions subscriptions;
    private final Streams streams;

    FanOut(CaseRepository cases, Subscriptions subscriptions, Streams streams) {
        this.cases = cases;
        this.subscriptions = subscriptions;
        this.streams = streams;
    }

    @Override
    public String kind() {
        return Case.PUBLISHED_EVENTS;
    }

    @Override
    public void deliver(String caseId, Delivery delivery) {
        var c = cases.findById(caseId).orElse(null);
        if (c == null) {
            return;
        }
        for (var subscription : subscriptions.active(c.tenant())) {
            if (subscription.covers(c)) {
                streams.append(subscription, c);
            }
        }
    }
}
