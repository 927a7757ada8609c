package org.complaints.intake.retention;

import java.util.Set;
import org.complaints.intake.complaint.Complaint;
import org.complaints.support.delivery.Delivery;
import org.complaints.support.delivery.DeliveryHandler;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.identity.CurrentCaller;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends the anonymisation orders an expired complaint carries (ComplaintRetention.ORDERS), one per
 * service, until each acknowledges (LC-12, OT-50, ADR 0522).
 */
@Component
class AnonymisationOrders implements DeliveryHandler {

    private final RetentionClients.Routing routing;
    private final RetentionClients.Compensation compensation;
    private final RetentionClients.Followup followup;
    private final MongoTemplate mongo;

    AnonymisationOrders(
            RetentionClients.Routing routing,
            RetentionClients.Compensation compensation,
            RetentionClients.Followup followup,
            MongoTemplate mongo) {
        this.routing = routing;
        this.compensation = compensation;
        this.followup = followup;
        this.mongo = mongo;
    }

    @Override
    public String kind() {
        return "anonymise-routing";
    }

    @Override
    public Set<String> kinds() {
        return Set.copyOf(org.complaints.intake.complaint.ComplaintRetention.ORDERS);
    }

    @Override
    public void deliver(String complaintId, Delivery delivery) {
        var complaint = mongo.findById(complaintId, Complaint.class);
        if (complaint == null) {
            return;
        }
        var order = new AnonymisationOrder(delivery.eventId(), complaint.id(), complaint.caseId());
        CurrentCaller.runAs(CallerIdentity.system("intake-service", complaint.tenant()), () -> {
            switch (delivery.kind()) {
                case "anonymise-routing" -> routing.anonymise(order);
                case "anonymise-compensation" -> compensation.anonymise(order);
                default -> followup.anonymise(order);
            }
        });
    }
}
