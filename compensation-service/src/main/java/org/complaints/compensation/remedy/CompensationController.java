package org.complaints.compensation.remedy;

import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
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
@io.swagger.v3.oas.annotations.tags.Tag(name = "Compensations")
class CompensationController {

    @io.swagger.v3.oas.annotations.media.Schema(name = "CompensationView")
    record View(
            String compensationId,
            String caseId,
            String site,
            String proposer,
            List<Compensation.Option> options,
            boolean economicLossConfirmed,

            @io.swagger.v3.oas.annotations.media.Schema(description = "CP-10: the confirmed economic loss")
            Money economicLoss,

            Compensation.CustomerRequest customerRequested,

            @io.swagger.v3.oas.annotations.media.Schema(
                    description = "CP-11: the customary remedy proposed because the customer had no wish of their own")
            Compensation.Customary customaryRemedy,

            List<Compensation.Rejection> rejections,
            String escalatedTo,
            Compensation.Agreement agreement,
            String deliveryReference,
            Instant deliveredAt,
            boolean repeatCompensation,
            List<Compensation.Escalation> escalations,
            long version,
            org.complaints.support.delivery.Propagation propagation) {

        /** The case's remedy steps and the complaint's agreement mirror arrive through the relay. */
        static final Map<String, String> EFFECTS = effects();

        private static Map<String, String> effects() {
            var effects = new java.util.HashMap<String, String>();
            for (var step : RoutingStep.values()) {
                effects.put(step.eventType(), "case");
            }
            effects.put(IntakeAgreements.KIND, "complaint");
            return Map.copyOf(effects);
        }

        static View of(Compensation c) {
            return new View(
                    c.id,
                    c.caseId,
                    c.site,
                    c.proposer,
                    c.options,
                    c.economicLossConfirmed,
                    c.economicLoss,
                    c.customerRequested,
                    c.customaryRemedy,
                    c.rejections,
                    c.escalatedTo,
                    c.agreement,
                    c.deliveryReference,
                    c.deliveredAt,
                    c.repeatCompensation,
                    c.escalations,
                    c.version == null ? 0 : c.version,
                    org.complaints.support.delivery.Propagation.of(c.deliveries, EFFECTS));
        }
    }

    @io.swagger.v3.oas.annotations.media.Schema(name = "LedgerEntry")
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

    @io.swagger.v3.oas.annotations.Operation(
            operationId = "proposeCompensation",
            summary = "Propose 1-3 remedy options for a case (LC-48)")
    @RemedyPermission(CompensationAction.PROPOSE)
    @ApiResponse(
            responseCode = "201",
            description = "Proposed; options within the proposer's authority are approved at once (CP-01). The case"
                    + " in routing-service follows asynchronously (PENDING_APPROVAL or an offer).",
            headers = @Header(name = "Location", description = "The compensation", schema = @Schema(type = "string")),
            content = @Content(schema = @Schema(implementation = View.class)))
    @PostMapping("/compensations")
    ResponseEntity<View> propose(CallerIdentity caller, @RequestBody CompensationRequests.Proposal proposal) {
        var view = View.of(service.propose(caller, proposal));
        return ResponseEntity.created(URI.create("/compensations/" + view.compensationId()))
                .body(view);
    }

    @io.swagger.v3.oas.annotations.Operation(operationId = "getCompensation", summary = "Read a compensation")
    @GetMapping("/compensations/{id}")
    View get(CallerIdentity caller, @PathVariable String id) {
        return View.of(service.find(caller, id, CompensationAction.READ));
    }

    @io.swagger.v3.oas.annotations.Operation(
            operationId = "listCompensations",
            summary = "Compensations in the caller's scope, or of one case (caseId)")
    @GetMapping("/compensations")
    List<View> list(CallerIdentity caller, @RequestParam(required = false) String caseId) {
        return service.list(caller, caseId).stream().map(View::of).toList();
    }

