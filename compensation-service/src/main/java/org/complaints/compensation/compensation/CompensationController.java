package org.complaints.compensation.compensation;

import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.complaints.compensation.budget.Budgets;
import org.complaints.compensation.policy.CompensationPolicy;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.tenant.TenantPolicies;
import org.complaints.support.web.ProblemException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class CompensationController {

    record View(
            String compensationId,
            String caseId,
            String site,
            String proposer,
            List<Compensation.Option> options,
            boolean economicLossConfirmed,
            Compensation.CustomerRequest customerRequested,
            List<Compensation.Rejection> rejections,
            String escalatedTo,
            Compensation.Agreement agreement,
            String deliveryReference,
            java.time.Instant deliveredAt,
            boolean repeatCompensation,
            long version) {

        static View of(Compensation c) {
            return new View(
                    c.id,
                    c.caseId,
                    c.site,
                    c.proposer,
                    c.options,
                    c.economicLossConfirmed,
                    c.customerRequested,
                    c.rejections,
                    c.escalatedTo,
                    c.agreement,
                    c.deliveryReference,
                    c.deliveredAt,
                    c.repeatCompensation,
                    c.version == null ? 0 : c.version);
        }
    }

    record BudgetRequest(java.math.BigDecimal limit, String region) {}

    private final CompensationService service;
    private final TenantPolicies<CompensationPolicy> policies;
    private final Budgets budgets;
    private final MongoTemplate mongo;

    CompensationController(
            CompensationService service,
            TenantPolicies<CompensationPolicy> policies,
            Budgets budgets,
            MongoTemplate mongo) {
        this.service = service;
        this.policies = policies;
        this.budgets = budgets;
        this.mongo = mongo;
    }

    @PostMapping("/compensations")
    ResponseEntity<View> propose(CallerIdentity caller, @RequestBody CompensationService.Proposal proposal) {
        return ResponseEntity.status(HttpStatus.CREATED).body(View.of(service.propose(caller, proposal)));
    }

    @GetMapping("/compensations/{id}")
    View get(CallerIdentity caller, @PathVariable String id) {
        return View.of(service.find(caller, id));
    }

    @GetMapping("/compensations")
    List<View> list(CallerIdentity caller, @RequestParam(required = false) String caseId) {
        var criteria = Criteria.where("tenant").is(caller.tenant());
        if (caseId != null) {
            criteria.and("caseId").is(caseId);
        }
        return mongo.find(new Query(criteria).limit(200), Compensation.class).stream()
                .map(View::of)
                .toList();
    }

    record LedgerEntry(
            String compensationId,
            String caseId,
            String site,
            String customerRef,
            String optionId,
            String kind,
            Money amount,
            List<String> approvers,
            boolean agreed,
            java.time.Instant deliveredAt,
            String reference,
            boolean repeatCompensation) {}

    /** The remedy ledger: every approved option with its approver chain, agreement and delivery. */
    @GetMapping("/compensations/ledger")
    List<LedgerEntry> ledger(
            CallerIdentity caller,
            @RequestParam(required = false) String customerRef,
            @RequestParam(required = false) String month) {
        var criteria = Criteria.where("tenant")
                .is(caller.tenant())
                .and("options.status")
                .is("APPROVED");
        if (customerRef != null) {
            criteria.and("customerRef").is(customerRef);
        }
        if (month != null) {
            var range = org.complaints.support.web.Months.parse(month);
            criteria.and("createdAt").gte(range.start()).lt(range.end());
        }
        return mongo.find(new Query(criteria).limit(500), Compensation.class).stream()
                .flatMap(c -> c.options.stream()
                        .filter(o -> "APPROVED".equals(o.status()))
                        .map(o -> new LedgerEntry(
                                c.id,
                                c.caseId,
                                c.site,
                                c.customerRef,
                                o.optionId(),
                                o.kind(),
                                o.amount(),
                                o.decisions().stream()
                                        .map(Compensation.Decision::by)
                                        .toList(),
                                c.agreement != null && c.agreement.optionId().equals(o.optionId()),
                                c.deliveredAt,
                                c.deliveryReference,
                                c.repeatCompensation)))
                .toList();
    }

    /** The queue of options the caller's roles may decide. */
    @GetMapping("/compensations/approvals/pending")
    List<View> pending(CallerIdentity caller) {
        var query = new Query(Criteria.where("tenant")
                .is(caller.tenant())
                .and("options")
                .elemMatch(Criteria.where("status")
                        .is("PENDING_APPROVAL")
                        .and("requiredRole")
                        .in(caller.roles())));
        return mongo.find(query.limit(200), Compensation.class).stream()
                .map(View::of)
                .toList();
    }

    @PostMapping("/compensations/{id}/approvals")
    View decide(
            CallerIdentity caller, @PathVariable String id, @RequestBody CompensationService.DecisionRequest request) {
        return View.of(service.decide(caller, id, request));
    }

    @PostMapping("/compensations/{id}/consent")
    View consent(
            CallerIdentity caller, @PathVariable String id, @RequestBody CompensationService.ConsentRequest request) {
        return View.of(service.consent(caller, id, request));
    }

    @PostMapping("/compensations/{id}/delivery")
    View deliver(
            CallerIdentity caller, @PathVariable String id, @RequestBody CompensationService.DeliveryRequest request) {
        return View.of(service.deliver(caller, id, request));
    }

    @GetMapping("/authority-matrix")
    Map<String, Object> matrix(CallerIdentity caller) {
        var policy = policies.of(caller);
        return Map.of(
                "currency",
                policy.currency(),
                "approvalLadder",
                policy.approvalLadder(),
                "authority",
                policy.authority());
    }

    @GetMapping("/budgets")
    List<Document> budgets(CallerIdentity caller, @RequestParam String month) {
        org.complaints.support.web.Months.parse(month);
        return budgets.month(caller.tenant(), month).stream()
                .peek(d -> d.remove("_id"))
                .toList();
    }

    @PutMapping("/budgets/{site}/{month}")
    Document setBudget(
            CallerIdentity caller,
            @PathVariable String site,
            @PathVariable String month,
            @RequestBody BudgetRequest request) {
        var policy = policies.of(caller);
        if (!caller.hasAnyRole(policy.budgetRoles())) {
            throw ProblemException.forbidden("Only " + policy.budgetRoles() + " set budgets.");
        }
        org.complaints.support.web.Months.parse(month);
        if (request.limit() == null || request.limit().signum() < 0) {
            throw ProblemException.invalid("limit", "a non-negative amount is required");
        }
        var siteOf = service.siteOf(caller, site);
        return budgets.set(
                caller.tenant(), siteOf.region(), site, month, new Money(request.limit(), policy.currency()).minor());
    }
}
