package org.complaints.intake.complaint;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.complaints.intake.policy.IntakeAction;
import org.complaints.intake.policy.IntakePermissions;
import org.complaints.intake.policy.IntakePolicy;
import org.complaints.support.delivery.Delivery;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.tenant.TenantPolicies;
import org.complaints.support.web.ProblemException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * LC-12 / OT-50 (ADR 0522): the end of a complaint's retention. Its personal data is anonymised
 * here and, in the same versioned write, one anonymisation order per other service is added to its
 * deliveries, so every service anonymises its own part; a legal hold stops all of it. The purge
 * job runs {@link #anonymiseIfDue}; an erasure request before the end is refused with the reason.
 */
@Service
public class ComplaintRetention {

    public static final String REDACTED = "[anonymised]";

    /** One delivery kind per service that keeps personal data of a complaint (its orders' receivers). */
    public static final List<String> ORDERS =
            List.of("anonymise-routing", "anonymise-compensation", "anonymise-followup");

    private final ComplaintRepository complaints;
    private final ComplaintHandling handling;
    private final MongoTemplate mongo;
    private final TenantPolicies<IntakePolicy> policies;
    private final Clock clock;

    ComplaintRetention(
            ComplaintRepository complaints,
            ComplaintHandling handling,
            MongoTemplate mongo,
            TenantPolicies<IntakePolicy> policies,
            Clock clock) {
        this.complaints = complaints;
        this.handling = handling;
        this.mongo = mongo;
        this.policies = policies;
        this.clock = clock;
    }

    /** The ids of complaints past their retention, not on hold and not yet anonymised (the purge's batch). */
    public List<String> due(Instant now, int limit) {
        var query = new Query(Criteria.where("retentionUntil")
                        .lte(now)
                        .and("archivedAt")
                        .ne(null)
                        .and("legalHold")
                        .is(false)
                        .and("anonymised")
                        .is(false))
                .with(Sort.by("retentionUntil"))
                .limit(limit);
        query.fields().include("_id");
        return mongo.find(query, org.bson.Document.class, "complaints").stream()
                .map(d -> d.getString("_id"))
                .toList();
    }

    /** Anonymises one complaint if it is still due; false when it is not (held, done, changed meanwhile). */
    public boolean anonymiseIfDue(String id, Instant now) {
        var complaint = complaints.findById(id).orElse(null);
        if (complaint == null || !expired(complaint, now) || complaint.legalHold || complaint.anonymised) {
            return false;
        }
        try {
            complaints.save(anonymised(complaint, now));
            return true;
        } catch (OptimisticLockingFailureException changedMeanwhile) {
            return false; // the next run looks again
        }
    }

    /**
     * An erasure request ({@code DELETE /complaints/{id}}): refused with the reason while a legal
     * hold stands, while the case is handled and before the retention ends (409, nothing changes);
     * after it the complaint is anonymised at once, as the purge would. A repeat answers the same.
     */
    public Complaint erase(CallerIdentity caller, String id) {
        IntakePermissions.require(caller, policies.of(caller), IntakeAction.ERASURE);
        var complaint = handling.find(caller, id);
        if (complaint.anonymised) {
            return complaint;
        }
        if (complaint.legalHold) {
            throw ProblemException.conflict(
                    "legal-hold",
                    "A legal hold stops every deletion and anonymisation of this complaint"
                            + (complaint.legalHoldReason == null ? "." : ": " + complaint.legalHoldReason));
        }
        if (complaint.archivedAt == null || complaint.retentionUntil == null) {
            throw ProblemException.conflict(
                    "retention-not-started",
                    "The complaint is still being handled; once archived its record is kept for the retention period (LC-12) and only then erased.");
        }
        var now = clock.instant();
        if (!expired(complaint, now)) {
            throw ProblemException.conflict(
                    "retention-period",
                    "The record is kept until " + complaint.retentionUntil + " (LC-12: archived " + complaint.archivedAt
                            + ", two years of retention); it cannot be erased before then.");
        }
        try {
            return complaints.save(anonymised(complaint, now));
        } catch (OptimisticLockingFailureException changedMeanwhile) {
            throw ProblemException.conflict("concurrent-update", "The complaint changed meanwhile; retry.");
        }
    }

    private static boolean expired(Complaint complaint, Instant now) {
        return complaint.archivedAt != null
                && complaint.retentionUntil != null
                && !complaint.retentionUntil.isAfter(now);
    }

    private static Complaint anonymised(Complaint complaint, Instant now) {
        complaint.anonymise(REDACTED, now);
        var deliveries = new ArrayList<>(complaint.deliveries);
        for (var order : ORDERS) {
            // one event id per complaint and service: a resend is recognised by the receiver
            deliveries.add(new Delivery(order + ":" + complaint.id, order, now, 0, null));
        }
        complaint.deliveries = deliveries;
        return complaint;
    }
}
