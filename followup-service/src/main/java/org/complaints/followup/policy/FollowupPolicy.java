package org.complaints.followup.policy;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tenant's follow-up rules: this service's {@code presets/<preset>.yml} with the tenant's
 * {@code overrides.followup} merged over it.
 *
 * @param tasks the visits planned when a case is resolved (FU-*, SLA-X3/X4/X5)
 * @param reworkTasks planned instead when the resolution involved rework (LC-09)
 * @param satisfiedAtLeast a score at or above this is satisfied (scale 1..scaleMax)
 * @param scaleMax the top of the satisfaction scale
 * @param permissions who may do what ({@link FollowupAction} name → roles; enforced by
 *     {@link FollowupPermissions}, published in {@code docs/permissions-followup.md}, ADR 0402)
 */
public record FollowupPolicy(
        List<Task> tasks,
        List<Task> reworkTasks,
        int satisfiedAtLeast,
        int scaleMax,
        Map<String, List<String>> permissions) {

    public FollowupPolicy {
        tasks = tasks == null ? List.of() : tasks;
        reworkTasks = reworkTasks == null ? List.of() : reworkTasks;
        var table = new LinkedHashMap<String, List<String>>();
        if (permissions != null) {
            // an entry written without a list ("READ:") is kept as empty, so the load check names it
            permissions.forEach((name, roles) -> table.put(name, roles == null ? List.of() : List.copyOf(roles)));
        }
        permissions = Collections.unmodifiableMap(table);
    }

    /** The list of an action; none listed = nobody (a complete table is checked at load). */
    public List<String> rolesFor(FollowupAction action) {
        var listed = permissions.get(action.name());
        return listed == null ? List.of() : listed;
    }

    /**
     * @param type e.g. SATISFACTION_SURVEY, PHONE_CALL, REWORK_CALLBACK
     * @param due SAME_DAY (end of the resolution day), NEXT_WORKING_DAY, or AFTER (resolution + {@code after})
     * @param after the span for AFTER
     * @param roles who makes this visit and records its outcome (LC-09 for rework call-backs), within
     *     {@code permissions.RECORD_OUTCOME}
     * @param rule the rule the task implements, for reports and tests
     */
    public record Task(String type, String due, Duration after, List<String> roles, String rule) {
        public Task {
            roles = roles == null ? List.of() : roles;
        }
    }
}
