package org.complaints.followup.followup;

import org.complaints.followup.routing.NotificationRequest;
import org.complaints.followup.routing.RoutingClient;
import org.complaints.support.delivery.Delivery;
import org.complaints.support.delivery.DeliveryHandler;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.identity.CurrentCaller;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends an {@value FollowUp#ESCALATION} delivery to routing's notifications, addressed to the
 * escalation's supervisor role (FU-03). Its event id is fixed by follow-up and reason, so a resend
 * finds the notification already there; the text names the visit and the rule, never the customer
 * or the attempts' notes.
 */
@Component
class EscalationNotice implements DeliveryHandler {

    private final RoutingClient routing;
    private final MongoTemplate mongo;

    EscalationNotice(RoutingClient routing, MongoTemplate mongo) {
        this.routing = routing;
        this.mongo = mongo;
    }

    @Override
    public String kind() {
        return FollowUp.ESCALATION;
    }

    @Override
    public void deliver(String followUpId, Delivery delivery) {
        var f = mongo.findById(followUpId, FollowUp.class);
        if (f == null) {
            return;
        }
        var escalation = f.escalations.stream()
                .filter(e -> f.escalationEventId(e.reason()).equals(delivery.eventId()))
                .findFirst();
        if (escalation.isEmpty()) {
            return;
        }
        var request = new NotificationRequest(
                delivery.eventId(),
                f.region,
                f.site,
                null,
                escalation.get().escalatedTo(),
                "FOLLOW_UP_UNREACHED",
                f.caseId,
                f.complaintId,
                "The customer could not be reached for the " + f.type + " follow-up; please take it over ("
                        + escalation.get().reason() + ").");
        CurrentCaller.runAs(
                CallerIdentity.system("followup-service", f.tenant), () -> routing.createNotification(request));
    }
}
