package org.complaints.routing.notifications;

import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /internal/v1/notifications}: other services' relays (intake's broken promises, ...)
 * create notifications here. A system identity only; the tenant is the caller's. 201 when created,
 * 200 for a replay of the same {@code eventId}.
 */
@RestController
@Hidden
class InternalNotificationController {

    private final Notifications notifications;

    InternalNotificationController(Notifications notifications) {
        this.notifications = notifications;
    }

    @PostMapping(value = "/internal/v1/notifications", consumes = "application/json")
    ResponseEntity<NotificationController.NotificationView> create(
            CallerIdentity caller, @RequestBody NewNotification request) {
        if (!caller.isSystem()) {
            throw ProblemException.forbidden("Only a service creates notifications.");
        }
        var created = notifications.notify(caller.tenant(), request);
        var view = NotificationController.NotificationView.of(created.notification());
        return ResponseEntity.status(created.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create("/notifications/" + view.id()))
                .body(view);
    }
}
