package org.complaints.compensation.remedy;

import java.time.Clock;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.scope.CallerScope;
import org.complaints.support.web.ProblemException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * LC-12 / OT-50 (ADR 0522): intake's order, once a complaint's retention ended and no legal hold
 * stops it, to anonymise the case's compensations: the customer reference and the customer's own
 * words (the remedy asked for, the reasons of a rejection). Kinds, amounts, approvals, agreement
 * terms and the ledger's sums stay. A system identity only; a repeat answers 200.
 */
@RestController
class CompensationAnonymisation {

    static final String REDACTED = "[anonymised]";
    private static final int MAX = 50;

    /** The order (intake's {@code AnonymisationOrder}). */
    record Order(String eventId, String complaintId, String caseId) {}

    private final CompensationRepository compensations;
    private final Clock clock;

    CompensationAnonymisation(CompensationRepository compensations, Clock clock) {
        this.compensations = compensations;
        this.clock = clock;
    }

    @PostMapping(value = "/internal/v1/anonymisations", consumes = "application/json")
    ResponseEntity<Void> anonymise(CallerIdentity caller, @RequestBody Order order) {
        if (!caller.isSystem()) {
            throw ProblemException.forbidden("Only intake orders an anonymisation.");
        }
        if (order.caseId() == null || order.caseId().isBlank()) {
            return ResponseEntity.ok().build(); // never routed: no compensation can exist
        }
        for (var c : compensations.list(CallerScope.of(caller), order.caseId(), MAX)) {
            anonymise(c);
        }
        return ResponseEntity.ok().build();
    }

    private void anonymise(Compensation first) {
        var c = first;
        for (var attempt = 0; attempt < 3 && c != null && c.anonymisedAt == null; attempt++) {
            c.customerRef = null;
            if (c.customerRequested != null) {
                c.customerRequested = new Compensation.CustomerRequest(
                        c.customerRequested.kind(), c.customerRequested.amount(), null, c.customerRequested.none());
            }
            c.rejections = c.rejections.stream()
                    .map(r -> new Compensation.Rejection(
                            r.optionId(), r.customerWants() == null ? null : REDACTED, r.at()))
                    .toList();
            c.anonymisedAt = clock.instant();
            try {
                compensations.save(c);
                return;
            } catch (OptimisticLockingFailureException changedMeanwhile) {
                c = compensations.findById(first.id).orElse(null);
            }
        }
        if (c != null && c.anonymisedAt == null) {
            throw ProblemException.conflict(
                    "concurrent-update", "A compensation kept changing; the order is sent again.");
        }
    }
}
