package org.complaints.compensation.remedy;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.List;
import org.complaints.compensation.policy.CompensationPolicy;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.tenant.TenantPolicies;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's tenant's closed sets for remedies (issue 13, ADR 0283): the remedy kinds (also the
 * kinds a complaint's demand names), which carry an amount, the currency and the approval ladder.
 */
@RestController
@Tag(name = "Reference")
class RemedyReferenceController {

    @Schema(name = "RemedyKindReference")
    record KindView(
            @Schema(implementation = RemedyKind.class) String kind,

            @Schema(description = "Whether an option of this kind carries an amount")
            boolean hasAmount) {}

    @Schema(name = "CompensationReference")
    record RemedyReference(
            String tenant,
            String currency,

            @Schema(description = "Remedy kinds; also the kinds a complaint's `demand.kind` names")
            List<KindView> remedyKinds,

            @Schema(description = "Approver roles, lowest first")
            List<String> approvalLadder,

            @Schema(description = "Decisions on a pending option (POST /compensations/{id}/approvals)")
            List<String> decisions) {}

    private final TenantPolicies<CompensationPolicy> policies;

    RemedyReferenceController(TenantPolicies<CompensationPolicy> policies) {
        this.policies = policies;
    }

    @Operation(
            operationId = "getCompensationReference",
            summary = "Remedy kinds, currency and approval ladder of the caller's tenant")
    @GetMapping("/reference/compensations")
    RemedyReference reference(CallerIdentity caller) {
        var policy = policies.of(caller);
        var kinds = Arrays.stream(RemedyKind.values())
                .map(k -> new KindView(k.name(), k.hasAmount()))
                .toList();
        return new RemedyReference(
                caller.tenant(),
                policy.currency(),
                kinds,
                policy.approvalLadder(),
                List.of("APPROVE", "MODIFY", "REJECT"));
    }
}
