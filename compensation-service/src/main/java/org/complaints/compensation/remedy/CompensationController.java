package org.complaints.compensation.remedy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.complaints.compensation.budget.Budgets;
import org.complaints.compensation.policy.CompensationAction;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.scope.CallerScope;
import org.complaints.support.tenant.TenantDirectory;
import org.complaints.support.web.Months;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Compensation's public API; refusals become problem details in {@link CompensationProblems}. */
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
            Instant deliveredAt,
            boolean repeatCompensation,
            List<Compensation.Escalation> escalations,
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
                    c.escalations,
                    c.version == null ? 0 : c.version);
        }
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
            Instant deliveredAt,
            String reference,
            boolean repeatCompensation) {}

    private final CompensationService service;
    private final Budgets budgets;
    private final TenantDirectory tenants;

    CompensationController(CompensationService service, Budgets budgets, TenantDirectory tenants) {
        this.service = service;
        this.budgets = budgets;
        this.tenants = tenants;
    }

    @PostMapping("/compensations")
    ResponseEntity<View> propose(CallerIdentity caller, @RequestBody CompensationRequests.Proposal proposal) {
        return ResponseEntity.status(HttpStatus.CREATED).body(View.of(service.propose(caller, proposal)));
    }

    @GetMapping("/compensations/{id}")
    View get(CallerIdentity caller, @PathVariable String id) {
        return View.of(service.find(caller, id, CompensationAction.READ));
    }

    @GetMapping("/compensations")
    List<View> list(CallerIdentity caller, @RequestParam(required = false) String caseId) {
        return service.list(caller, caseId).stream().map(View::of).toList();
    }

    /** The remedy ledger: every approved option with its approver chain, agreement and delivery. */
    @GetMapping("/compensations/ledger")
    List<LedgerEntry> ledger(
            CallerIdentity caller,
            @RequestParam(required = false) String customerRef,
            @RequestParam(required = false) String month) {
        var range = month == null ? null : Months.parse(month);
        return service
                .ledger(caller, customerRef, range == null ? null : range.start(), range == null ? null : range.end())
                .stream()
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

    /** The queue of options the caller's roles may decide, within the caller's regions and sites. */
    @GetMapping("/compensations/approvals/pending")
    List<View> pending(CallerIdentity caller) {
        return service.pendingFor(caller).stream().map(View::of).toList();
    }

    @PostMapping("/compensations/{id}/approvals")
    View decide(
            CallerIdentity caller, @PathVariable String id, @RequestBody CompensationRequests.DecisionRequest request) {
        return View.of(service.decide(caller, id, request));
    }

    @PostMapping("/compensations/{id}/consent")
    View consent(
            CallerIdentity caller, @PathVariable String id, @RequestBody CompensationRequests.ConsentRequest request) {
        return View.of(service.consent(caller, id, request));
    }

    @PostMapping("/compensations/{id}/delivery")
    View deliver(
            CallerIdentity caller, @PathVariable String id, @RequestBody CompensationRequests.DeliveryRequest request) {
        return View.of(service.deliver(caller, id, request));
    }

    @GetMapping("/authority-matrix")
    Map<String, Object> matrix(CallerIdentity caller) {
        var policy = service.permit(caller, CompensationAction.READ);
        return Map.of(
                "currency",
                policy.currency(),
                "approvalLadder",
                policy.approvalLadder(),
                "authority",
                policy.authority(),
                "permissions",
                policy.permissions());
    }

    @GetMapping("/budgets")
    List<Document> budgets(CallerIdentity caller, @RequestParam String month) {
        service.permit(caller, CompensationAction.BUDGET_READ);
        Months.parse(month);
        return budgets.month(CallerScope.of(caller), month).stream()
                .peek(d -> d.remove("_id"))
                .toList();
    }

    @PutMapping("/budgets/{site}/{month}")
    Document setBudget(
            CallerIdentity caller,
            @PathVariable String site,
            @PathVariable String month,
            @RequestBody CompensationRequests.BudgetRequest request) {
        var policy = service.permit(caller, CompensationAction.BUDGET_SET);
        Months.parse(month);
        var limit = Amounts.bounded("limit", request.limit());
        if (limit.signum() < 0) {
            throw Refusal.invalid("limit", "a non-negative amount is required");
        }
        var siteOf = tenants.find(caller.tenant())
                .flatMap(t -> t.site(site))
                .filter(s -> CallerScope.of(caller).covers(caller.tenant(), s.region(), s.id()))
                .orElseThrow(() -> Refusal.notFound("site", site));
        return budgets.set(caller.tenant(), siteOf.region(), site, month, new Money(limit, policy.currency()).minor());
    }
}
