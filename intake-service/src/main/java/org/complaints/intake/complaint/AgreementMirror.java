package org.complaints.intake.complaint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.web.ProblemException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Keeps the complaint's copy of its case's agreements (OT-02, ADR 0122). Compensation's relay sends
 * the agreement's current state after consent and after delivery; a state is applied only when it
 * is further along than the stored one (OPEN, then DELIVERED), so replays and late arrivals change
 * nothing. One atomic single-document {@code $set}, compare-and-set on the unique ({@code _id},
 * version) index as the case-state mirror does (ADR 0105).
 */
@Service
public class AgreementMirror {

    /** compensation's agreement-state contract (docs/contracts.md). */
    public record AgreementState(
            String eventId,
            String agreementId,
            String caseId,
            String kind,
            String amount,
            String currency,
            Instant signedAt,
            Instant dueAt,
            String status,
            Instant deliveredAt) {}

    private static final List<String> ORDER = List.of(Complaint.Agreement.OPEN, Complaint.Agreement.DELIVERED);

    private final MongoTemplate mongo;

    AgreementMirror(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public void apply(CallerIdentity caller, String complaintId, AgreementState event) {
        validate(event);
        for (var attempt = 0; attempt < 10; attempt++) {
            var complaint = mongo.findById(complaintId, Complaint.class);
            if (complaint == null || !complaint.tenant.equals(caller.tenant())) {
                throw ProblemException.notFound("complaint", complaintId);
            }
            var stored = complaint.agreements.stream()
                    .filter(a -> a.agreementId().equals(event.agreementId()))
                    .findFirst();
            if (stored.isPresent() && ORDER.indexOf(stored.get().status()) >= ORDER.indexOf(event.status())) {
                return;
            }
            var agreement = new Complaint.Agreement(
                    event.agreementId(),
                    event.caseId(),
                    event.kind(),
                    event.amount(),
                    event.currency(),
                    event.signedAt(),
                    event.dueAt(),
                    event.status(),
                    event.deliveredAt());
            var all = new ArrayList<Complaint.Agreement>();
            complaint.agreements.stream()
                    .filter(a -> !a.agreementId().equals(event.agreementId()))
                    .forEach(all::add);
            all.add(agreement);
            var written = mongo.updateFirst(
                    new Query(Criteria.where("_id")
                            .is(complaint.id)
                            .and("version")
                            .is(complaint.version)),
                    new Update().set("agreements", all).inc("version", 1),
                    Complaint.class);
            if (written.getModifiedCount() == 1) {
                return;
            }
        }
        throw ProblemException.conflict("concurrent-update", "The complaint kept changing; retry the event.");
    }

    private static void validate(AgreementState event) {
        var problems = new ArrayList<ProblemException.FieldProblem>();
        if (blank(event.agreementId())) {
            problems.add(new ProblemException.FieldProblem("agreementId", "is required"));
        }
        if (blank(event.caseId())) {
            problems.add(new ProblemException.FieldProblem("caseId", "is required"));
        }
        if (!ORDER.contains(event.status())) {
            problems.add(new ProblemException.FieldProblem("status", "is one of " + ORDER));
        }
        if (!problems.isEmpty()) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    "invalid-agreement-state",
                    "The agreement-state event is incomplete: "
                            + String.join(
                                    ", ",
                                    problems.stream()
                                            .map(ProblemException.FieldProblem::field)
                                            .toList()),
                    List.copyOf(problems));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
