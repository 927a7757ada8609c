package org.complaints.compensation.remedy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.complaints.compensation.budget.Budgets;
import org.complaints.compensation.policy.Authorization;
import org.complaints.compensation.policy.CompensationAction;
import org.complaints.compensation.policy.CompensationPolicy;
import org.complaints.compensation.remedy.CompensationRequests.ConsentRequest;
import org.complaints.compensation.remedy.CompensationRequests.DecisionRequest;
import org.complaints.compensation.remedy.CompensationRequests.DeliveryRequest;
import org.complaints.compensation.remedy.CompensationRequests.OptionRequest;
import org.complaints.compensation.remedy.CompensationRequests.Proposal;
import org.complaints.compensation.system.CompensationMetrics;
import org.complaints.support.delivery.Delivery;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.scope.CallerScope;
import org.complaints.support.store.DocumentIds;
import org.complaints.support.tenant.TenantPolicies;
import org.springframework.stereotype.Service;

/**
 * Remedies within authority and budget (DOMAIN.md §7). The caller's roles, and so its permissions
 * and limits, come only from its credentials; the policy decides (permission table, authority
 * matrix), this service applies the budget, checks the case state routing would accept, and keeps
 * the events routing must hear in the same document write.
 */
@Service
public class CompensationService {

    private final CompensationRepository compensations;
    private final CaseGate cases;
    private final TenantPolicies<CompensationPolicy> policies;
    private final Budgets budgets;
    private final CompensationMetrics metrics;
    private final Clock clock;

