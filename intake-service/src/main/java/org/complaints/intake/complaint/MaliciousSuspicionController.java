package org.complaints.intake.complaint;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.complaints.support.identity.CallerIdentity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** OT-13 / CP-20: a supervisor sets or clears {@code MALICIOUS_SUSPECTED} on a complaint, recorded. */
@RestController
@Tag(name = "Complaints")
class MaliciousSuspicionController {

    private final MaliciousSuspicions suspicions;
    private final ComplaintIntake intake;

    MaliciousSuspicionController(MaliciousSuspicions suspicions, ComplaintIntake intake) {
        this.suspicions = suspicions;
        this.intake = intake;
    }

    @Operation(
            operationId = "decideMaliciousSuspicion",
            summary = "Set or clear MALICIOUS_SUSPECTED with a supervisor's approval (OT-13)",
            description = "Staff; roles: the preset's MALICIOUS_FLAG permission (a supervisor). The decision is"
                    + " recorded in flagDecisions (who, roles, reason, when); other roles get 403 and nothing changes."
                    + " Filing a complaint with this flag is refused (422).")
    @PostMapping("/complaints/{id}/malicious-suspicion")
    ComplaintView decide(
            CallerIdentity caller, @PathVariable String id, @RequestBody MaliciousSuspicions.Decision decision) {
        var complaint = suspicions.decide(caller, id, decision);
        return ComplaintView.of(complaint, intake.levelName(complaint));
    }
}
