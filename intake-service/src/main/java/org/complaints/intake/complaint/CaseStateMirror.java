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
 * The complaint mirrors its case (issue 10, ADR 0105). Routing's relay sends a case-state event
 * after every state or level change, numbered by a per-case {@code sequence}; an event is applied
 * only when its sequence is higher than the one stored, so replays and late arrivals change
 * nothing and the final state is always the highest sequence's, whatever the order of arrival.
 *
 * <p>The write is one atomic single-document {@code $set}, guarded by a compare-and-set on the
 * unique ({@code _id}, version) index: the version read together with {@code caseSequence < n}
 * must still be current, so the guard holds without a range predicate the embedded store could
 * only answer by scanning (ADR 0106).
 */
@Service
public class CaseStateMirror {

    /** The case-state contract (docs/contracts.md). */
    public record CaseStateEvent(
            String eventId,
            String caseId,
            String state,
            String level,
            String incidentId,
            Integer round,
            Long sequence,
            Instant at) {}

    private final MongoTemplate mongo;
    private final org.complaints.support.tenant.TenantDirectory tenants;
    private final java.time.Clock clock;

    CaseStateMirror(MongoTemplate mongo, org.complaints.support.tenant.TenantDirectory tenants, java.time.Clock clock) {
        this.mongo = mongo;
        this.tenants = tenants;
        this.clock = clock;
    }

    /** Applies the event if it is newer than what the complaint shows; a replay is a no-op. */
    public void apply(CallerIdentity caller, String complaintId, CaseStateEvent event) {
        validate(event);
        for (var attempt = 0; attempt < 10; attempt++) {
            var complaint = mongo.findOne(guardFields(complaintId), Complaint.class);
            if (complaint == null || !complaint.tenant.equals(caller.tenant())) {
                throw ProblemException.notFound("complaint", complaintId);
            }
            if (complaint.routing.caseId() != null
                    && !complaint.routing.caseId().equals(event.caseId())) {
                throw ProblemException.conflict(
                        "case-mismatch", "Complaint " + complaintId + " belongs to another case.");
            }
            if (complaint.caseSequence >= event.sequence()) {
                return;
            }
            var mirror = new Complaint.CaseMirror(
                    event.caseId(),
                    event.state(),
                    event.level(),
                    event.incidentId(),
                    event.round() == null ? 1 : event.round(),
                    event.sequence(),
                    event.at());
            var update = new Update()
                    .set("caseMirror", mirror)
                    .set("caseSequence", event.sequence())
                    .set("status", status(complaint, event.state()))
                    .inc("version", 1);
            archive(complaint, event, update);
            var written = mongo.updateFirst(
                    new Query(Criteria.where("_id")
                            .is(complaint.id)
                            .and("version")
                            .is(complaint.version)),
                    update,
                    Complaint.class);
            if (written.getModifiedCount() == 1) {
                return;
            }
        }
        throw ProblemException.conflict("concurrent-update", "The complaint kept changing; retry the event.");
    }

    /**
     * By {@code _id}, only the fields the guard, the status and the archiving read: an event per
     * case change should not map the whole complaint (issue 14).
     */
    private static Query guardFields(String complaintId) {
        var query = new Query(Criteria.where("_id").is(complaintId));
        query.fields()
                .include(
                        "tenant",
                        "routing",
                        "caseSequence",
                        "version",
                        "status",
                        "deliveries",
                        "archivedAt",
                        "anonymised");
        return query;
    }

    /**
     * LC-12 / OT-50 (ADR 0522): the case ended → the record is archived and kept for the tenant's
     * retention from then; reopened → it is handled again and the clock waits for the next end.
     */
    private void archive(Complaint complaint, CaseStateEvent event, Update update) {
        var ended = "CLOSED".equals(event.state()) || "CLOSED_NOT_ESTABLISHED".equals(event.state());
        if (ended && complaint.archivedAt == null) {
            var archivedAt = event.at() == null ? clock.instant() : event.at();
            var tenant = tenants.find(complaint.tenant)
                    .orElseThrow(() -> ProblemException.notFound("tenant", complaint.tenant));
            update.set("archivedAt", archivedAt).set("retentionUntil", tenant.retentionUntil(archivedAt));
        } else if (!ended && complaint.archivedAt != null && !complaint.anonymised) {
            update.set("archivedAt", null).set("retentionUntil", null);
        }
    }

    /**
     * The case's state as the complaint's status; while intake's own LC-31 decision is still on its
     * way to routing, the complaint stays NOT_ESTABLISHED rather than flicker back to the case's
     * older state.
     */
    private static Complaint.Status status(Complaint complaint, String state) {
        var pendingNotEstablished = complaint.status == Complaint.Status.NOT_ESTABLISHED
                && complaint.deliveries.stream().anyMatch(d -> RoutingHandOff.NOT_ESTABLISHED.equals(d.kind()));
        return pendingNotEstablished ? Complaint.Status.NOT_ESTABLISHED : CaseStatus.of(state);
    }

    private static void validate(CaseStateEvent event) {
        var problems = new ArrayList<ProblemException.FieldProblem>();
        if (blank(event.caseId())) {
            problems.add(new ProblemException.FieldProblem("caseId", "is required"));
        }
        if (blank(event.state())) {
            problems.add(new ProblemException.FieldProblem("state", "is required"));
        }
        if (event.sequence() == null || event.sequence() < 1) {
            problems.add(new ProblemException.FieldProblem("sequence", "is required and at least 1"));
        }
        if (event.round() != null && event.round() < 1) {
            problems.add(new ProblemException.FieldProblem("round", "is at least 1"));
        }
        if (!problems.isEmpty()) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    "invalid-case-state",
                    "The case-state event is incomplete: "
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
