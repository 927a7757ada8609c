package org.complaints.followup.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.web.ProblemException;

/**
 * The one place followup-service decides who may do what: the preset's {@code permissions} table
 * ({@link FollowupAction} → list; a tenant's {@code overrides.followup.permissions.<ACTION>}
 * replaces a list). {@value #ANY_STAFF} = every staff member of the tenant; {@value #SYSTEM} =
 * the services' own identities (matched by kind); partners carry the role {@code partner}. A
 * contact attempt or an outcome also needs one of the visit's roles (LC-09: a rework call-back is
 * the service manager's or director's), stored on the follow-up when it was planned; the table is
 * the ceiling, so a narrowed table also binds follow-ups planned before. Refusals are 403 naming
 * the roles.
 */
public final class FollowupPermissions {

    public static final String ANY_STAFF = "*";
    public static final String SYSTEM = "system";

    private FollowupPermissions() {}

    public static boolean allows(CallerIdentity caller, FollowupPolicy policy, FollowupAction action) {
        return policy.rolesFor(action).stream().anyMatch(entry -> switch (entry) {
            case ANY_STAFF -> caller.kind() == CallerIdentity.Kind.STAFF;
            case SYSTEM -> caller.isSystem();
            default -> caller.hasRole(entry);
        });
    }

    public static void require(CallerIdentity caller, FollowupPolicy policy, FollowupAction action) {
        if (!allows(caller, policy, action)) {
            throw ProblemException.forbidden("Only " + policy.rolesFor(action) + " may "
                    + action.description().toLowerCase(Locale.ROOT) + " (" + action.rules() + ").");
        }
    }

    /** Recording a contact attempt or the outcome of a visit: the table's row, then the roles of the visit (LC-09). */
    public static void requireVisit(
            CallerIdentity caller, FollowupPolicy policy, String visitType, List<String> visitRoles) {
        require(caller, policy, FollowupAction.RECORD_OUTCOME);
        if (!caller.hasAnyRole(visitRoles)) {
            throw ProblemException.forbidden(
                    "Only " + visitRoles + " record the attempts and outcome of a " + visitType + " (LC-09).");
        }
    }

    /**
     * Every problem of the table and of the escalation of unreachable visits (FU-03), naming the
     * entries; empty when the policy is usable.
     */
    public static List<String> problems(FollowupPolicy policy) {
        var problems = new ArrayList<String>();
        var known = Arrays.stream(FollowupAction.values()).map(Enum::name).toList();
        var unknown = new TreeSet<>(policy.permissions().keySet());
        known.forEach(unknown::remove);
        if (!unknown.isEmpty()) {
            problems.add("permissions names unknown actions: " + String.join(", ", unknown) + " (known: "
                    + String.join(", ", known) + ")");
        }
        var missing = Arrays.stream(FollowupAction.values())
                .filter(a -> policy.rolesFor(a).isEmpty())
                .map(Enum::name)
                .toList();
        if (!missing.isEmpty()) {
            problems.add("permissions has no roles for: " + String.join(", ", missing));
        }
        var recorders = policy.rolesFor(FollowupAction.RECORD_OUTCOME);
        var tasks = new ArrayList<>(policy.tasks());
        tasks.addAll(policy.reworkTasks());
        var beyond = new TreeSet<String>();
        tasks.forEach(task -> task.roles().stream()
                .filter(role -> !recorders.contains(role))
                .forEach(role -> beyond.add(task.type() + ": " + role)));
        if (!beyond.isEmpty() && !recorders.contains(ANY_STAFF)) {
            problems.add("task roles that permissions.RECORD_OUTCOME does not allow (they could never record): "
                    + String.join(", ", beyond));
        }
        if (policy.unreachedAttemptsBeforeEscalation() < 1) {
            problems.add("unreachedAttemptsBeforeEscalation must be at least 1 (FU-03)");
        }
        var unsupervised = new TreeSet<String>();
        tasks.stream()
                .filter(task -> {
                    var supervisor = policy.supervisorOf(task.roles());
                    return supervisor == null || supervisor.isBlank();
                })
                .forEach(task -> unsupervised.add(task.type()));
        if (!unsupervised.isEmpty()) {
            problems.add("no supervisor for an unreachable visit to escalate to (FU-03): "
                    + String.join(", ", unsupervised) + " (add supervisors.<owner role> or defaultSupervisor)");
        }
        return problems;
    }

    /** Throws with every problem named, so the service refuses to start with an unusable table. */
    public static void requireUsable(String tenant, FollowupPolicy policy) {
        var problems = problems(policy);
        if (!problems.isEmpty()) {
            throw new IllegalStateException(
                    "followup policy of tenant " + tenant + " is not usable: " + String.join("; ", problems));
        }
    }
}
