package org.complaints.compensation.remedy;

import java.util.List;

/**
 * The case as compensation sees it when a command arrives: where it is (for the caller's scope)
 * and which routing actions its state allows. Compensation refuses a command whose routing action
 * routing would refuse (issue 10: one state table), instead of relaying an event routing rejects.
 *
 * @param complaintId the case's complaint (intake's id), where agreements are mirrored (OT-02); null from older routing
 * @param allowedActions routing's action names legal now; null when routing did not send them, in
 *     which case only a proposal is checked, against the preset's {@code allowedCaseStates}
 * @param subjectType the complaint's category (CL-10), which picks the customary remedy (CP-11)
 */
record CaseSnapshot(
        String caseId,
        String complaintId,
        String tenant,
        String region,
        String site,
        String state,
        List<String> allowedActions,
        java.util.Set<String> deliveredEvents,
        String subjectType) {

    /** Forgets the events handed to routing while taking this snapshot, so a save does not queue them again. */
    void forgetDelivered(Compensation c) {
        c.deliveries = c.deliveries.stream()
                .filter(d -> !deliveredEvents.contains(d.eventId()))
                .toList();
    }

    boolean allows(RoutingStep step, List<String> fallbackProposalStates) {
        if (allowedActions == null) {
            // an older routing: proposals checked against the preset's states; it knows no redraft event
            return switch (step) {
                case PROPOSE -> fallbackProposalStates.contains(state);
                case REDRAFT -> false;
                default -> true;
            };
        }
        return allowedActions.contains(step.action());
    }

    Refusal refuse(String command) {
        return Refusal.conflict(
                "case-state", command + " is not possible while the case is " + state + " (routing would refuse it).");
    }
}
