package org.complaints.intake.complaint;

import org.complaints.intake.routing.NotificationRequest;
import org.complaints.intake.routing.RoutingClient;
import org.complaints.support.delivery.Delivery;
import org.complaints.support.delivery.DeliveryHandler;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.identity.CurrentCaller;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Sends a {@value PromiseSweep#PROMISE_BROKEN} delivery (written by {@link PromiseSweep} with the
 * BROKEN mark) to routing's notifications, addressed to the supervisor role of the promise's owner
 * (OT-21). The event id ({@code promise-broken:<promiseId>}) makes a resend harmless; the text
 * names the rule and the due time, never the promise's words or the customer.
 */
class PromiseBrokenNotice implements DeliveryHandler {

    private final RoutingClient routing;
    private final MongoTemplate mongo;

    PromiseBrokenNotice(RoutingClient routing, MongoTemplate mongo) {
        this.routing = routing;
        this.mongo = mongo;
    }

    @Override
    public String kind() {
        return PromiseSweep.PROMISE_BROKEN;
    }

    @Override
    public void deliver(String complaintId, Delivery delivery) {
        var complaint = mongo.findById(complaintId, Complaint.class);
        if (complaint == null) {
            return;
        }
        var promiseId = delivery.eventId().substring(PromiseSweep.EVENT_PREFIX.length());
        var promise = complaint.promises.stream()
                .filter(p -> p.promiseId().equals(promiseId))
                .findFirst();
        if (promise.isEmpty()) {
            return; // anonymised after retention (LC-12): nothing left to tell
        }
        var p = promise.get();
        var request = new NotificationRequest(
                delivery.eventId(),
                complaint.region,
                complaint.site,
                null,
                p.supervisorRole(),
                "PROMISE_BROKEN",
                complaint.routing == null ? null : complaint.routing.caseId(),
                complaint.id,
                "A promise to the customer was not kept by its due time " + p.dueAt() + " (OT-21).");
        CurrentCaller.runAs(
                CallerIdentity.system("intake-service", complaint.tenant), () -> routing.createNotification(request));
    }
}
