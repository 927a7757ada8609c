package org.complaints.compensation.policy;

/**
 * Everything a caller can do in compensation-service; each preset's {@code permissions} table names
 * the roles allowed for each (docs/permissions-compensation.md is generated from those tables).
 */
public enum CompensationAction {
    READ("read compensations, the pending-approvals inbox, the summary and the authority matrix"),
    PROPOSE(
            "propose 1-3 remedy options for a case (LC-48); within the proposer's authority they are approved at once (CP-01)"),
    APPROVE("approve a pending option, within the approver's own authority (CP-01, ESC-04)"),
    MODIFY("approve a pending option with a changed amount; authority is checked again for the new amount"),
    REJECT("reject a pending option; also needs a ladder rung at or above the option's required role"),
    OFFER("offer an approved option to the customer again after a rejection (routing OFFER)"),
    CONSENT("record the customer's answer to an offer, yes or no (CP-06, CP-11)"),
    AGREE("sign the agreement when the customer accepts (LC-45, routing AGREE)"),
    DELIVER("record the implementation of the agreed remedy (LC-35, routing IMPLEMENT)"),
    BUDGET_READ("read the sites' monthly budgets"),
    BUDGET_SET("set a site's monthly budget"),
    LEDGER_READ("read the remedy ledger (approver chain, agreement, delivery)"),
    SUMMARY_READ("read the month's remedy summary (the monthly report asks for it with the reader's identity)");

    private final String description;

    CompensationAction(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
