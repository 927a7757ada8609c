package org.complaints.routing.notifications;

import java.time.Instant;
import java.util.List;
import org.complaints.support.identity.CallerIdentity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Staff read their notifications ({@code GET /notifications}) and mark them read. */
@RestController
@io.swagger.v3.oas.annotations.tags.Tag(name = "Notifications")
class NotificationController {

    record NotificationView(
            String id,
            String kind,
            String recipient,
            String region,
            String site,
            String caseId,
            String complaintId,
            String text,
            Instant createdAt,
            Instant readAt,
            boolean read) {

        static NotificationView of(Notification n) {
            return new NotificationView(
                    n.id(),
                    n.kind().name(),
                    n.recipient(),
                    n.region(),
                    n.site(),
                    n.caseId(),
                    n.complaintId(),
                    n.text(),
                    n.createdAt(),
                    n.readAt(),
                    n.readAt() != null);
        }
    }

    @io.swagger.v3.oas.annotations.media.Schema(name = "NotificationPage")
    record ListView(List<NotificationView> items, String nextCursor) {}

    private final Notifications notifications;

    NotificationController(Notifications notifications) {
        this.notifications = notifications;
    }

    @io.swagger.v3.oas.annotations.Operation(
            operationId = "listNotifications",
            summary = "The caller's inbox: at-risk warnings, escalations, overdue tasks")
    @GetMapping("/notifications")
    ListView list(
            CallerIdentity caller,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") int limit) {
        var page = notifications.inbox(caller, cursor, limit);
        return new ListView(page.items().stream().map(NotificationView::of).toList(), page.nextCursor());
    }

    @io.swagger.v3.oas.annotations.Operation(operationId = "markNotificationRead", summary = "Mark a notification read")
    @PostMapping("/notifications/{id}/read")
    NotificationView read(CallerIdentity caller, @PathVariable String id) {
        return NotificationView.of(notifications.markRead(caller, id));
    }
}
