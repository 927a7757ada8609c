package org.complaints.intake.complaint;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.UUID;
import org.complaints.intake.policy.IntakePolicy;
import org.complaints.intake.system.IntakeMetrics;
import org.complaints.support.delivery.Delivery;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.scope.CallerScope;
import org.complaints.support.tenant.TenantPolicies;
import org.complaints.support.web.ProblemException;
import org.springframework.stereotype.Service;

/**
 * What staff do to a filed complaint at intake: declare it not established (LC-31), record
 * promises made to the customer (§13.3), set a legal hold (LC-12). Each decision checks the
 * caller's role from its credentials and is one atomic, version-checked write.
 */
@Service
public class ComplaintHandling {

    public record ValidityDecision(Boolean valid, String reason, String reply) {}

    public record PromiseRequest(String text, Instant dueAt, String owner) {}

    public record LegalHoldRequest(Boolean hold, String reason) {}

    private final ComplaintRepository complaints;
    private final TenantPolicies<IntakePolicy> policies;
    private final IntakeMetrics metrics;
    private final Clock clock;

    ComplaintHandling(
            ComplaintRepository complaints, TenantPolicies<IntakePolicy> policies, IntakeMetrics metrics, Clock clock) {
        this.complaints = complaints;
        this.policies = policies;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** By {@code _id} (a key read on any store), then the caller's scope: outside it is 404. */
    public Complaint find(CallerIdentity caller, String id) {
        var scope = CallerScope.of(caller);
        return complaints
                .findById(id)
                .filter(c -> scope.covers(c.tenant, c.region, c.site))
                .orElseThrow(() -> ProblemException.notFound("complaint", id));
    }

    /** LC-31: not valid → closed as not established, with a tactful reply, still archived; routing is told. */
    public Complaint decideValidity(CallerIdentity caller, String id, ValidityDecision decision) {
        var policy = policies.of(caller);
        if (!caller.hasAnyRole(policy.validityRoles())) {
            throw ProblemException.forbidden("Only " + policy.validityRoles() + " decide validity (LC-31).");
        }
        if (decision.valid() == null) {
            throw ProblemException.invalid("valid", "is required");
        }
        var complaint = find(caller, id);
        if (complaint.status == Complaint.Status.NOT_ESTABLISHED) {
            throw ProblemException.conflict(
                    "already-not-established", "The complaint was already declared not established.");
        }
        if (!decision.valid()) {
            if (blank(decision.reason())) {
                throw ProblemException.invalid("reason", "is required when the complaint is not valid");
            }
            if (blank(decision.reply())) {
                throw ProblemException.invalid("reply", "a tactful reply to the customer is required (LC-31)");
            }
            complaint.status = Complaint.Status.NOT_ESTABLISHED;
            var deliveries = new ArrayList<>(complaint.deliveries);
            deliveries.add(Delivery.of(RoutingHandOff.NOT_ESTABLISHED, clock.instant()));
            complaint.deliveries = deliveries;
        }
        complaint.validity = new Complaint.Validity(
                decision.valid(), decision.reason(), decision.reply(), caller.subject(), clock.instant());
        var saved = complaints.save(complaint);
        if (!decision.valid()) {
            metrics.invalid(caller.tenant());
        }
        return saved;
    }

    public Complaint.Promise promise(CallerIdentity caller, String id, PromiseRequest request) {
        if (blank(request.text())) {
            throw ProblemException.invalid("text", "is required");
        }
        if (request.dueAt() == null) {
            throw ProblemException.invalid("dueAt", "is required: a promise without a time is not trackable (SLA-X7)");
        }
        var complaint = find(caller, id);
        var promise = new Complaint.Promise(
                UUID.randomUUID().toString(),
                request.text(),
                request.dueAt(),
                blank(request.owner()) ? caller.subject() : request.owner(),
                "OPEN",
                caller.subject(),
                clock.instant(),
                null);
        var promises = new ArrayList<>(complaint.promises);
        promises.add(promise);
        complaint.promises = promises;
        complaints.save(complaint);
        return promise;
    }

    public Complaint.Promise fulfil(CallerIdentity caller, String id, String promiseId, boolean kept) {
        var complaint = find(caller, id);
        var promises = new ArrayList<Complaint.Promise>();
        Complaint.Promise changed = null;
        for (var p : complaint.promises) {
            if (p.promiseId().equals(promiseId)) {
                if (!"OPEN".equals(p.status())) {
                    throw ProblemException.conflict("promise-settled", "The promise is already " + p.status() + ".");
                }
                changed = new Complaint.Promise(
                        p.promiseId(),
                        p.text(),
                        p.dueAt(),
                        p.owner(),
                        kept ? "KEPT" : "BROKEN",
                        p.recordedBy(),
                        p.recordedAt(),
                        clock.instant());
                promises.add(changed);
            } else {
                promises.add(p);
            }
        }
        if (changed == null) {
            throw ProblemException.notFound("promise", promiseId);
        }
        complaint.promises = promises;
        complaints.save(complaint);
        return changed;
    }

    public Complaint legalHold(CallerIdentity caller, String id, LegalHoldRequest request) {
        var policy = policies.of(caller);
        if (!caller.hasAnyRole(policy.legalHoldRoles())) {
            throw ProblemException.forbidden("Only " + policy.legalHoldRoles() + " set a legal hold (LC-12).");
        }
        if (request.hold() == null) {
            throw ProblemException.invalid("hold", "is required");
        }
        var complaint = find(caller, id);
        complaint.legalHold = request.hold();
        complaint.legalHoldReason = request.reason();
        return complaints.save(complaint);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