    CompensationService(
            CompensationRepository compensations,
            CaseGate cases,
            TenantPolicies<CompensationPolicy> policies,
            Budgets budgets,
            CompensationMetrics metrics,
            Clock clock) {
        this.compensations = compensations;
        this.cases = cases;
        this.policies = policies;
        this.budgets = budgets;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The policy of the caller's tenant, after checking the caller may perform the action. */
    public CompensationPolicy permit(CallerIdentity caller, CompensationAction action) {
        var policy = policies.of(caller);
        if (!caller.isSystem() && !policy.permits(caller.roles(), action)) {
            throw Refusal.forbidden("Your roles " + caller.roles() + " may not "
                    + action.name().toLowerCase() + " here; allowed: " + policy.rolesFor(action) + ".");
        }
        return policy;
    }

    /**
     * LC-48: 1–3 options; each within the proposer's authority is approved at once (CP-01), else
     * routed up (ESC-04). CP-10 / CP-11: the customer's wish and the confirmed loss come first
     * ({@link CustomerWish}).
     */
    public Compensation propose(CallerIdentity caller, Proposal proposal) {
        var policy = permit(caller, CompensationAction.PROPOSE);
        if (proposal.caseId() == null || proposal.caseId().isBlank()) {
            throw Refusal.invalid("caseId", "is required");
        }
        var customerRequested = CustomerWish.recorded(proposal.customerRequested(), policy);
        var economicLoss = CustomerWish.economicLoss(proposal.economicLossConfirmed(), proposal.economicLoss(), policy);
        // with no wish of the customer's own, the customary remedy depends on the case's subject type
        var kase = customerRequested != null && customerRequested.none()
                ? cases.snapshot(caller, proposal.caseId())
                : null;
        var customary = CustomerWish.customary(customerRequested, policy, kase == null ? null : kase.subjectType());
        var requests = CustomerWish.options(proposal.options(), customary);
        var count = requests.size();
        if (count < 1 || count > 3) {
            throw Refusal.invalid("options", "must hold 1 to 3 remedy options (LC-48), not " + count);
        }
        var drafts = new ArrayList<Draft>();
        for (var i = 0; i < count; i++) {
            drafts.add(draft(caller, policy, requests.get(i), "options[" + i + "]"));
        }
        CustomerWish.requireRationale(requests, customerRequested, customary);
        if (kase == null) {
            kase = cases.snapshot(caller, proposal.caseId());
        }
        if (!kase.allows(RoutingStep.PROPOSE, policy.allowedCaseStates())) {
            throw kase.refuse("Proposing options");
        }
        var now = clock.instant();
        var c = new Compensation();
        c.id = DocumentIds.next();
        c.tenant = caller.tenant();
        c.caseId = kase.caseId();
        c.complaintId = kase.complaintId();
        c.region = kase.region();
        c.site = kase.site();
        // Budgets are per site and month: the month is the site's, not UTC's (ADR 0520).
        c.month = policies.siteMonth(c.tenant, c.site, now).toString();
        c.customerRef = proposal.customerRef();
        c.proposer = caller.subject();
        c.economicLossConfirmed = Boolean.TRUE.equals(proposal.economicLossConfirmed());
        c.economicLoss = economicLoss;
        c.customerRequested = customerRequested;
        c.customaryRemedy = customary;
        c.createdAt = now;
        ensureBudget(c, policy);
        var options = new ArrayList<Compensation.Option>();
        var debited = new ArrayList<Compensation.Option>();
        try {
            for (var d : drafts) {
                var option = d.toOption(caller, policy, now);
                if (option.status().equals("PENDING_APPROVAL") && option.requiredRole() == null) {
                    option = approveWithinBudget(c, policy, option, caller);
                    if (option.status().equals("APPROVED")) {
                        debited.add(option);
                    }
                }
                options.add(option);
            }
        } catch (Refusal budgetRefused) {
            debited.forEach(
                    o -> budgets.credit(c.tenant, c.site, c.month, o.amount().minor()));
            throw budgetRefused;
        }
        c.options = options;
        c.repeatCompensation = c.customerRef != null
                && compensations.approvedForCustomerSince(c.tenant, c.customerRef, now.minus(policy.repeatWindow()));
        notify(c, RoutingStep.PROPOSE);
        if (options.stream().anyMatch(Compensation.Option::pending)) {
            notify(c, RoutingStep.REQUEST_APPROVAL);
        } else if (options.stream().anyMatch(o -> o.status().equals("APPROVED"))) {
            notify(c, RoutingStep.OFFER);
        }
        compensations.insert(c);
        options.forEach(o -> metrics.option(c.tenant, o.kind(), o.status(), o.amount()));
        if (c.repeatCompensation) {
            metrics.repeat(c.tenant);
        }
        return c;
    }

    /** An approver's decision: roles and limits from the token (never the body); never one's own option. */
    public Compensation decide(CallerIdentity caller, String id, DecisionRequest request) {
        var c = find(caller, id, CompensationAction.READ);
        var decision = request.decision() == null ? "" : request.decision();
        var action = switch (decision) {
            case "APPROVE" -> CompensationAction.APPROVE;
            case "MODIFY" -> CompensationAction.MODIFY;
            case "REJECT" -> CompensationAction.REJECT;
            default -> throw Refusal.invalid("decision", "must be APPROVE, REJECT or MODIFY");
        };
        var policy = permit(caller, action);
        if (c.proposer.equals(caller.subject())) {
            throw Refusal.forbidden("The proposer cannot decide on their own option (segregation of duties).");
        }
        var option = option(c, request.optionId());
        if (!option.pending()) {
            throw Refusal.conflict(
                    "not-pending",
                    "Option " + option.optionId() + " is " + option.status() + ", not pending approval.");
        }
        var now = clock.instant();
        if (action == CompensationAction.REJECT) {
            if (!policy.atOrAbove(caller.roles(), option.requiredRole())) {
                throw Refusal.forbidden("Only " + option.requiredRole()
                        + " or a higher rung of the approval ladder may reject this option (ESC-04).");
            }
            var record = new Compensation.Decision(
                    "REJECT", caller.subject(), List.copyOf(caller.roles()), option.amount(), request.reason(), now);
            var rejected = option.with("REJECTED", option.amount(), option.requiredRole(), record);
            replace(c, rejected);
            if (nothingWaits(caller, c)) {
                afterLastRejection(caller, c);
            }
            metrics.option(c.tenant, rejected.kind(), rejected.status(), rejected.amount());
            return compensations.save(c);
        }
        var amount = action == CompensationAction.MODIFY
                ? Amounts.positive("amount", request.amount(), option.amount().currency())
                : option.amount();
        var record = new Compensation.Decision(
                decision, caller.subject(), List.copyOf(caller.roles()), amount, request.reason(), now);
        var authorization = policy.authorize(caller.roles(), option.kind(), amount.amount());
        Compensation.Option decided;
        switch (authorization) {
            case Authorization.BeyondCeiling ignored -> throw beyondCeiling("amount", amount, option.kind());
            case Authorization.NeedsRole needs -> {
                if (action == CompensationAction.APPROVE) {
                    throw Refusal.forbidden("Your authority for " + option.kind() + " is "
                            + limitText(policy, caller, option.kind()) + "; this needs " + needs.role()
                            + " (CP-01, ESC-04).");
                }
                // MODIFY above the modifier's own authority: the new amount goes to the lowest role that covers it
                decided = option.with("PENDING_APPROVAL", amount, needs.role(), now.plus(policy.approvalDue()), record);
            }
            case Authorization.ApproveNow ignored -> {
                var kase = cases.snapshot(caller, c.caseId);
                kase.forgetDelivered(c);
                var offer = kase.allows(RoutingStep.OFFER, policy.allowedCaseStates());
                if (!offer
                        && !kase.allows(RoutingStep.AGREE, List.of())
                        && !kase.allows(RoutingStep.OFFER_REJECTED, List.of())) {
                    throw kase.refuse("Approving an option");
                }
                decided = approveWithinBudget(
                        c, policy, option.with("PENDING_APPROVAL", amount, option.requiredRole(), record), caller);
                if (decided.status().equals("APPROVED")) {
                    if (offer) {
                        notify(c, RoutingStep.OFFER);
                    }
                    metrics.approvalLatency(Duration.between(c.createdAt, now));
                }
            }
        }
        replace(c, decided);
        metrics.option(c.tenant, decided.kind(), decided.status(), decided.amount());
        return compensations.save(c);
    }

    /** No option of the case, in this compensation or another, still waits for an approver. */
    private boolean nothingWaits(CallerIdentity caller, Compensation c) {
        return c.options.stream().noneMatch(Compensation.Option::pending)
                && compensations.list(CallerScope.of(caller), c.caseId, 200).stream()
                        .filter(other -> !other.id.equals(c.id))
                        .flatMap(other -> other.options.stream())
                        .noneMatch(Compensation.Option::pending);
    }

    /**
     * The approver rejected the last waiting option (§2.8 S8a → S8/S9): the case, still waiting for
     * approval, goes to the customer with this compensation's approved options, or back to drafting
     * when none was approved; without this it would wait for an approval nobody can give.
     */
    private void afterLastRejection(CallerIdentity caller, Compensation c) {
        var kase = cases.snapshot(caller, c.caseId);
        kase.forgetDelivered(c);
        if (!"PENDING_APPROVAL".equals(kase.state())) {
            return;
        }
        var approved = c.options.stream().anyMatch(o -> o.status().equals("APPROVED"));
        var step = approved ? RoutingStep.OFFER : RoutingStep.REDRAFT;
        if (kase.allows(step, List.of())) {
            notify(c, step);
        }
    }

    /** CP-06 / LC-45: consent makes an agreement; a rejection records what the customer wants instead (CP-11). */
    public Compensation consent(CallerIdentity caller, String id, ConsentRequest request) {
        var c = find(caller, id, CompensationAction.READ);
        var policy = permit(caller, CompensationAction.CONSENT);
        if (request.accepted() == null) {
            throw Refusal.invalid("accepted", "is required");
        }
        if (request.accepted()) {
            permit(caller, CompensationAction.AGREE);
            if (Boolean.TRUE.equals(request.conflict())) {
                throw Refusal.invalid("conflict", "marks a rejection; an agreement is no conflict (ESC-05)");
            }
        }
        var option = option(c, request.optionId());
        if (!option.status().equals("APPROVED")) {
            throw Refusal.conflict("not-approved", "Only an approved option can be offered to the customer.");
        }
        if (c.agreement != null) {
            throw Refusal.conflict(
                    "already-agreed", "The customer already agreed to option " + c.agreement.optionId() + ".");
        }
        if (!request.accepted()
                && (request.customerWants() == null || request.customerWants().isBlank())) {
            throw Refusal.invalid("customerWants", "ask the customer \"您希望我们怎么做?\" and record the answer (CP-11)");
        }
        var kase = cases.snapshot(caller, c.caseId);
        kase.forgetDelivered(c);
        var now = clock.instant();
        if (request.accepted()) {
            if (kase.allows(RoutingStep.AGREE, List.of())) {
                notify(c, RoutingStep.AGREE);
            } else if (kase.allows(RoutingStep.OFFER, policy.allowedCaseStates()) && kase.allowedActions() != null) {
                // after a rejection the case waits for a new offer: this option is offered again, then agreed
                permit(caller, CompensationAction.OFFER);
                notify(c, RoutingStep.OFFER);
                notify(c, RoutingStep.AGREE);
            } else {
                throw kase.refuse("Recording the customer's agreement");
            }
            c.agreement = new Compensation.Agreement(
                    option.optionId(),
                    option.kind() + " " + option.amount().amount() + " "
                            + option.amount().currency(),
                    option.amount(),
                    now,
                    now.plus(policy.agreementDue()));
            mirrorAgreement(c, kase, now);
        } else {
            if (!kase.allows(RoutingStep.OFFER_REJECTED, List.of())) {
                throw kase.refuse("Recording the customer's rejection");
            }
            var rejections = new ArrayList<>(c.rejections);
            rejections.add(new Compensation.Rejection(option.optionId(), request.customerWants(), now));
            c.rejections = rejections;
            if (rejections.size() >= 2 || Boolean.TRUE.equals(request.conflict())) {
                c.escalatedTo = policy.conflictRole();
            }
            notify(c, RoutingStep.OFFER_REJECTED);
        }
        return compensations.save(c);
    }

    /** LC-35: the agreed remedy is implemented; dated between the approval and now, never backdated or ahead. */
    public Compensation deliver(CallerIdentity caller, String id, DeliveryRequest request) {
        var c = find(caller, id, CompensationAction.READ);
        permit(caller, CompensationAction.DELIVER);
        if (c.agreement == null) {
            throw Refusal.conflict("no-agreement", "Nothing was agreed yet.");
        }
        if (c.deliveredAt != null) {
            throw Refusal.conflict("already-delivered", "The agreed remedy was already delivered.");
        }
        if (request.reference() == null || request.reference().isBlank()) {
            throw Refusal.invalid("reference", "is required (payment or delivery reference)");
        }
        var now = clock.instant();
        var deliveredAt = request.deliveredAt() == null ? now : request.deliveredAt();
        if (deliveredAt.isAfter(now)) {
            throw Refusal.invalid("deliveredAt", "is in the future");
        }
        var approvedAt = option(c, c.agreement.optionId()).approvedAt();
        var earliest = approvedAt == null ? c.agreement.signedAt() : approvedAt;
        if (deliveredAt.isBefore(earliest)) {
            throw Refusal.invalid("deliveredAt", "is before the option was approved (" + earliest + ")");
        }
        var kase = cases.snapshot(caller, c.caseId);
        kase.forgetDelivered(c);
        if (!kase.allows(RoutingStep.IMPLEMENT, List.of())) {
            throw kase.refuse("Recording the delivery");
        }
        c.deliveryReference = request.reference();
        c.deliveredAt = deliveredAt;
        c.deliveredRecordedBy = caller.subject();
        notify(c, RoutingStep.IMPLEMENT);
        mirrorAgreement(c, kase, now);
        return compensations.save(c);
    }

    /** A compensation within the caller's scope, after checking the caller may perform the action. */
    public Compensation find(CallerIdentity caller, String id, CompensationAction action) {
        permit(caller, action);
        return compensations.find(CallerScope.of(caller), id).orElseThrow(() -> Refusal.notFound("compensation", id));
    }

    public List<Compensation> list(CallerIdentity caller, String caseId) {
        permit(caller, CompensationAction.READ);
        return compensations.list(CallerScope.of(caller), caseId, 200);
    }

    public List<Compensation> pendingFor(CallerIdentity caller) {
        permit(caller, CompensationAction.READ);
        return compensations.pendingFor(CallerScope.of(caller), caller.roles(), 200);
    }

    public List<Compensation> ledger(CallerIdentity caller, String customerRef, Instant from, Instant to) {
        permit(caller, CompensationAction.LEDGER_READ);
        return compensations.ledger(CallerScope.of(caller), customerRef, from, to, 500);
    }

    /** One option checked before anything is stored: kind, bounded amount, currency, authority. */
    private record Draft(RemedyKind kind, Money amount, String rationale, Authorization authorization) {

        Compensation.Option toOption(CallerIdentity caller, CompensationPolicy policy, Instant now) {
            var id = UUID.randomUUID().toString();
            return switch (authorization) {
                case Authorization.ApproveNow ignored ->
                    new Compensation.Option(
                            id,
                            kind.name(),
                            amount,
                            rationale,
                            "PENDING_APPROVAL",
                            null,
                            null,
                            List.of(new Compensation.Decision(
                                    "APPROVE",
                                    caller.subject(),
                                    List.copyOf(caller.roles()),
                                    amount,
                                    "within the proposer's authority (CP-01)",
                                    now)),
                            null);
                case Authorization.NeedsRole needs ->
                    new Compensation.Option(
                            id,
                            kind.name(),
                            amount,
                            rationale,
                            "PENDING_APPROVAL",
                            needs.role(),
                            now.plus(policy.approvalDue()),
                            List.of(),
                            null);
                case Authorization.BeyondCeiling ignored -> throw new IllegalStateException("refused in draft()");
            };
        }
    }

    private Draft draft(CallerIdentity caller, CompensationPolicy policy, OptionRequest request, String field) {
        if (request == null || request.kind() == null || !RemedyKind.known(request.kind())) {
            throw Refusal.invalid(field + ".kind", "must be one of " + Arrays.toString(RemedyKind.values()));
        }
        var kind = RemedyKind.valueOf(request.kind());
        var amount = kind.hasAmount()
                ? Amounts.positive(field + ".amount", request.amount(), policy.currency())
                : new Money(BigDecimal.ZERO, policy.currency());
        var authorization = policy.authorize(caller.roles(), kind.name(), amount.amount());
        if (authorization instanceof Authorization.BeyondCeiling) {
            throw beyondCeiling(field + ".amount", amount, kind.name());
        }
        return new Draft(kind, amount, request.rationale(), authorization);
    }

    private static Refusal beyondCeiling(String field, Money amount, String kind) {
        return new Refusal(
                Refusal.Kind.INVALID,
                "beyond-every-authority",
                field,
                "No role may approve " + amount.amount() + " " + amount.currency() + " as " + kind
                        + "; it exceeds the company's compensation ceiling (CP-04).");
    }

    private static String limitText(CompensationPolicy policy, CallerIdentity caller, String kind) {
        var limit = policy.limitOf(caller.roles(), kind);
        return limit == null ? "none" : limit.toPlainString();
    }

    /** Debits the site's month; over budget → refused (409) or escalated to the next role (policy). */
    private Compensation.Option approveWithinBudget(
            Compensation c, CompensationPolicy policy, Compensation.Option option, CallerIdentity caller) {
        if (option.amount().minor() == 0
                || budgets.debit(c.tenant, c.site, c.month, option.amount().minor())) {
            return option.with("APPROVED", option.amount(), option.requiredRole(), null);
        }
        if ("ESCALATE".equals(policy.overBudget())) {
            var ladder = policy.approvalLadder();
            var highest = policy.rungOf(caller.roles());
            if (highest + 1 < ladder.size()) {
                return option.with(
                        "PENDING_APPROVAL",
                        option.amount(),
                        ladder.get(highest + 1),
                        clock.instant().plus(policy.approvalDue()),
                        null);
            }
        }
        throw Refusal.conflict(
                "budget-exhausted",
                "The budget of site " + c.site + " for " + c.month + " cannot cover "
                        + option.amount().amount() + ".");
    }

    private void ensureBudget(Compensation c, CompensationPolicy policy) {
        budgets.ensure(
                c.tenant,
                c.region,
                c.site,
                c.month,
                new Money(policy.monthlyBudgetPerSite(), policy.currency()).minor());
    }

    private static Compensation.Option option(Compensation c, String optionId) {
        return c.options.stream()
                .filter(o -> o.optionId().equals(optionId))
                .findFirst()
                .orElseThrow(() -> Refusal.invalid("optionId", "is not an option of this compensation"));
    }

    private static void replace(Compensation c, Compensation.Option changed) {
        c.options = c.options.stream()
                .map(o -> o.optionId().equals(changed.optionId()) ? changed : o)
                .toList();
    }

    /** OT-02: intake keeps the agreement's current state on the complaint (sent by the relay, ADR 0122). */
    private static void mirrorAgreement(Compensation c, CaseSnapshot kase, Instant now) {
        if (c.complaintId == null) {
            c.complaintId = kase.complaintId();
        }
        if (c.complaintId == null) {
            return; // routing did not say which complaint: nothing to mirror to
        }
        var deliveries = new ArrayList<>(c.deliveries);
        deliveries.add(Delivery.of(IntakeAgreements.KIND, now));
        c.deliveries = deliveries;
    }

    private void notify(Compensation c, RoutingStep step) {
        var deliveries = new ArrayList<>(c.deliveries);
        deliveries.add(Delivery.of(step.eventType(), clock.instant()));
        c.deliveries = deliveries;
    }
}
