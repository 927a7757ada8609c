package org.complaints.intake.complaint;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.complaints.intake.policy.IntakeAction;
import org.complaints.intake.policy.IntakePermissions;
import org.complaints.intake.policy.IntakePolicy;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.tenant.TenantPolicies;
import org.complaints.support.web.ProblemException;
import org.springframework.stereotype.Service;

/**
 * OT-13 / CP-20 ([CONFLICT] X13): a complaint is flagged {@code MALICIOUS_SUSPECTED} only with a
 * supervisor's approval, the preset's {@code MALICIOUS_FLAG} roles taken from the caller's
 * credentials; the decision (set or cleared) is recorded with who, in which roles, why and when.
 * Anyone else is refused (403) and nothing changes. Frontline handling stays calm; counter-measures
 * belong to legal and PR, not to this flag.
 */
@Service
public class MaliciousSuspicions {

    static final String FLAG = "MALICIOUS_SUSPECTED";

    @io.swagger.v3.oas.annotations.media.Schema(name = "MaliciousSuspicionDecision")
    public record Decision(
            @io.swagger.v3.oas.annotations.media.Schema(
                    description = "true sets MALICIOUS_SUSPECTED, false clears it",
                    requiredMode = io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED)
            Boolean suspected,

            @io.swagger.v3.oas.annotations.media.Schema(
                    description = "Why (recorded in flagDecisions)",
                    requiredMode = io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED)
            String reason) {}

    private final ComplaintHandling handling;
    private final ComplaintRepository complaints;
    private final TenantPolicies<IntakePolicy> policies;
    private final Clock clock;

    MaliciousSuspicions(
            ComplaintHandling handling,
            ComplaintRepository complaints,
            TenantPolicies<IntakePolicy> policies,
            Clock clock) {
        this.handling = handling;
        this.complaints = complaints;
        this.policies = policies;
        this.clock = clock;
    }

    public Complaint decide(CallerIdentity caller, String id, Decision decision) {
        IntakePermissions.require(caller, policies.of(caller), IntakeAction.MALICIOUS_FLAG);
        if (decision.suspected() == null) {
            throw ProblemException.invalid("suspected", "is required (true sets the flag, false clears it)");
        }
        if (decision.reason() == null || decision.reason().isBlank()) {
            throw ProblemException.invalid("reason", "is required: the facts behind the decision (OT-13)");
        }
        if (decision.reason().length() > 2000) {
            throw ProblemException.invalid("reason", "is longer than 2000 characters");
        }
        return handling.onLatest(() -> {
            var complaint = handling.find(caller, id);
            var flags = new ArrayList<>(complaint.flags);
            flags.remove(FLAG);
            if (decision.suspected()) {
                flags.add(FLAG);
            }
            complaint.flags = flags;
            var decisions = new ArrayList<>(complaint.flagDecisions == null ? List.of() : complaint.flagDecisions);
            decisions.add(new Complaint.FlagDecision(
                    FLAG,
                    decision.suspected(),
                    decision.reason(),
                    caller.subject(),
                    caller.roles().stream().sorted().toList(),
                    clock.instant()));
            complaint.flagDecisions = decisions;
            return complaints.save(complaint);
        });
    }
}
