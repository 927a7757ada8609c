package org.complaints.routing.cases;

import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.complaints.routing.policy.Permission;
import org.complaints.routing.policy.RoutingPermissions;
import org.complaints.routing.policy.RoutingPolicy;
import org.complaints.routing.tasks.TaskCompletion;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.tenant.TenantPolicies;
import org.complaints.support.web.ProblemException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public case API (through the gateway as {@code /api/v1/cases/...}): reads, task completion
 * and the steps by sub-resource name (each step also has its own documented operation in
 * {@link CaseStepController}; this handler keeps any other name a 404).
 */
@RestController
@Tag(name = "Cases", description = "Cases as routed and handled (routing-service).")
class CaseController {

    /** Sub-resource → action. */
    static final Map<String, Action> STEPS = Map.ofEntries(
            Map.entry("hand-over", Action.HAND_OVER),
            Map.entry("acceptance", Action.ACCEPT),
            Map.entry("assignment", Action.ASSIGN),
            Map.entry("contacts", Action.CONTACT),
            Map.entry("urgings", Action.URGE),
            Map.entry("investigation", Action.INVESTIGATE),
            Map.entry("solution", Action.PROPOSE),
            Map.entry("offer", Action.OFFER),
            Map.entry("agreement", Action.AGREE),
            Map.entry("implementation", Action.IMPLEMENT),
            Map.entry("resolution", Action.RESOLVE),
            Map.entry("closure", Action.CLOSE),
            Map.entry("reopening", Action.REOPEN),
            Map.entry("messages", Action.MESSAGE),
            Map.entry("escalations", Action.ESCALATE),
            Map.entry("level", Action.RAISE_LEVEL),
            Map.entry("flags", Action.FLAG),
            Map.entry("safety-alerts", Action.SAFETY_ALERT),
            Map.entry("paraphrases", Action.PARAPHRASE),
            Map.entry("liability", Action.ACCEPT_LIABILITY),
            Map.entry("letters", Action.LETTER),
            Map.entry("statement-approvals", Action.APPROVE_STATEMENT));

    @Schema(name = "CasePage")
    record ListView(List<CaseView> items, String nextCursor) {}

    private final CaseService service;
    private final CaseSteps steps;
    private final TenantPolicies<RoutingPolicy> policies;

    CaseController(CaseService service, CaseSteps steps, TenantPolicies<RoutingPolicy> policies) {
        this.service = service;
        this.steps = steps;
        this.policies = policies;
    }

    @Operation(
            operationId = "getCase",
            summary = "Read a case",
            description = "Permission CASE_READ; partners need cases:read.")
    @ApiResponse(
            responseCode = "200",
            description = "The case; `allowedActions` lists the steps its state allows.",
            headers =
                    @Header(
                            name = "ETag",
                            description = "The case's version, for If-Match",
                            schema = @Schema(type = "string")),
            content = @Content(schema = @Schema(implementation = CaseView.class)))
    @GetMapping("/cases/{id}")
    ResponseEntity<CaseView> get(CallerIdentity caller, @PathVariable String id) {
        RoutingPermissions.require(caller, policies.of(caller), Permission.CASE_READ);
        var view = view(service.get(caller, id));
        return ResponseEntity.ok().eTag(etag(view.version())).body(view);
    }

    @Operation(
            operationId = "listCases",
            summary = "List cases in the caller's scope, or the case of a complaint (complaintId)",
            description = "Permission CASE_READ. Newest opening first; with `owner` the open cases of that owner,"
                    + " nearest running deadline first. A complaint's case appears once routing has opened it"
                    + " (eventual after POST /complaints).")
    @GetMapping("/cases")
    ListView list(
            CallerIdentity caller,
            @RequestParam(required = false) String complaintId,
            @Parameter(
                            description = "`me`: the open cases owned by the caller in person or by one of the caller's"
                                    + " roles; `role:<role>`: by one of the caller's roles (ADR 0601)",
                            example = "me")
                    @RequestParam(required = false)
                    String owner,
            @Parameter(schema = @Schema(implementation = State.class)) @RequestParam(required = false) String state,
            @Parameter(schema = @Schema(implementation = Level.class)) @RequestParam(required = false) String level,
            @RequestParam(required = false) String site,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") int limit) {
        RoutingPermissions.require(caller, policies.of(caller), Permission.CASE_READ);
        if (complaintId != null) {
            return new ListView(
                    service.byComplaint(caller, complaintId).map(this::view).stream()
                            .toList(),
                    null);
        }
        var page = owner == null
                ? service.page(caller, state, level, site, cursor, limit)
                : service.owned(caller, owner, state, level, site, cursor, limit);
        return new ListView(page.items().stream().map(this::view).toList(), page.nextCursor());
    }

    @Hidden
    @PostMapping("/cases/{id}/{step}")
    ResponseEntity<CaseView> act(
            CallerIdentity caller,
            @PathVariable String id,
            @PathVariable String step,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestBody(required = false) Step body) {
        var action = STEPS.get(step);
        if (action == null) {
            throw ProblemException.notFound("case action", step);
        }
        return steps.take(caller, id, action, ifMatch, body);
    }

    /** Completes a side-route task (ESC-01, ESC-03, SLA-X2, CH-03) with evidence; answers the case. */
    @Operation(
            operationId = "completeCaseTask",
            summary = "Complete a case's side-route task with evidence (ESC-01, ESC-03, SLA-X2, CH-03)",
            description = "Permission COMPLETE_TASK (the task's owner).")
    @PostMapping("/cases/{id}/tasks/{taskId}/completion")
    ResponseEntity<CaseView> completeTask(
            CallerIdentity caller,
            @PathVariable String id,
            @PathVariable String taskId,
            @RequestBody(required = false) TaskCompletion body) {
        var evidence = body == null ? null : body.evidence();
        var view = view(service.completeTask(caller, id, taskId, evidence));
        return ResponseEntity.ok().eTag(etag(view.version())).body(view);
    }

    @Operation(
            operationId = "getTenantPolicy",
            summary = "The caller's tenant's effective routing policy (preset with overrides)")
    @GetMapping("/policies/{tenant}")
    Map<String, Object> policy(CallerIdentity caller, @PathVariable String tenant) {
        if (!caller.tenant().equals(tenant)) {
            throw ProblemException.notFound("policy", tenant);
        }
        return policies.effective(tenant);
    }

    private CaseView view(Case c) {
        return service.view(c);
    }

    static String etag(long version) {
        return "\"" + version + "\"";
    }
}
