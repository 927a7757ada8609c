package org.complaints.followup.followup;

import java.util.Map;
import org.complaints.followup.routing.RoutingClient;
import org.complaints.support.delivery.Delivery;
import org.complaints.support.delivery.DeliveryHandler;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.identity.CurrentCaller;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Satisfied → routing may close; unsatisfied → routing reopens for second handling (ESC-08). */
@Component
class OutcomeNotification implements DeliveryHandler {

    private final RoutingClient routing;
    private final MongoTemplate mongo;

    OutcomeNotification(RoutingClient routing, MongoTemplate mongo) {
        this.routing = routing;
        this.mongo = mongo;
    }

    @Override
    public String kind() {
        return FollowUpService.OUTCOME;
    }

    @Override
    public void deliver(String followUpId, Delivery delivery) {
        var f = mongo.findById(followUpId, FollowUp.class);
        if (f == null || f.outcome == null) {
            return;
        }
        var type = f.outcome.satisfied() ? "FOLLOW_UP_SATISFIED" : "FOLLOW_UP_UNSATISFIED";
        CurrentCaller.runAs(
                CallerIdentity.system("followup-service", f.tenant),
                () -> routing.event(
                        f.caseId,
                        new RoutingClient.CaseEvent(
                                delivery.eventId(),
                                type,
                                f.outcome.comment(),
                                Map.of("followUpId", f.id, "type", f.type, "round", f.round))));
    }
}
