package org.complaints.compensation.remedy;

import org.complaints.compensation.intake.IntakeClient;
import org.complaints.support.delivery.Delivery;
import org.complaints.support.delivery.DeliveryHandler;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.identity.CurrentCaller;
import org.springframework.stereotype.Component;

/**
 * Sends the agreement's current state (OPEN while the remedy is not delivered, then DELIVERED) to
 * intake, which shows it on the customer's later complaints until it is implemented (OT-02, ADR
 * 0122). The state is read when sent, so a late resend never moves intake's copy backwards; the
 * agreement's id is the compensation's. No customer data: kind, amount, dates.
 */
@Component
class IntakeAgreements implements DeliveryHandler {

    static final String KIND = "agreement-state";

    private final IntakeClient intake;
    private final CompensationRepository compensations;

    IntakeAgreements(IntakeClient intake, CompensationRepository compensations) {
        this.intake = intake;
        this.compensations = compensations;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void deliver(String compensationId, Delivery delivery) {
        var c = compensations.findById(compensationId).orElse(null);
        if (c == null || c.agreement == null || c.complaintId == null) {
            return;
        }
        var amount = c.agreement.amount();
        var state = new IntakeClient.AgreementState(
                delivery.eventId(),
                c.id,
                c.caseId,
                c.options.stream()
                        .filter(o -> o.optionId().equals(c.agreement.optionId()))
                        .map(Compensation.Option::kind)
                        .findFirst()
                        .orElse(null),
                amount == null || amount.amount() == null
                        ? null
                        : amount.amount().toPlainString(),
                amount == null ? null : amount.currency(),
                c.agreement.signedAt(),
                c.agreement.dueAt(),
                c.deliveredAt == null ? "OPEN" : "DELIVERED",
                c.deliveredAt);
        CurrentCaller.runAs(
                CallerIdentity.system("compensation-service", c.tenant), () -> intake.agreement(c.complaintId, state));
    }
}
