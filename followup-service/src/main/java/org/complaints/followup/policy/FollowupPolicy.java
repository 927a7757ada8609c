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
 * @param unreachedAttemptsBeforeEscalation after this many unreached contact attempts in a row the
 *     follow-up escalates, once, to the supervisor of its owner (FU-03, §8.2)
 * @param supervisors a visit owner's role → the role it escalates to (FU-03)
 * @param defaultSupervisor the role an owner without an entry in {@code supervisors} escalates to
 * @param report who compiles and who reviews the monthly report (LC-11, KP-01, ADR 0521)
 * @param permissions who may do what ({@link FollowupAction} name → roles; enforced by
 *     {@link FollowupPermissions}, published in {@code docs/permissions-followup.md}, ADR 0402)
 */
public record FollowupPolicy(
        List<Task> tasks,
        List<Task> reworkTasks,
        int satisfiedAtLeast,
        int scaleMax,
        int unreachedAttemptsBeforeEscalation,
        Map<String, String> supervisors,
        String defaultSupervisor,
        Report report,
        Map<String, List<String>> permissions) {

    /**
     * The monthly report's people (LC-11, KP-01): the department named as its author, the roles
     * that get a review task when a month's report is frozen and sign it off, in order, and the
     * departments its valuable-feedback items are addressed to (RT-09, RC-11), and the share of
     * satisfied follow-ups the month is measured against (KP-03: the dealer's target is 100 %).
     */
    public record Report(String author, List<String> reviewers, List<String> feedbackFor, Double satisfactionTarget) {
        public Report {
            reviewers = reviewers == null ? List.of() : List.copyOf(reviewers);
            feedbackFor = feedbackFor == null ? List.of() : List.copyOf(feedbackFor);
            satisfactionTarget = satisfactionTarget == null ? 1.0 : satisfactionTarget;
            if (satisfactionTarget <= 0 || satisfactionTarget > 1) {
                throw new IllegalArgumentException(
                        "report.satisfactionTarget must be a share in (0, 1], was " + satisfactionTarget);
            }
        }
    }

    public FollowupPolicy {
        report = report == null ? new Report(null, List.of(), List.of(), null) : report;
        tasks = tasks == null ? List.of() : tasks;
        reworkTasks = reworkTasks == null ? List.of() : reworkTasks;
        supervisors = supervisors == null ? Map.of() : Map.copyOf(supervisors);
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
     * The role an unreachable visit escalates to (FU-03): the supervisor of the visit's owner, which
     * is the first of its roles (the others stand in for it), else {@code defaultSupervisor}.
     */
    public String supervisorOf(List<String> visitRoles) {
        return visitRoles.isEmpty()
                ? defaultSupervisor
                : supervisors.getOrDefault(visitRoles.getFirst(), defaultSupervisor);
    }

    /**
     * @param type e.g. SATISFACTION_SURVEY, PHONE_CALL, REWORK_CALLBACK
     * @param due SAME_DAY (end of the resolution day), NEXT_WORKING_DAY, or AFTER (resolution + {@code after})
     * @param after the span for AFTER
     * @param roles who makes this visit and records its attempts and outcome (LC-09 for rework
     *     call-backs), within {@code permissions.RECORD_OUTCOME}; the first is the visit's owner
     * @param rule the rule the task implements, for reports and tests
     */
    public record Task(String type, String due, Duration after, List<String> roles, String rule) {
        public Task {
            roles = roles == null ? List.of() : roles;
        }
    }
}
