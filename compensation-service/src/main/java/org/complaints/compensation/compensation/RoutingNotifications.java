package org.complaints.compensation.compensation;

import java.util.HashMap;
import org.complaints.compensation.routing.RoutingClient;
import org.complaints.support.delivery.Delivery;
import org.complaints.support.delivery.DeliveryHandler;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.identity.CurrentCaller;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Tells routing how the compensation moves (docs/contracts.md events), through the relay: nothing lost. */
@Configuration
class RoutingNotifications {

    @Bean
    DeliveryHandler proposedEvent(RoutingClient routing, MongoTemplate mongo) {
        return handler("COMPENSATION_PROPOSED", routing, mongo);
    }

    @Bean
    DeliveryHandler pendingEvent(RoutingClient routing, MongoTemplate mongo) {
        return handler("COMPENSATION_PENDING_APPROVAL", routing, mongo);
    }

    @Bean
    DeliveryHandler approvedEvent(RoutingClient routing, MongoTemplate mongo) {
        return handler("COMPENSATION_APPROVED", routing, mongo);
    }

    @Bean
    DeliveryHandler rejectedEvent(RoutingClient routing, MongoTemplate mongo) {
        return handler("OFFER_REJECTED_BY_CUSTOMER", routing, mongo);
    }

    @Bean
    DeliveryHandler agreedEvent(RoutingClient routing, MongoTemplate mongo) {
        return handler("AGREEMENT_SIGNED", routing, mongo);
    }

    @Bean
    DeliveryHandler deliveredEvent(RoutingClient routing, MongoTemplate mongo) {
        return handler("REMEDY_DELIVERED", routing, mongo);
    }

    private static DeliveryHandler handler(String type, RoutingClient routing, MongoTemplate mongo) {
        return new DeliveryHandler() {
            @Override
            public String kind() {
                return type;
            }

            @Override
            public void deliver(String compensationId, Delivery delivery) {
                var c = mongo.findById(compensationId, Compensation.class);
                if (c == null) {
                    return;
                }
                var data = new HashMap<String, Object>();
                data.put("compensationId", c.id);
                if (type.equals("OFFER_REJECTED_BY_CUSTOMER") && c.escalatedTo != null) {
                    data.put("escalateTo", c.escalatedTo);
                }
                CurrentCaller.runAs(
                        CallerIdentity.system("compensation-service", c.tenant),
                        () -> routing.event(
                                c.caseId, new RoutingClient.CaseEvent(delivery.eventId(), type, null, data)));
            }
        };
    }
}
