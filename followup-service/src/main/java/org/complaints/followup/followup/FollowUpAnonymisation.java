package org.complaints.followup.followup;

import java.time.Clock;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.web.ProblemException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * LC-12 / OT-50 (ADR 0522): intake's order, once a complaint's retention ended and no legal hold
 * stops it, to anonymise the case's follow-ups: the customer's comments and the contact-attempt
 * notes. Scores, verdicts and the valuable-feedback suggestions (RT-09, no customer data) stay for
 * the reports. A system identity only; a repeat answers 200.
 */
@RestController
class FollowUpAnonymisation {

    static final String REDACTED = "[anonymised]";

    /** The order (intake's {@code AnonymisationOrder}). */
    record Order(String eventId, String complaintId, String caseId) {}

    private final MongoTemplate mongo;
    private final CaseFollowUps byCase;
    private final Clock clock;

    FollowUpAnonymisation(MongoTemplate mongo, CaseFollowUps byCase, Clock clock) {
        this.mongo = mongo;
        this.byCase = byCase;
        this.clock = clock;
    }

    @PostMapping(value = "/internal/v1/anonymisations", consumes = "application/json")
    ResponseEntity<Void> anonymise(CallerIdentity caller, @RequestBody Order order) {
        if (!caller.isSystem()) {
            throw ProblemException.forbidden("Only intake orders an anonymisation.");
        }
        if (order.caseId() == null || order.caseId().isBlank()) {
            return ResponseEntity.ok().build(); // never routed: no follow-up can exist
        }
        for (var f : byCase.of(caller.tenant(), order.caseId())) {
            anonymise(f);
        }
        return ResponseEntity.ok().build();
    }

    private void anonymise(FollowUp first) {
        var f = first;
        for (var attempt = 0; attempt < 3 && f != null && f.anonymisedAt == null; attempt++) {
            if (f.outcome != null && f.outcome.comment() != null) {
                var o = f.outcome;
                f.outcome = new FollowUp.Outcome(
                        o.satisfaction(),
                        o.resolved(),
                        o.satisfied(),
                        REDACTED,
                        o.channel(),
                        o.recordedBy(),
                        o.recordedAt(),
                        o.commentCheck(),
                        o.valuableFeedback());
            }
            f.attempts = f.attempts.stream()
                    .map(a -> new FollowUp.Attempt(
                            a.reached(), a.channel(), a.note() == null ? null : REDACTED, a.by(), a.at()))
                    .toList();
            f.anonymisedAt = clock.instant();
            try {
                mongo.save(f);
                return;
            } catch (OptimisticLockingFailureException changedMeanwhile) {
                f = mongo.findById(first.id, FollowUp.class);
            }
        }
        if (f != null && f.anonymisedAt == null) {
            throw ProblemException.conflict("concurrent-update", "A follow-up kept changing; the order is sent again.");
        }
    }
}
