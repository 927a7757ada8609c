package org.complaints.compensation.compensation;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.complaints.compensation.budget.Budgets;
import org.complaints.compensation.policy.CompensationPolicy;
import org.complaints.compensation.routing.RoutingClient;
import org.complaints.compensation.system.CompensationMetrics;
import org.complaints.support.delivery.Delivery;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.tenant.TenantPolicies;
import org.complaints.support.web.ProblemException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Remedies within authority and budget (DOMAIN.md §7). The caller's roles, and so its limits,
 * come only from its credentials; the proposer never approves its own option; a budget is debited
 * with one conditional update when an option is approved.
 */
@Service
public class CompensationService {

    public record OptionRequest(String kind, Money amount, String rationale) {}

    public record Proposal(
            String caseId,
            List<OptionRequest> options,
            Boolean economicLossConfirmed,
            Compensation.CustomerRequest customerRequested,
            String customerRef) {}

    public record DecisionRequest(String optionId, String decision, Money amount, String reason) {}

    public record ConsentRequest(String optionId, Boolean accepted, String customerWants) {}

    public record DeliveryRequest(String reference, java.time.Instant deliveredAt) {}

    private final MongoTemplate mongo;
    private final RoutingClient routing;
    private final TenantPolicies<CompensationPolicy> policies;
    private final Budgets budgets;
    private final CompensationMetrics metrics;
    private final Clock clock;
    private final org.complaints.support.tenant.TenantDirectory tenants;

    CompensationService(
            MongoTemplate mongo,
            RoutingClient routing,
            TenantPolicies<CompensationPolicy> policies,
            Budgets budgets,
            CompensationMetrics metrics,
            Clock clock,
            org.complaints.support.tenant.TenantDirectory tenants) {
        this.mongo = mongo;
        this.routing = routing;
        this.policies = policies;
        this.budgets = budgets;
        this.metrics = metrics;
        this.clock = clock;
        this.tenants = tenants;
    }

    /** LC-48: 1–3 options; each within the proposer's authority is approved at once (CP-01), else routed up (ESC-04). */
    public Compensation propose(CallerIdentity caller, Proposal proposal) {
        if (proposal.caseId() == null || proposal.caseId().isBlank()) {
            throw ProblemException.invalid("caseId", "is required");
        }
        var count = proposal.options() == null ? 0 : proposal.options().size();
        if (count < 1 || count > 3) {
            throw ProblemException.invalid("options", "must hold 1 to 3 remedy options (LC-48), not " + count);
        }
        var policy = policies.of(caller);
        var kase = caseOf(proposal.caseId());
        if (!policy.allowedCaseStates().contains(kase.state())) {
            throw ProblemException.conflict(
                    "case-state", "Options cannot be proposed while the case is " + kase.state() + ".");
        }
        var now = clock.instant();
        var c = new Compensation();
        c.id = UUID.randomUUID().toString();
        c.tenant = caller.tenant();
        c.caseId = kase.caseId();
        c.region = kase.region();
        c.site = kase.site();
        c.month = YearMonth.from(now.atZone(ZoneOffset.UTC)).toString();
        c.customerRef = proposal.customerRef();
        c.proposer = caller.subject();
        c.economicLossConfirmed = Boolean.TRUE.equals(proposal.economicLossConfirmed());
        c.customerRequested = proposal.customerRequested();
        c.createdAt = now;
        ensureBudget(c, policy);
        var options = new ArrayList<Compensation.Option>();
        for (var i = 0; i < count; i++) {
            options.add(option(caller, policy, c, proposal.options().get(i), "options[" + i + "]", now));
        }
        c.options = options;
        c.repeatCompensation = c.customerRef != null
                && mongo.exists(
                        new Query(Criteria.where("tenant")
                                .is(c.tenant)
                                .and("customerRef")
                                .is(c.customerRef)
                                .and("createdAt")
                                .gte(now.minus(policy.repeatWindow()))
                                .and("options.status")
                                .is("APPROVED")),
                        Compensation.class);
        notify(c, "COMPENSATION_PROPOSED");
        if (options.stream().anyMatch(o -> o.status().equals("PENDING_APPROVAL"))) {
            notify(c, "COMPENSATION_PENDING_APPROVAL");
        } else if (options.stream().anyMatch(o -> o.status().equals("APPROVED"))) {
            notify(c, "COMPENSATION_APPROVED");
        }
        mongo.insert(c);
        options.forEach(o -> metrics.option(c.tenant, o.kind(), o.status(), o.amount()));
        if (c.repeatCompensation) {
            metrics.repeat(c.tenant);
        }
        return c;
    }

