package org.complaints.intake.complaint;

import io.swagger.v3.oas.annotations.Hidden;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.web.ProblemException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Service-to-service endpoints of intake (never routed by the gateway, absent from the public API
 * document): routing's relay reports case states here, compensation's relay agreements, and routing
 * reads the earlier complaints' open commitments before a solution is proposed.
 */
@RestController
@Hidden
class InternalComplaintController {

    private final CaseStateMirror mirror;
    private final AgreementMirror agreements;
    private final EarlierCommitments commitments;
    private final ComplaintRepository complaints;

    InternalComplaintController(
            CaseStateMirror mirror,
            AgreementMirror agreements,
            EarlierCommitments commitments,
            ComplaintRepository complaints) {
        this.mirror = mirror;
        this.agreements = agreements;
        this.commitments = commitments;
        this.complaints = complaints;
    }

    /** Compensation's relay: an agreement of the complaint's case, signed or delivered (204; replays too). */
    @PostMapping(value = "/internal/v1/complaints/{id}/agreements", consumes = "application/json")
    ResponseEntity<Void> agreement(
            CallerIdentity caller, @PathVariable String id, @RequestBody AgreementMirror.AgreementState state) {
        if (!caller.isSystem()) {
            throw ProblemException.forbidden("Only a service reports agreements.");
        }
        agreements.apply(caller, id, state);
        return ResponseEntity.noContent().build();
    }

    record OpenItem(String id, String kind, String complaintId, java.time.Instant dueAt) {}

    record OpenItems(String complaintId, java.util.List<OpenItem> items) {}

    /**
     * Routing, before a solution is proposed (OT-02): the open promises and agreements of the
     * complaint's earlier, linked complaints, read now (ADR 0122).
     */
    @GetMapping("/internal/v1/complaints/{id}/earlier-commitments")
    OpenItems earlierCommitments(CallerIdentity caller, @PathVariable String id) {
        if (!caller.isSystem()) {
            throw ProblemException.forbidden("Only a service reads this.");
        }
        var complaint = complaints
                .findById(id)
                .filter(c -> c.tenant.equals(caller.tenant()))
                .orElseThrow(() -> ProblemException.notFound("complaint", id));
        return new OpenItems(
                id,
                commitments.open(complaint, null).stream()
                        .map(c -> new OpenItem(c.id(), c.kind(), c.complaintId(), c.dueAt()))
                        .toList());
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
