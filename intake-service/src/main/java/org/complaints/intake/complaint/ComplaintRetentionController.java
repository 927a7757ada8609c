package org.complaints.intake.complaint;

import io.swagger.v3.oas.annotations.Operation;
import org.complaints.support.identity.CallerIdentity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code DELETE /complaints/{id}}: the erasure request of LC-12 / OT-50 (ADR 0522). */
@RestController
@io.swagger.v3.oas.annotations.tags.Tag(name = "Complaints")
class ComplaintRetentionController {

    private final ComplaintRetention retention;
    private final ComplaintIntake intake;

    ComplaintRetentionController(ComplaintRetention retention, ComplaintIntake intake) {
        this.retention = retention;
        this.intake = intake;
    }

    @Operation(
            operationId = "eraseComplaint",
            summary = "Ask for a complaint's personal data to be erased (LC-12)",
            description =
                    "Staff; roles: the preset's ERASURE permission. Refused (409) under a legal hold, while the case is"
                            + " handled and before retentionUntil (archived + the tenant's retention, 2 years), naming the"
                            + " reason; afterwards the complaint is anonymised here and in every other service.")
    @DeleteMapping("/complaints/{id}")
    ComplaintView erase(CallerIdentity caller, @PathVariable String id) {
        var complaint = retention.erase(caller, id);
        return ComplaintView.of(complaint, intake.levelName(complaint));
    }
}
