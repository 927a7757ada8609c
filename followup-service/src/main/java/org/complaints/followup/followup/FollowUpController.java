package org.complaints.followup.followup;

import java.util.Comparator;
import java.util.List;
import org.complaints.followup.policy.FollowupAction;
import org.complaints.followup.policy.FollowupPermissions;
import org.complaints.followup.policy.FollowupPolicy;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.scope.CallerScope;
import org.complaints.support.tenant.TenantPolicies;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Follow-ups: planned by routing's relay, read and recorded by staff, per the preset's permission table. */
@RestController
@io.swagger.v3.oas.annotations.tags.Tag(name = "Follow-ups")
class FollowUpController {

    @io.swagger.v3.oas.annotations.media.Schema(name = "FollowUpView")
    record View(
            String followUpId,
            String caseId,
            String site,
            String type,
            String rule,
            List<String> roles,
            java.time.Instant dueAt,
            String status,
            FollowUp.Outcome outcome,
            List<FollowUp.Attempt> attempts,
            int unreachedInARow,
            List<FollowUp.Escalation> escalations,
            org.complaints.support.delivery.Propagation propagation) {

        /** An outcome reaches the case (closable, or reopened) through the relay. */
        static final java.util.Map<String, String> EFFECTS = java.util.Map.of(FollowUpService.OUTCOME, "case");

        static View of(FollowUp f) {
            return new View(
                    f.id,
                    f.caseId,
                    f.site,
                    f.type,
                    f.rule,
                    f.roles,
                    f.dueAt,
                    f.status,
                    f.outcome,
                    f.attempts,
                    f.unreachedInARow(),
                    f.escalations,
                    org.complaints.support.delivery.Propagation.of(f.deliveries, EFFECTS));
        }
    }

    private static final int LIMIT = 200;

    private final FollowUpService service;
    private final FollowUpAttempts attempts;
    private final CaseFollowUps byCase;
    private final FollowUpLists lists;
    private final TenantPolicies<FollowupPolicy> policies;

    FollowUpController(
            FollowUpService service,
            FollowUpAttempts attempts,
            CaseFollowUps byCase,
            FollowUpLists lists,
            TenantPolicies<FollowupPolicy> policies) {
        this.service = service;
        this.attempts = attempts;
        this.byCase = byCase;
        this.lists = lists;
        this.policies = policies;
    }

    @PostMapping("/internal/v1/follow-ups/plans")
    ResponseEntity<List<View>> plan(CallerIdentity caller, @RequestBody FollowUpService.PlanRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(service.plan(caller, request).stream().map(View::of).toList());
    }

    @io.swagger.v3.oas.annotations.Operation(
            operationId = "listFollowUps",
            summary = "Follow-ups in the caller's scope, by case or status")
    @GetMapping("/follow-ups")
    List<View> list(
            CallerIdentity caller,
            @RequestParam(required = false) String caseId,
            @RequestParam(required = false) String status) {
        FollowupPermissions.require(caller, policies.of(caller), FollowupAction.READ);
        var scope = CallerScope.of(caller);
        if (caseId != null) {
            // by key (ADR 0292): a case has a handful of follow-ups, sorted here
            return byCase.of(caller.tenant(), caseId).stream()
                    .filter(f -> scope.covers(f.tenant, f.region, f.site))
                    .filter(f -> status == null || status.equals(f.status))
                    .sorted(Comparator.comparing(
                            (FollowUp f) -> f.dueAt, Comparator.nullsLast(Comparator.naturalOrder())))
                    .limit(LIMIT)
                    .map(View::of)
                    .toList();
        }
        // by key as well (ADR 0293): the open ones from their tenant's set, the others by due hour
        return lists.list(scope, status, LIMIT).stream().map(View::of).toList();
    }

    @io.swagger.v3.oas.annotations.Operation(operationId = "getFollowUp", summary = "Read a follow-up")
    @GetMapping("/follow-ups/{id}")
    View get(CallerIdentity caller, @PathVariable String id) {
        FollowupPermissions.require(caller, policies.of(caller), FollowupAction.READ);
        return View.of(service.find(caller, id));
    }

    /** FU-03, §8.2: 201 with the follow-up as it now stands (its attempts, the count, any escalation). */
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
            responseCode = "201",
            description = "Recorded; the follow-up as it now stands (attempts, escalation after the preset's unreached"
                    + " attempts in a row).",
            content =
                    @io.swagger.v3.oas.annotations.media.Content(
                            schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = View.class)))
    @io.swagger.v3.oas.annotations.Operation(
            operationId = "recordFollowUpAttempt",
            summary = "Record a contact attempt (FU-03)")
    @PostMapping("/follow-ups/{id}/attempts")
    ResponseEntity<View> attempt(
            CallerIdentity caller, @PathVariable String id, @RequestBody FollowUpAttempts.AttemptRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(View.of(attempts.record(caller, id, request)));
    }

    @io.swagger.v3.oas.annotations.Operation(
            operationId = "recordFollowUpOutcome",
            summary = "Record the follow-up's outcome and the customer's satisfaction (FU-05)")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
            responseCode = "200",
            description = "Recorded. The case in routing-service follows asynchronously: a satisfied outcome lets it"
                    + " close, an unsatisfied one reopens it for second handling (ESC-08); poll GET /cases/{caseId}.",
            content =
                    @io.swagger.v3.oas.annotations.media.Content(
                            schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = View.class)))
    @PostMapping("/follow-ups/{id}/outcome")
    View outcome(CallerIdentity caller, @PathVariable String id, @RequestBody FollowUpService.OutcomeRequest request) {
        return View.of(service.record(caller, id, request));
    }
}