    /** An approver's decision: role and limit from the token (never the body); never one's own option. */
    public Compensation decide(CallerIdentity caller, String id, DecisionRequest request) {
        var c = find(caller, id);
        var policy = policies.of(caller);
        if (c.proposer.equals(caller.subject())) {
            throw ProblemException.forbidden("The proposer cannot decide on their own option (segregation of duties).");
        }
        var option = option(c, request.optionId());
        if (!option.status().equals("PENDING_APPROVAL")) {
            throw ProblemException.conflict(
                    "not-pending",
                    "Option " + option.optionId() + " is " + option.status() + ", not pending approval.");
        }
        var decision = request.decision() == null ? "" : request.decision();
        var amount = "MODIFY".equals(decision) ? required(request.amount(), "amount") : option.amount();
        var limit = policy.limitOf(caller.roles(), option.kind());
        if (!"REJECT".equals(decision)
                && (limit == null || (amount != null && amount.amount().compareTo(limit) > 0))) {
            throw ProblemException.forbidden("Your authority for " + option.kind() + " is "
                    + (limit == null ? "none" : limit) + "; this needs " + option.requiredRole() + " (CP-01, ESC-04).");
        }
        var record = new Compensation.Decision(
                decision, caller.subject(), List.copyOf(caller.roles()), amount, request.reason(), clock.instant());
        Compensation.Option decided = switch (decision) {
            case "APPROVE", "MODIFY" ->
                approveWithinBudget(
                        c, policy, option.with("PENDING_APPROVAL", amount, option.requiredRole(), record), caller);
            case "REJECT" -> option.with("REJECTED", option.amount(), option.requiredRole(), record);
            default -> throw ProblemException.invalid("decision", "must be APPROVE, REJECT or MODIFY");
        };
        replace(c, decided);
        if (decided.status().equals("APPROVED")) {
            notify(c, "COMPENSATION_APPROVED");
            metrics.approvalLatency(java.time.Duration.between(c.createdAt, clock.instant()));
        }
        metrics.option(c.tenant, decided.kind(), decided.status(), decided.amount());
        mongo.save(c);
        return c;
    }

    /** CP-06 / LC-45: consent makes an agreement; a rejection records what the customer wants instead (CP-11). */
    public Compensation consent(CallerIdentity caller, String id, ConsentRequest request) {
        var c = find(caller, id);
        var policy = policies.of(caller);
        var option = option(c, request.optionId());
        if (!option.status().equals("APPROVED")) {
            throw ProblemException.conflict("not-approved", "Only an approved option can be offered to the customer.");
        }
        if (c.agreement != null) {
            throw ProblemException.conflict(
                    "already-agreed", "The customer already agreed to option " + c.agreement.optionId() + ".");
        }
        if (request.accepted() == null) {
            throw ProblemException.invalid("accepted", "is required");
        }
        var now = clock.instant();
        if (request.accepted()) {
            c.agreement = new Compensation.Agreement(
                    option.optionId(),
                    option.kind() + " "
                            + (option.amount() == null
                                    ? ""
                                    : option.amount().amount() + " "
                                            + option.amount().currency()),
                    option.amount(),
                    now,
                    now.plus(policy.agreementDue()));
            notify(c, "AGREEMENT_SIGNED");
        } else {
            if (request.customerWants() == null || request.customerWants().isBlank()) {
                throw ProblemException.invalid(
                        "customerWants", "ask the customer \"您希望我们怎么做?\" and record the answer (CP-11)");
            }
            var rejections = new ArrayList<>(c.rejections);
            rejections.add(new Compensation.Rejection(option.optionId(), request.customerWants(), now));
            c.rejections = rejections;
            if (rejections.size() >= 2) {
                c.escalatedTo = policy.conflictRole();
            }
            notify(c, "OFFER_REJECTED_BY_CUSTOMER");
        }
        mongo.save(c);
        return c;
    }

    public Compensation deliver(CallerIdentity caller, String id, DeliveryRequest request) {
        var c = find(caller, id);
        if (c.agreement == null) {
            throw ProblemException.conflict("no-agreement", "Nothing was agreed yet.");
        }
        if (request.reference() == null || request.reference().isBlank()) {
            throw ProblemException.invalid("reference", "is required (payment or delivery reference)");
        }
        c.deliveryReference = request.reference();
        c.deliveredAt = request.deliveredAt() == null ? clock.instant() : request.deliveredAt();
        notify(c, "REMEDY_DELIVERED");
        mongo.save(c);
        return c;
    }

