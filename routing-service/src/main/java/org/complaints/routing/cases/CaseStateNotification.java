package org.complaints.routing.cases;

import org.complaints.routing.clients.IntakeClient;
import org.complaints.support.delivery.Delivery;
import org.complaints.support.delivery.DeliveryHandler;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.identity.CurrentCaller;
import org.springframework.stereotype.Component;

/**
 * The case-state mirror: each numbered state or level change goes to intake as it was at the
 * change (intake applies it only when its sequence is higher, so order and replays are harmless).
 */
@Component
class CaseStateNotification implements DeliveryHandler {

    private final IntakeClient intake;
    private final CaseRepository cases;

    CaseStateNotification(IntakeClient intake, CaseRepository cases) {
        this.intake = intake;
        this.cases = cases;
    }

    @Override
    public String kind() {
        return Case.CASE_STATE;
    }

    @Override
    public void deliver(String caseId, Delivery delivery) {
        var c = cases.findById(caseId).orElse(null);
        if (c == null) {
            return;
        }
        c.stateEvents.stream()
                .filter(e -> e.eventId().equals(delivery.eventId()))
                .findFirst()
                .ifPresent(e -> CurrentCaller.runAs(
                        CallerIdentity.system("routing-service", c.tenant),
                        () -> intake.caseState(
                                c.complaintId,
                                new IntakeClient.CaseState(
                                        e.eventId(),
                                        c.id,
                                        e.state(),
                                        e.level(),
                                        e.incidentId(),
                                        e.round(),
                                        e.sequence(),
                                        e.at()))));
    }
}
