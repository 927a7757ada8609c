package org.complaints.intake.complaint;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.complaints.intake.policy.IntakeAction;
import org.complaints.intake.policy.IntakePermissions;
import org.complaints.intake.policy.IntakePolicy;
import org.complaints.intake.system.IntakeMetrics;
import org.complaints.support.delivery.Delivery;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.scope.CallerScope;
import org.complaints.support.tenant.TenantPolicies;
import org.complaints.support.text.TextLinter;
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

    /**
     * A promise to record (OT-20): its due time as an instant ({@code dueAt}) or as a duration from
     * now ({@code dueIn}, ISO-8601 such as {@code PT24H}), exactly one of them; {@code owner}
     * defaults to the caller (a user id, or {@code role:<role>}).
     */
    public record PromiseRequest(String text, Instant dueAt, String dueIn, String owner) {}

    /** A note that does not stop the request, e.g. a promise due after the resolution deadline. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "PromiseWarning")
    public record Warning(String code, String field, String message) {}

    public record PromiseRecorded(Complaint.Promise promise, List<Warning> warnings) {}

    static final int MAX_PROMISE_TEXT = 1000;
    static final int MAX_REPLY = 4000;
    /** Times a staff change is applied to a freshly read complaint before answering 409. */
    static final int ATTEMPTS = 3;

    static final Duration MAX_PROMISE_HORIZON = Duration.ofDays(366);

    public record LegalHoldRequest(Boolean hold, String reason) {}

    private final ComplaintRepository complaints;
    private final PromiseDueBuckets dueBuckets;
    private final PromiseSettlements settlements;
    private final TenantPolicies<IntakePolicy> policies;
    private final IntakeMetrics metrics;
    private final TextLinter texts;
    private final Clock clock;

    ComplaintHandling(
            ComplaintRepository complaints,
            PromiseDueBuckets dueBuckets,
            PromiseSettlements settlements,
            TenantPolicies<IntakePolicy> policies,
            IntakeMetrics metrics,
            TextLinter texts,
            Clock clock) {
        this.complaints = complaints;
        this.dueBuckets = dueBuckets;
        this.settlements = settlements;
        this.policies = policies;
        this.metrics = metrics;
        this.texts = texts;
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

    /**
     * LC-31: not valid → closed as not established, with a tactful reply, still archived; valid →
     * routing records it (liability may then be accepted, CM-04). The reply passes the §12 linter
     * (ADR 0500): in the tenant's BLOCK mode a banned phrase refuses the decision (422, nothing
     * stored), in WARN mode the hits are stored with the reply. Routing is told either way.
     */
    public Complaint decideValidity(CallerIdentity caller, String id, ValidityDecision decision) {
        IntakePermissions.require(caller, policies.of(caller), IntakeAction.VALIDITY);
        if (decision.valid() == null) {
            throw ProblemException.invalid("valid", "is required");
        }
        if (decision.reply() != null && decision.reply().length() > MAX_REPLY) {
            throw ProblemException.invalid("reply", "is longer than " + MAX_REPLY + " characters");
        }
        if (!decision.valid()) {
            if (blank(decision.reason())) {
                throw ProblemException.invalid("reason", "is required when the complaint is not valid");
            }
            if (blank(decision.reply())) {
                throw ProblemException.invalid("reply", "a tactful reply to the customer is required (LC-31)");
            }
        }
        var check = blank(decision.reply()) ? null : texts.require(caller.tenant(), "reply", decision.reply());
        // Routing's case state often lands right after the case opens: re-read and apply again.
        var saved = onLatest(() -> recordValidity(caller, id, decision, check));
        if (!decision.valid()) {
            metrics.invalid(caller.tenant());
        }
        return saved;
    }

    private Complaint recordValidity(
            CallerIdentity caller, String id, ValidityDecision decision, org.complaints.support.text.TextCheck check) {
        var complaint = find(caller, id);
        if (complaint.status == Complaint.Status.NOT_ESTABLISHED) {
            throw ProblemException.conflict(
                    "already-not-established", "The complaint was already declared not established.");
        }
        var mirrored = complaint.caseMirror == null ? null : complaint.caseMirror.state();
        var caseEnded = "CLOSED".equals(mirrored) || "CLOSED_NOT_ESTABLISHED".equals(mirrored);
        if (!decision.valid() && caseEnded) {
            // Routing refuses NOT_ESTABLISHED on an ended case: refused here, not parked in the relay.
            throw ProblemException.conflict(
                    "case-ended",
                    "The case of this complaint is " + mirrored
                            + "; validity (LC-31) is decided before a case ends, not after.");
        }
        var now = clock.instant();
        var deliveries = new ArrayList<>(complaint.deliveries);
        if (!decision.valid()) {
            complaint.status = Complaint.Status.NOT_ESTABLISHED;
            deliveries.add(Delivery.of(RoutingHandOff.NOT_ESTABLISHED, now));
        } else if (!caseEnded) {
            deliveries.add(Delivery.of(RoutingHandOff.VALID, now));
        }
        complaint.deliveries = deliveries;
        complaint.validity = new Complaint.Validity(
                decision.valid(), decision.reason(), decision.reply(), caller.subject(), now, check);
        return complaints.save(complaint);
    }

    /**
     * OT-20: records a promise with an explicit due time. Refused (422 naming the field, nothing
     * stored) without text, with both or neither of {@code dueAt}/{@code dueIn}, or with a due time
     * not in the future; accepted with a warning when due after the case's resolution deadline as
     * routing reported it. The due-minute bucket is written first, the promise second (ADR 0120).
     */
    public PromiseRecorded promise(CallerIdentity caller, String id, PromiseRequest request) {
        var policy = policies.of(caller);
        IntakePermissions.require(caller, policy, IntakeAction.PROMISE_CREATE);
        if (blank(request.text())) {
            throw ProblemException.invalid("text", "is required: what was promised to the customer (OT-20)");
        }
        if (request.text().length() > MAX_PROMISE_TEXT) {
            throw ProblemException.invalid("text", "is longer than " + MAX_PROMISE_TEXT + " characters");
        }
        if (request.owner() != null && request.owner().length() > 120) {
            throw ProblemException.invalid("owner", "is longer than 120 characters");
        }
        var now = clock.instant();
        var dueAt = dueAt(request, now);
        var owner = blank(request.owner()) ? caller.subject() : request.owner().strip();
        return onLatest(() -> recordPromise(caller, id, policy, request, owner, now, dueAt));
    }

    private PromiseRecorded recordPromise(
            CallerIdentity caller,
            String id,
            IntakePolicy policy,
            PromiseRequest request,
            String owner,
            Instant now,
            Instant dueAt) {
        var complaint = find(caller, id);
        var promise = new Complaint.Promise(
                UUID.randomUUID().toString(),
                request.text(),
                dueAt,
                owner,
                Complaint.Promise.OPEN,
                caller.subject(),
                now,
                null,
                supervisorRole(caller, owner, policy));
        var warnings = new ArrayList<Warning>();
        resolutionDeadline(complaint)
                .filter(deadline -> dueAt.isAfter(deadline))
                .ifPresent(deadline -> warnings.add(new Warning(
                        "promise-after-resolution-deadline",
                        "dueAt",
                        "The promise is due " + dueAt + ", after the case's resolution deadline " + deadline + ".")));
        dueBuckets.record(complaint.id, promise.promiseId(), dueAt);
        var promises = new ArrayList<>(complaint.promises);
        promises.add(promise);
        complaint.promises = promises;
        complaints.save(complaint);
        return new PromiseRecorded(promise, List.copyOf(warnings));
    }

    public Complaint.Promise fulfil(CallerIdentity caller, String id, String promiseId, boolean kept) {
        IntakePermissions.require(caller, policies.of(caller), IntakeAction.PROMISE_FULFIL);
        return onLatest(() -> settle(caller, id, promiseId, kept));
    }

    private Complaint.Promise settle(CallerIdentity caller, String id, String promiseId, boolean kept) {
        var complaint = find(caller, id);
        var promises = new ArrayList<Complaint.Promise>();
        Complaint.Promise changed = null;
        for (var p : complaint.promises) {
            if (p.promiseId().equals(promiseId)) {
                if (!Complaint.Promise.OPEN.equals(p.status())) {
                    throw ProblemException.conflict("promise-settled", "The promise is already " + p.status() + ".");
                }
                changed = p.settled(kept ? Complaint.Promise.KEPT : Complaint.Promise.BROKEN, clock.instant());
                promises.add(changed);
            } else {
                promises.add(p);
            }
        }
        if (changed == null) {
            throw ProblemException.notFound("promise", promiseId);
        }
        complaint.promises = promises;
        // Listed by its settlement hour before the write, so the month's summary finds it (ADR 0602).
        settlements.record(complaint, changed.fulfilledAt());
        complaints.save(complaint);
        return changed;
    }

    /**
     * Applies a staff change to the latest complaint. A concurrent update (a case state relayed from
     * routing, a promise falling due) makes the versioned save fail; the change is then read and
     * applied again, and only after {@value #ATTEMPTS} attempts answered 409.
     */
    <T> T onLatest(java.util.function.Supplier<T> change) {
        for (var attempt = 1; ; attempt++) {
            try {
                return change.get();
            } catch (org.springframework.dao.OptimisticLockingFailureException e) {
                if (attempt == ATTEMPTS) {
                    throw ProblemException.conflict(
                            "concurrent-change",
                            "The complaint changed meanwhile (e.g. a promise fell due); read it and retry.");
                }
            }
        }
    }

    private static Instant dueAt(PromiseRequest request, Instant now) {
        var hasInstant = request.dueAt() != null;
        var hasDuration = !blank(request.dueIn());
        if (hasInstant == hasDuration) {
            throw new ProblemException(
                    org.springframework.http.HttpStatus.UNPROCESSABLE_CONTENT,
                    "validation-failed",
                    "The request is not valid: exactly one of dueAt and dueIn is required (OT-20)",
                    List.of(
                            new ProblemException.FieldProblem("dueAt", "exactly one of dueAt and dueIn is required"),
                            new ProblemException.FieldProblem("dueIn", "exactly one of dueAt and dueIn is required")));
        }
        Instant due;
        String field;
        if (hasInstant) {
            due = request.dueAt();
            field = "dueAt";
        } else {
            field = "dueIn";
            Duration within;
            try {
                within = Duration.parse(request.dueIn().strip());
            } catch (DateTimeParseException e) {
                throw ProblemException.invalid("dueIn", "must be an ISO-8601 duration such as PT24H");
            }
            if (within.isNegative() || within.isZero() || within.compareTo(MAX_PROMISE_HORIZON) > 0) {
                throw ProblemException.invalid(
                        "dueIn", "must be positive and at most " + MAX_PROMISE_HORIZON.toDays() + " days");
            }
            due = now.plus(within);
        }
        if (!due.isAfter(now)) {
            throw ProblemException.invalid(field, "is in the past: a promise must fall due in the future (OT-20)");
        }
        if (due.isAfter(now.plus(MAX_PROMISE_HORIZON))) {
            throw ProblemException.invalid(field, "is more than " + MAX_PROMISE_HORIZON.toDays() + " days ahead");
        }
        return due;
    }

    /** The owner's supervisor role: from the caller's roles when the caller owns it, else the preset default. */
    private static String supervisorRole(CallerIdentity caller, String owner, IntakePolicy policy) {
        var rules = policy.promises();
        if (owner.startsWith("role:")) {
            return rules.supervisorOf(List.of(owner.substring("role:".length())));
        }
        if (owner.equals(caller.subject())) {
            return rules.supervisorOf(caller.roles());
        }
        return rules.defaultSupervisor();
    }

    /** The RESOLUTION deadline routing reported when it opened the case; empty while routing is pending. */
    private static java.util.Optional<Instant> resolutionDeadline(Complaint complaint) {
        return complaint.routing == null || complaint.routing.deadlines() == null
                ? java.util.Optional.empty()
                : complaint.routing.deadlines().stream()
                        .filter(d -> "RESOLUTION".equals(d.clock()) && d.dueAt() != null)
                        .map(Complaint.Deadline::dueAt)
                        .max(Instant::compareTo);
    }

    public Complaint legalHold(CallerIdentity caller, String id, LegalHoldRequest request) {
        IntakePermissions.require(caller, policies.of(caller), IntakeAction.LEGAL_HOLD);
        if (request.hold() == null) {
            throw ProblemException.invalid("hold", "is required");
        }
        return onLatest(() -> {
            var complaint = find(caller, id);
            complaint.legalHold = request.hold();
            complaint.legalHoldReason = request.reason();
            return complaints.save(complaint);
        });
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
