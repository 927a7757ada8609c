package org.complaints.routing.cases;

import java.time.Clock;
import java.util.LinkedHashMap;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.web.ProblemException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * LC-12 / OT-50 (ADR 0522): intake's order, once a complaint's retention ended and no legal hold
 * stops it, to anonymise routing's personal data of its case: the customer reference, the
 * customer's words in the demand, contact notes, messages and reply letters. Statistics, clocks, escalations and
 * the resolution stay for the reports. A system identity only; a repeat answers 200 and changes
 * nothing.
 */
@RestController
class CaseAnonymisation {

    static final String REDACTED = "[anonymised]";

    /** The order (intake's {@code AnonymisationOrder}). */
    record Order(String eventId, String complaintId, String caseId) {}

    private final CaseRepository cases;
    private final Clock clock;

    CaseAnonymisation(CaseRepository cases, Clock clock) {
        this.cases = cases;
        this.clock = clock;
    }

    @PostMapping(value = "/internal/v1/anonymisations", consumes = "application/json")
    ResponseEntity<Void> anonymise(CallerIdentity caller, @RequestBody Order order) {
        if (!caller.isSystem()) {
            throw ProblemException.forbidden("Only intake orders an anonymisation.");
        }
        if (order.complaintId() == null || order.complaintId().isBlank()) {
            throw ProblemException.invalid("complaintId", "is required");
        }
        for (var attempt = 0; attempt < 3; attempt++) {
            var found = order.caseId() == null
                    ? cases.findByTenantAndComplaintId(caller.tenant(), order.complaintId())
                    : cases.findById(order.caseId()).filter(c -> caller.tenant().equals(c.tenant));
            if (found.isEmpty() || found.get().anonymisedAt != null) {
                return ResponseEntity.ok().build(); // nothing of it here, or done before
            }
            var c = found.get();
            c.customerRef = null;
            if (c.demand != null) {
                var demand = new LinkedHashMap<>(c.demand);
                demand.remove("text");
                c.demand = demand;
            }
            c.contacts = c.contacts.stream()
                    .map(x -> new Case.Contact(x.by(), x.channel(), x.note() == null ? null : REDACTED, x.at()))
                    .toList();
            c.messages = c.messages.stream()
                    .map(m -> new Case.Message(
                            m.id(),
                            m.kind(),
                            REDACTED,
                            null, // a reply letter's sections are written to the customer, by name
                            m.bannedHits(),
                            m.check(),
                            m.status(),
                            m.by(),
                            m.at(),
                            m.approval()))
                    .toList();
            c.anonymisedAt = clock.instant();
            try {
                cases.save(c);
                return ResponseEntity.ok().build();
            } catch (OptimisticLockingFailureException changedMeanwhile) {
                // read again
            }
        }
        throw ProblemException.conflict("concurrent-update", "The case kept changing; the order is sent again.");
    }
}