    public Compensation find(CallerIdentity caller, String id) {
        var c = mongo.findOne(
                new Query(Criteria.where("_id").is(id).and("tenant").is(caller.tenant())), Compensation.class);
        if (c == null) {
            throw ProblemException.notFound("compensation", id);
        }
        return c;
    }

    public org.complaints.support.tenant.Site siteOf(CallerIdentity caller, String site) {
        return tenants.find(caller.tenant())
                .flatMap(t -> t.site(site))
                .orElseThrow(() -> ProblemException.notFound("site", site));
    }

    private Compensation.Option option(
            CallerIdentity caller,
            CompensationPolicy policy,
            Compensation c,
            OptionRequest request,
            String field,
            java.time.Instant now) {
        if (request == null || request.kind() == null || !RemedyKind.known(request.kind())) {
            throw ProblemException.invalid(
                    field + ".kind", "must be one of " + java.util.Arrays.toString(RemedyKind.values()));
        }
        var kind = RemedyKind.valueOf(request.kind());
        var amount = request.amount();
        if (kind.hasAmount()) {
            if (amount == null || amount.amount() == null || amount.amount().signum() <= 0) {
                throw ProblemException.invalid(field + ".amount", "a positive amount is required for " + kind);
            }
            if (!policy.currency().equals(amount.currency())) {
                throw ProblemException.invalid(field + ".amount.currency", "must be " + policy.currency());
            }
        } else {
            amount = new Money(BigDecimal.ZERO, policy.currency());
        }
        var option = new Compensation.Option(
                UUID.randomUUID().toString(),
                kind.name(),
                amount,
                request.rationale(),
                "PROPOSED",
                null,
                null,
                List.of(),
                null);
        var own = policy.limitOf(caller.roles(), kind.name());
        if (own != null && own.compareTo(amount.amount()) >= 0) {
            var record = new Compensation.Decision(
                    "APPROVE",
                    caller.subject(),
                    List.copyOf(caller.roles()),
                    amount,
                    "within the proposer's authority (CP-01)",
                    now);
            return approveWithinBudget(c, policy, option.with("PENDING_APPROVAL", amount, null, record), caller);
        }
        var finalAmount = amount;
        var role = policy.lowestCovering(kind.name(), amount.amount())
                .orElseThrow(() -> new ProblemException(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "beyond-every-authority",
                        "No role may approve " + finalAmount.amount() + " " + finalAmount.currency() + " as " + kind
                                + " (CP-04).",
                        List.of(new ProblemException.FieldProblem(
                                field + ".amount", "exceeds the company's compensation ceiling"))));
        return new Compensation.Option(
                option.optionId(),
                option.kind(),
                amount,
                option.rationale(),
                "PENDING_APPROVAL",
                role,
                now.plus(policy.approvalDue()),
                List.of(),
                null);
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
            var highest =
                    caller.roles().stream().mapToInt(ladder::indexOf).max().orElse(-1);
            if (highest + 1 < ladder.size()) {
                return new Compensation.Option(
                        option.optionId(),
                        option.kind(),
                        option.amount(),
                        option.rationale(),
                        "PENDING_APPROVAL",
                        ladder.get(highest + 1),
                        clock.instant().plus(policy.approvalDue()),
                        option.decisions(),
                        null);
            }
        }
        throw ProblemException.conflict(
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

    private RoutingClient.CaseState caseOf(String caseId) {
        try {
            return routing.get(caseId);
        } catch (feign.FeignException.NotFound e) {
            throw ProblemException.notFound("case", caseId);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof feign.FeignException.NotFound) {
                throw ProblemException.notFound("case", caseId);
            }
            throw ProblemException.unavailable(
                    "routing-service",
                    "routing-service is unavailable, so the case state cannot be checked; retry later.");
        }
    }

    private static Compensation.Option option(Compensation c, String optionId) {
        return c.options.stream()
                .filter(o -> o.optionId().equals(optionId))
                .findFirst()
                .orElseThrow(() -> ProblemException.invalid("optionId", "is not an option of this compensation"));
    }

    private static void replace(Compensation c, Compensation.Option changed) {
        c.options = c.options.stream()
                .map(o -> o.optionId().equals(changed.optionId()) ? changed : o)
                .toList();
    }

    private void notify(Compensation c, String type) {
        var deliveries = new ArrayList<>(c.deliveries);
        deliveries.add(Delivery.of(type, clock.instant()));
        c.deliveries = deliveries;
    }

    private static Money required(Money amount, String field) {
        if (amount == null || amount.amount() == null || amount.amount().signum() <= 0) {
            throw ProblemException.invalid(field, "a positive amount is required");
        }
        return amount;
    }
}
