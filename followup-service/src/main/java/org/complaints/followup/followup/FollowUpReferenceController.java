package org.complaints.followup.followup;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.complaints.followup.policy.FollowupPolicy;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.tenant.TenantPolicies;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's tenant's closed sets for follow-ups (issue 13, ADR 0283): contact channels, the
 * satisfaction scale and the kinds of follow-up tasks its preset plans.
 */
@RestController
@Tag(name = "Reference")
class FollowUpReferenceController {

    @Schema(name = "FollowUpReference")
    record FollowUpReference(
            String tenant,

            @ArraySchema(schema = @Schema(implementation = ContactChannel.class))
            List<String> contactChannels,

            @Schema(description = "Satisfaction is 1..scaleMax")
            int scaleMax,

            @Schema(description = "A score at or above this is satisfied")
            int satisfiedAtLeast,

            @Schema(description = "Kinds of follow-up tasks (after a resolution, after rework)")
            List<String> taskKinds) {}

    private final TenantPolicies<FollowupPolicy> policies;

    FollowUpReferenceController(TenantPolicies<FollowupPolicy> policies) {
        this.policies = policies;
    }

    @Operation(
            operationId = "getFollowUpReference",
            summary = "Contact channels, satisfaction scale and follow-up task kinds of the caller's tenant")
    @GetMapping("/reference/follow-ups")
    FollowUpReference reference(CallerIdentity caller) {
        var policy = policies.of(caller);
        var kinds = new TreeSet<String>();
        policy.tasks().forEach(t -> kinds.add(t.type()));
        policy.reworkTasks().forEach(t -> kinds.add(t.type()));
        return new FollowUpReference(
                caller.tenant(),
                Arrays.stream(ContactChannel.values()).map(Enum::name).toList(),
                policy.scaleMax(),
                policy.satisfiedAtLeast(),
                List.copyOf(kinds));
    }
}
