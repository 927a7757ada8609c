package org.complaints.compensation.policy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tenant's compensation rules: this service's {@code presets/<preset>.yml} with the tenant's
 * {@code overrides.compensation} merged over it. No seed gives amounts, so every limit is data.
 * Plain Java: the rules here are tested without Spring.
 *
 * @param authority role → remedy kind → the most that role may approve (CP-01, CP-04); a kind
 *     absent for a role is not allowed for it
 * @param approvalLadder roles from the lowest to the highest authority (ESC-04 picks the lowest
 *     that covers an amount)
 * @param approvalDue how long an approver has (CP-02: "as fast as possible"); an approval not
 *     decided by then moves one rung up the ladder
 * @param monthlyBudgetPerSite default budget of each site and month
 * @param overBudget {@code REFUSE} or {@code ESCALATE} (to the next role above the approver)
 * @param allowedCaseStates routing states in which options may be proposed; used only when
 *     routing's case view carries no {@code allowedActions}
 * @param conflictRole who joins after the customer's second rejection (ESC-05)
 * @param permissions compensation action → roles allowed (one table per preset, enforced in
 *     {@link #permits})
 * @param repeatWindow earlier compensations of the same customer in this window are flagged
 * @param agreementDue time to deliver an agreed remedy (LC-45, LC-35)
 * @param implementationEscalationRole who hears of an agreement not implemented by its due time
 * @param customaryRemedies CP-11: the company's customary remedy (惯例) by the complaint's subject type
 *     (CL-10), with {@code DEFAULT} for any other; proposed when the customer has no wish of their own
 */
public record CompensationPolicy(
        String currency,
        Map<String, Map<String, BigDecimal>> authority,
        List<String> approvalLadder,
        Duration approvalDue,
        BigDecimal monthlyBudgetPerSite,
        String overBudget,
        List<String> allowedCaseStates,
        String conflictRole,
        Map<CompensationAction, List<String>> permissions,
        Duration repeatWindow,
        Duration agreementDue,
        String implementationEscalationRole,
        Map<String, CustomaryRemedy> customaryRemedies) {

    public CompensationPolicy {
        permissions = permissions == null ? Map.of() : Map.copyOf(permissions);
        authority = authority == null ? Map.of() : authority;
        approvalLadder = approvalLadder == null ? List.of() : List.copyOf(approvalLadder);
        customaryRemedies = customaryRemedies == null ? Map.of() : Map.copyOf(customaryRemedies);
    }

    /**
     * CP-11: a customary remedy; {@code amount} in the tenant's currency, required for kinds that
     * carry one.
     */
    public record CustomaryRemedy(String kind, BigDecimal amount) {}

    /** CP-11: the customary remedy for the subject type, else the tenant's {@code DEFAULT}, else none. */
    public Optional<CustomaryRemedy> customaryRemedy(String subjectType) {
        var remedy = subjectType == null ? null : customaryRemedies.get(subjectType);
        return Optional.ofNullable(remedy == null ? customaryRemedies.get("DEFAULT") : remedy);
    }

    /** Whether any of the roles may perform the action (the one place permissions are decided). */
    public boolean permits(Collection<String> roles, CompensationAction action) {
        return roles.stream().anyMatch(rolesFor(action)::contains);
    }

    public List<String> rolesFor(CompensationAction action) {
        return permissions.getOrDefault(action, List.of());
    }

    /** CP-01 / ESC-04 / CP-04 for one amount of one kind, for the caller's roles. */
    public Authorization authorize(Collection<String> roles, String kind, BigDecimal amount) {
        var own = limitOf(roles, kind);
        if (own != null && own.compareTo(amount) >= 0) {
            return new Authorization.ApproveNow();
        }
        return lowestCovering(kind, amount)
                .<Authorization>map(Authorization.NeedsRole::new)
                .orElseGet(Authorization.BeyondCeiling::new);
    }

    /** The most any of the roles may approve for the kind, or null when none may. */
    public BigDecimal limitOf(Collection<String> roles, String kind) {
        BigDecimal best = null;
        for (var role : roles) {
            var limit = authority.getOrDefault(role, Map.of()).get(kind);
            if (limit != null && (best == null || limit.compareTo(best) > 0)) {
                best = limit;
            }
        }
        return best;
    }

    /** ESC-04: the lowest role of the ladder whose limit covers the amount. */
    public Optional<String> lowestCovering(String kind, BigDecimal amount) {
        return approvalLadder.stream()
                .filter(role -> {
                    var limit = authority.getOrDefault(role, Map.of()).get(kind);
                    return limit != null && limit.compareTo(amount) >= 0;
                })
                .findFirst();
    }

    /** The highest ladder rung among the roles, or -1 when none is on the ladder. */
    public int rungOf(Collection<String> roles) {
        return roles.stream().mapToInt(approvalLadder::indexOf).max().orElse(-1);
    }

    /** Whether the roles hold a rung at or above the given ladder role. */
    public boolean atOrAbove(Collection<String> roles, String role) {
        var needed = approvalLadder.indexOf(role);
        return needed >= 0 && rungOf(roles) >= needed;
    }

    /** The rung above the role (CP-02: an approval left undecided moves up), if any. */
    public Optional<String> rungAbove(String role) {
        var index = approvalLadder.indexOf(role);
        return index >= 0 && index + 1 < approvalLadder.size()
                ? Optional.of(approvalLadder.get(index + 1))
                : Optional.empty();
    }
}
