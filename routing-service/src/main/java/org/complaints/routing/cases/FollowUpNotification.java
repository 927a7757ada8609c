package org.complaints.routing.cases;

import org.complaints.routing.followup.FollowupClient;
import org.complaints.support.delivery.Delivery;
import org.complaints.support.delivery.DeliveryHandler;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.identity.CurrentCaller;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Resolved → follow-up plans the visits. Sent by the relay until follow-up acknowledges. */
@Component
class FollowUpNotification implements DeliveryHandler {

    private final FollowupClient followup;
    private final MongoTemplate mongo;

    FollowUpNotification(FollowupClient followup, MongoTemplate mongo) {
        this.followup = followup;
        this.mongo = mongo;
    }

    @Override
    public String kind() {
        return CaseService.PLAN_FOLLOW_UP;
    }

    @Override
    public void deliver(String caseId, Delivery delivery) {
        var c = mongo.findById(caseId, Case.class);
        if (c == null) {
            return;
        }
        var rework = c.resolution != null && Boolean.TRUE.equals(c.resolution.rework());
        CurrentCaller.runAs(
                CallerIdentity.system("routing-service", c.tenant),
                () -> followup.plan(new FollowupClient.PlanRequest(
                        delivery.eventId(),
                        c.id,
                        c.complaintId,
                        c.tenant,
                        c.region,
                        c.site,
                        c.department,
                        c.level,
                        c.channel,
                        c.resolvedAt,
                        rework)));
    }
}
