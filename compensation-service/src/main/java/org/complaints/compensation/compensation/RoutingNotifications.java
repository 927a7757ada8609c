package org.complaints.compensation.compensation;

import java.util.HashMap;
import java.util.Set;
import org.complaints.compensation.routing.RoutingClient;
import org.complaints.support.delivery.Delivery;
import org.complaints.support.delivery.DeliveryHandler;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.identity.CurrentCaller;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Tells routing how the compensation moves (docs/contracts.md events), through the relay: nothing
 * lost. The delivery's kind is the event type.
 */
@Component
class RoutingNotifications implements DeliveryHandler {

    static final Set<String> EVENTS = Set.of(
            "COMPENSATION_PROPOSED",
            "COMPENSATION_PENDING_APPROVAL",
            "COMPENSATION_APPROVED",
            "OFFER_REJECTED_BY_CUSTOMER",
            "AGREEMENT_SIGNED",
            "REMEDY_DELIVERED");

    private final RoutingClient routing;
    private final MongoTemplate mongo;

    RoutingNotifications(RoutingClient routing, MongoTemplate mongo) {
        this.routing = routing;
        this.mongo = mongo;
    }

    @Override
    public String kind() {
        return "routing-event";
    }

    @Override
    public Set<String> kinds() {
        return EVENTS;
    }

    @Override
    public void deliver(String compensationId, Delivery delivery) {
        var c = mongo.findById(compensationId, Compensation.class);
        if (c == null) {
            return;
        }
        var type = delivery.kind();
        var data = new HashMap<String, Object>();
        data.put("compensationId", c.id);
        if (type.equals("OFFER_REJECTED_BY_CUSTOMER") && c.escalatedTo != null) {
            data.put("escalateTo", c.escalatedTo);
        }
        CurrentCaller.runAs(
                CallerIdentity.system("compensation-service", c.tenant),
                () -> routing.event(c.caseId, new RoutingClient.CaseEvent(delivery.eventId(), type, null, data)));
    }
}
