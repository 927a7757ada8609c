package org.complaints.compensation.policy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A tenant's compensation rules: this service's {@code presets/<preset>.yml} with the tenant's
 * {@code overrides.compensation} merged over it. No seed gives amounts, so every limit is data.
 *
 * @param authority role → remedy kind → the most that role may approve (CP-01, CP-04); a kind
 *     absent for a role is not allowed for it
 * @param approvalLadder roles from the lowest to the highest authority (ESC-04 picks the lowest
 *     that covers an amount)
 * @param approvalDue how long an approver has (CP-02: "as fast as possible")
 * @param monthlyBudgetPerSite default budget of each site and month
 * @param overBudget {@code REFUSE} or {@code ESCALATE} (to the next role above the approver)
 * @param allowedCaseStates routing states in which options may be proposed
 * @param conflictRole who joins after the customer's second rejection (ESC-05)
 * @param budgetRoles roles that may set budgets
 * @param repeatWindow earlier compensations of the same customer in this window are flagged
 * @param agreementDue time to deliver an agreed remedy (LC-45)
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
        List<String> budgetRoles,
        Duration repeatWindow,
        Duration agreementDue) {

    /** The most any of the roles may approve for the kind, or null when none may. */
    public BigDecimal limitOf(java.util.Collection<String> roles, String kind) {
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
    public java.util.Optional<String> lowestCovering(String kind, BigDecimal amount) {
        return approvalLadder.stream()
                .filter(role -> {
                    var limit = authority.getOrDefault(role, Map.of()).get(kind);
                    return limit != null && limit.compareTo(amount) >= 0;
                })
                .findFirst();
    }
}
