package org.complaints.routing.cases;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.complaints.routing.policy.RoutingPolicy;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.tenant.TenantPolicies;
import org.complaints.support.text.TextLinter;
import org.complaints.support.text.TextPolicy;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's tenant's closed sets for handling a case (issue 13, ADR 0283): level names,
 * departments by domain, the case steps with the roles that may take them, states, task kinds and
 * the customer flags the tenant acts on, from the tenant's effective routing policy.
 */
@RestController
@Tag(name = "Reference")
class CaseReferenceController {

    @Schema(name = "CaseLevelReference")
    record LevelView(@Schema(implementation = Level.class) String level, String name) {}

    @Schema(name = "CaseStepReference")
    record StepView(
            @Schema(description = "POST /cases/{id}/<step>", example = "acceptance")
            String step,

            String permission,
            String description,

            @Schema(description = "Roles allowed (`*` any staff, `owner` the case's owner)")
            List<String> roles) {}

    @Schema(name = "DepartmentReference")
    record Departments(
            @Schema(description = "Responsible domain → department")
            Map<String, String> byDomain,

            Map<String, String> bySubjectType,
            Map<String, String> byResponsibilityCategory,
            String fallback,

            @Schema(description = "LC-32: each department's handling unit and handling lead")
            Map<String, RoutingPolicy.Unit> units) {}

    @Schema(name = "CaseReference")
    record CaseReference(
            String tenant,
            List<LevelView> levels,
            Departments departments,
            List<StepView> steps,

            @ArraySchema(schema = @Schema(implementation = State.class))
            List<String> states,

            @Schema(description = "Kinds of tasks cases and incidents open (GET /tasks)")
            List<String> taskKinds,

            @Schema(
                    description =
                            "CL-23 customer flags this tenant acts on (POST /cases/{id}/flags, safety-alert) and what each sets off")
            Map<String, FlagView> flags,

            @Schema(
                    description =
                            "§12 (ADR 0500): the phrase rules customer-facing text is checked with, so a client can show"
                                    + " findings while staff type; the check on sending stays the authority")
            TextPolicy texts) {}

    @Schema(name = "CustomerFlagReference")
    record FlagView(
            String rule,

            @Schema(description = "What staff see on the case while the flag is set (§12.4-6)")
            String banner,

            @Schema(description = "The level the case is raised to at least (CL-02.3)", nullable = true)
            String minLevel,

            @Schema(description = "Who is alerted at once (ESC-09)")
            List<String> alert,

            @Schema(description = "The task the flag opens", nullable = true)
            String task,

            @Schema(description = "CM-15: written statements to this customer wait for PR approval")
            boolean statementsNeedApproval) {

        static FlagView of(RoutingPolicy.FlagRule f) {
            return new FlagView(
                    f.rule(),
                    f.banner(),
                    f.minLevel(),
                    f.alert(),
                    f.task() == null ? null : f.task().task(),
                    f.statementsNeedApproval());
        }
    }

    private final TenantPolicies<RoutingPolicy> policies;
    private final TextLinter texts;

    CaseReferenceController(TenantPolicies<RoutingPolicy> policies, TextLinter texts) {
        this.policies = policies;
        this.texts = texts;
    }

    @Operation(
            operationId = "getCaseReference",
            summary =
                    "Level names, departments, case steps with their roles, states and task kinds of the caller's tenant")
    @GetMapping("/reference/cases")
    CaseReference reference(CallerIdentity caller) {
        var policy = policies.of(caller);
        var levels = Arrays.stream(Level.values())
                .filter(l -> policy.levelNames() != null && policy.levelNames().containsKey(l.name()))
                .map(l -> new LevelView(l.name(), policy.levelNames().get(l.name())))
                .toList();
        var d = policy.departments();
        var departments = d == null
                ? new Departments(Map.of(), Map.of(), Map.of(), null, Map.of())
                : new Departments(
                        orEmpty(d.byDomain()),
                        orEmpty(d.bySubjectType()),
                        orEmpty(d.byResponsibilityCategory()),
                        d.fallback(),
                        new TreeMap<>(d.units()));
        var stepViews = new java.util.ArrayList<StepView>();
        new TreeMap<>(CaseController.STEPS)
                .forEach((step, action) -> stepViews.add(new StepView(
                        step,
                        action.permission().name(),
                        action.permission().description(),
                        policy.rolesFor(action.permission()))));
        var states = Arrays.stream(State.values()).map(Enum::name).toList();
        var flags = new TreeMap<String, FlagView>();
        policy.flags().forEach((flag, rule) -> flags.put(flag, FlagView.of(rule)));
        return new CaseReference(
                caller.tenant(),
                levels,
                departments,
                stepViews,
                states,
                taskKinds(policy),
                flags,
                texts.policy(caller.tenant()));
    }

    private static List<String> taskKinds(RoutingPolicy policy) {
        var kinds = new TreeSet<String>();
        if (policy.sideRoutes() != null) {
            policy.sideRoutes().forEach(r -> kinds.add(r.task()));
        }
        policy.flags().values().stream()
                .filter(f -> f.task() != null)
                .forEach(f -> kinds.add(f.task().task()));
        if (policy.groupComplaint() != null) {
            policy.groupComplaint().tasks().forEach(t -> kinds.add(t.name()));
        }
        if (policy.handlingTasks() != null && policy.handlingTasks().rootCause() != null) {
            kinds.add(HandlingTaskRules.ROOT_CAUSE);
        }
        if (policy.handlingTasks() != null && policy.handlingTasks().capaReview() != null) {
            kinds.add(HandlingTaskRules.CAPA_REVIEW);
        }
        if (policy.handlingTasks() != null && policy.handlingTasks().archive() != null) {
            kinds.add(HandlingTaskRules.ARCHIVE);
        }
        return List.copyOf(kinds);
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : new TreeMap<>(map);
    }
}
