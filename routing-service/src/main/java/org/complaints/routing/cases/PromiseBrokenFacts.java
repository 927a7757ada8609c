package org.complaints.routing.cases;

import java.util.List;
import org.complaints.routing.notifications.NotificationCreated;
import org.complaints.routing.notifications.NotificationKind;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Intake tells routing of a broken promise (OT-21) only as a {@code PROMISE_BROKEN} notification
 * (ADR 0220); its {@code NOTIFICATION_CREATED} outbox entry reaches here through the notifications'
 * relay and is recorded on the complaint's case as {@code promise.broken} (ADR 0260), once per
 * notification. Listening in process keeps the relay's guarantee: a failure here fails the relay's
 * attempt, which is retried.
 */
@Component
class PromiseBrokenFacts {

    private static final String PREFIX = "promise-broken:";

    private final CaseService cases;

    PromiseBrokenFacts(CaseService cases) {
        this.cases = cases;
    }

    @EventListener
    public void on(NotificationCreated n) {
        if (n.kind() != NotificationKind.PROMISE_BROKEN || (n.caseId() == null && n.complaintId() == null)) {
            return;
        }
        var id = n.notificationId();
        cases.recordFacts(
                n.tenant(),
                n.caseId(),
                n.complaintId(),
                "promise-broken-notice:" + id,
                List.of(CaseFacts.Fact.of(
                        PartnerEvent.PROMISE_BROKEN,
                        n.createdAt(),
                        "promiseId",
                        id.startsWith(PREFIX) ? id.substring(PREFIX.length()) : null,
                        "complaintId",
                        n.complaintId())));
    }
}
