package org.complaints.intake.complaint;

import io.swagger.v3.oas.annotations.Hidden;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.web.ProblemException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Service-to-service endpoints of intake (never routed by the gateway, absent from the public API
 * document): routing's relay reports case states here.
 */
@RestController
@Hidden
class InternalComplaintController {

    private final CaseStateMirror mirror;

    InternalComplaintController(CaseStateMirror mirror) {
        this.mirror = mirror;
    }

    /** 204 when applied and for a replay or an older event; 404 for an unknown complaint. */
    @PostMapping(value = "/internal/v1/complaints/{id}/case-state", consumes = "application/json")
    ResponseEntity<Void> caseState(
            CallerIdentity caller, @PathVariable String id, @RequestBody CaseStateMirror.CaseStateEvent event) {
        if (!caller.isSystem()) {
            throw ProblemException.forbidden("Only a service reports case states.");
        }
        mirror.apply(caller, id, event);
        return ResponseEntity.noContent().build();
    }
}
