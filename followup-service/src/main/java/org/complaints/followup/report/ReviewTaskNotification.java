package org.complaints.followup.report;

import org.bson.Document;
import org.complaints.followup.routing.NotificationRequest;
import org.complaints.followup.routing.RoutingClient;
import org.complaints.support.delivery.Delivery;
import org.complaints.support.delivery.DeliveryHandler;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.identity.CurrentCaller;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * LC-11 / KP-01: a frozen site report's review task announced to its reviewer role at that site,
 * through routing's notifications (routing keeps every notification, ADR 0220); the event id is
 * fixed per report and role, so a resend stores nothing twice.
 */
@Component
class ReviewTaskNotification implements DeliveryHandler {

    private final RoutingClient routing;
    private final MongoTemplate mongo;

    ReviewTaskNotification(RoutingClient routing, MongoTemplate mongo) {
        this.routing = routing;
        this.mongo = mongo;
    }

    @Override
    public String kind() {
        return MonthlyReports.REVIEW_TASK;
    }

    @Override
    public void deliver(String reportId, Delivery delivery) {
        var report = mongo.findById(reportId, Document.class, MonthlyReports.COLLECTION);
        if (report == null) {
            return;
        }
        var scope = (Document) report.get("scope");
        var role = delivery.eventId().split(":")[1];
        var text = "Monthly complaint report " + report.getString("month") + " of site " + scope.getString("site")
                + " is ready for your review and sign-off (LC-11).";
        CurrentCaller.runAs(
                CallerIdentity.system("followup-service", report.getString("tenant")),
                () -> routing.createNotification(new NotificationRequest(
                        delivery.eventId(),
                        scope.getString("region"),
                        scope.getString("site"),
                        null,
                        role,
                        "REPORT_REVIEW",
                        null,
                        null,
                        text)));
    }
}