    /** The remedy ledger: every approved option with its approver chain, agreement and delivery. */
    @io.swagger.v3.oas.annotations.Operation(
            operationId = "listRemedyLedger",
            summary = "The remedy ledger: approved options with approvers, agreement and delivery")
    @GetMapping("/compensations/ledger")
    List<LedgerEntry> ledger(
            CallerIdentity caller,
            @RequestParam(required = false) String customerRef,
            @RequestParam(required = false) String month) {
        var range = month == null ? null : Months.parse(month, tenants.monthZone(caller.tenant()));
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
    @io.swagger.v3.oas.annotations.Operation(
            operationId = "listPendingApprovals",
            summary = "Options waiting for the caller's approval")
    @GetMapping("/compensations/approvals/pending")
    List<View> pending(CallerIdentity caller) {
        return service.pendingFor(caller).stream().map(View::of).toList();
    }

    @RemedyPermission({CompensationAction.APPROVE, CompensationAction.MODIFY, CompensationAction.REJECT})
    @io.swagger.v3.oas.annotations.Operation(
            operationId = "decideCompensationOption",
            summary = "Approve, modify or reject a pending option (CP-01, ESC-04)",
            description = "Each decision is its permission row (`x-roles`) and approving or modifying also needs the"
                    + " approver's authority for the amount (GET /authority-matrix). The case follows asynchronously.")
    @PostMapping("/compensations/{id}/approvals")
    View decide(
            CallerIdentity caller, @PathVariable String id, @RequestBody CompensationRequests.DecisionRequest request) {
        return View.of(service.decide(caller, id, request));
    }

    @io.swagger.v3.oas.annotations.Operation(
            operationId = "recordCustomerConsent",
            summary = "Record the customer's answer to an offered option (CP-06, CP-11)")
    @RemedyPermission({CompensationAction.CONSENT, CompensationAction.AGREE})
    @PostMapping("/compensations/{id}/consent")
    View consent(
            CallerIdentity caller, @PathVariable String id, @RequestBody CompensationRequests.ConsentRequest request) {
        return View.of(service.consent(caller, id, request));
    }

    @io.swagger.v3.oas.annotations.Operation(
            operationId = "recordRemedyDelivery",
            summary = "Record the delivery of the agreed remedy (LC-35)")
    @RemedyPermission(CompensationAction.DELIVER)
    @PostMapping("/compensations/{id}/delivery")
    View deliver(
            CallerIdentity caller, @PathVariable String id, @RequestBody CompensationRequests.DeliveryRequest request) {
        return View.of(service.deliver(caller, id, request));
    }

    @io.swagger.v3.oas.annotations.Operation(
            operationId = "getAuthorityMatrix",
            summary = "The tenant's approval ladder and each role's authority per remedy kind")
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

    /** A site's budget of a month, in minor units of the tenant's currency (as stored). */
    @Schema(name = "SiteBudget")
    record BudgetView(
            String tenant,
            String region,
            String site,
            String month,
            long limitMinor,
            long remainingMinor,
            long spentMinor) {}

    @ApiResponse(
            responseCode = "200",
            description = "The month's budgets in the caller's scope.",
            content = @Content(array = @ArraySchema(schema = @Schema(implementation = BudgetView.class))))
    @io.swagger.v3.oas.annotations.Operation(
            operationId = "listBudgets",
            summary = "The sites' budgets of a month (YYYY-MM)")
    @GetMapping("/budgets")
    List<Document> budgets(CallerIdentity caller, @RequestParam String month) {
        service.permit(caller, CompensationAction.BUDGET_READ);
        Months.parse(month);
        return budgets.month(CallerScope.of(caller), month).stream()
                .peek(d -> d.remove("_id"))
                .toList();
    }

    @io.swagger.v3.oas.annotations.Operation(operationId = "setBudget", summary = "Set a site's budget for a month")
    @ApiResponse(
            responseCode = "200",
            description = "The budget as set.",
            content = @Content(schema = @Schema(implementation = BudgetView.class)))
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
