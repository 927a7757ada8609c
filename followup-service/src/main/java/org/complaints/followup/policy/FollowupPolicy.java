package org.complaints.followup.policy;

import java.time.Duration;
import java.util.List;

/**
 * A tenant's follow-up rules: this service's {@code presets/<preset>.yml} with the tenant's
 * {@code overrides.followup} merged over it.
 *
 * @param tasks the visits planned when a case is resolved (FU-*, SLA-X3/X4/X5)
 * @param reworkTasks planned instead when the resolution involved rework (LC-09)
 * @param satisfiedAtLeast a score at or above this is satisfied (scale 1..scaleMax)
 * @param scaleMax the top of the satisfaction scale
 */
public record FollowupPolicy(List<Task> tasks, List<Task> reworkTasks, int satisfiedAtLeast, int scaleMax) {

    /**
     * @param type e.g. SATISFACTION_SURVEY, PHONE_CALL, REWORK_CALLBACK
     * @param due SAME_DAY (end of the resolution day), NEXT_WORKING_DAY, or AFTER (resolution + {@code after})
     * @param after the span for AFTER
     * @param roles who may record the outcome (LC-09 for rework call-backs)
     * @param rule the rule the task implements, for reports and tests
     */
    public record Task(String type, String due, Duration after, List<String> roles, String rule) {}
}
