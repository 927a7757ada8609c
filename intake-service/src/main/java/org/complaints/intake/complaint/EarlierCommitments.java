package org.complaints.intake.complaint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.complaints.support.scope.CallerScope;
import org.springframework.stereotype.Component;

/**
 * OT-02: what was promised or agreed on a complaint's earlier, linked complaints and is still open
 * — promises {@code OPEN} (intake's own) and agreements not yet delivered (mirrored from
 * compensation, ADR 0122). Read when asked, so a promise kept or an agreement implemented since
 * is gone from the answer. By key only: the linked complaints by {@code _id $in} (at most
 * {@value ComplaintHistory#MAX_LINKS}).
 */
@Component
public class EarlierCommitments {

    static final String PROMISE = "PROMISE";
    static final String AGREEMENT = "AGREEMENT";

    /**
     * One open item. {@code description} is the promise's words or the agreed remedy; it is left
     * out ({@code withheld}) when the earlier complaint lies outside the reader's scope, which then
     * still learns that something is open, when and on which complaint.
     */
    public record Commitment(
            String id,
            String kind,
            String complaintId,
            String caseId,
            String status,
            Instant dueAt,
            String owner,
            String description,
            boolean withheld) {}

    private final ComplaintLookups lookups;

    EarlierCommitments(ComplaintLookups lookups) {
        this.lookups = lookups;
    }

    /** The open items of the complaint's linked complaints, earliest due first; {@code scope} null = all details. */
    List<Commitment> open(Complaint complaint, CallerScope scope) {
        if (complaint.linkedComplaints == null || complaint.linkedComplaints.isEmpty()) {
            return List.of();
        }
        var earlier = lookups.load(complaint.linkedComplaints);
        var items = new ArrayList<Commitment>();
        for (var id : complaint.linkedComplaints) {
            var e = earlier.get(id);
            if (e == null || !e.tenant.equals(complaint.tenant)) {
                continue;
            }
            var visible = scope == null || scope.covers(e.tenant, e.region, e.site);
            var caseId = e.routing == null ? null : e.routing.caseId();
            for (var p : e.promises) {
                if (Complaint.Promise.OPEN.equals(p.status())) {
                    items.add(new Commitment(
                            p.promiseId(),
                            PROMISE,
                            e.id,
                            caseId,
                            p.status(),
                            p.dueAt(),
                            p.owner(),
                            visible ? p.text() : null,
                            !visible));
                }
            }
            for (var a : e.agreements) {
                if (a.open()) {
                    items.add(new Commitment(
                            a.agreementId(),
                            AGREEMENT,
                            e.id,
                            a.caseId(),
                            a.status(),
                            a.dueAt(),
                            null,
                            visible ? remedy(a) : null,
                            !visible));
                }
            }
        }
        items.sort(Comparator.comparing(Commitment::dueAt, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Commitment::id));
        return List.copyOf(items);
    }

    private static String remedy(Complaint.Agreement a) {
        var amount = a.amount() == null ? "" : " " + a.amount() + (a.currency() == null ? "" : " " + a.currency());
        return (a.kind() == null ? "remedy" : a.kind()) + amount;
    }
}
