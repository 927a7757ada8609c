package org.complaints.routing.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.web.ProblemException;

/**
 * The one place routing decides who may take a case step or read: the preset's {@code permissions}
 * table ({@link Permission} → list; a tenant's {@code overrides.routing.permissions.<NAME>} replaces
 * a list). Besides role names a list may hold {@value #ANY_STAFF} (every staff member of the tenant),
 * {@value #SYSTEM} (the services' own identities: events from compensation, follow-up and intake,
 * peer reads) and {@value #OWNER} (the case's current owner, so the responsible person assigned to a
 * case keeps doing its work steps whatever their role; for {@code COMPLETE_TASK} the task's owner).
 * Partners carry the role {@code partner}.
 * Regions and sites are checked apart from this ({@code CallerScope}).
 */
public final class RoutingPermissions {

    public static final String ANY_STAFF = "*";
    public static final String SYSTEM = "system";
    public static final String OWNER = "owner";

    private RoutingPermissions() {}

    /**
     * Who asks: their roles, what kind of caller they are, and whether they own the case in hand
     * (always false outside a case).
     */
    public record Asker(Set<String> roles, boolean staff, boolean system, boolean owner) {

        public static Asker of(CallerIdentity caller) {
            return new Asker(caller.roles(), caller.kind() == CallerIdentity.Kind.STAFF, caller.isSystem(), false);
        }
    }

    public static boolean allows(RoutingPolicy policy, Permission permission, Asker asker) {
        return policy.rolesFor(permission).stream().anyMatch(entry -> switch (entry) {
            case ANY_STAFF -> asker.staff();
            // by the identity's kind, so a staff role that happens to be called "system" gains nothing
            case SYSTEM -> asker.system();
            case OWNER -> asker.staff() && asker.owner();
            default -> asker.roles().contains(entry);
        });
    }

    /**
     * Whether a caller owns something owned by {@code owner}: the person named ({@code person:}
     * optional), or anyone holding the role of a {@code role:} owner.
     */
    public static boolean owns(String owner, String subject, Set<String> roles) {
        if (owner == null || owner.isBlank()) {
            return false;
        }
        if (owner.startsWith("role:")) {
            return roles.contains(owner.substring("role:".length()));
        }
        return subject.equals(owner.startsWith("person:") ? owner.substring("person:".length()) : owner);
    }

    /** The refusal's text: who may, what, and the rules behind it. */
    public static String refusal(RoutingPolicy policy, Permission permission) {
        return "Only " + policy.rolesFor(permission) + " may "
                + permission.description().toLowerCase(Locale.ROOT) + " (" + permission.rules() + ").";
    }

    /** For reads and anything outside a case: a refusal is a 403 problem naming the roles. */
    public static void require(CallerIdentity caller, RoutingPolicy policy, Permission permission) {
        if (!allows(policy, permission, Asker.of(caller))) {
            throw ProblemException.forbidden(refusal(policy, permission));
        }
    }

    /** Every problem of the table, each naming the entries; empty when it is complete. */
    static List<String> problems(RoutingPolicy policy) {
        var problems = new ArrayList<String>();
        var known = Arrays.stream(Permission.values()).map(Enum::name).toList();
        var unknown = new TreeSet<>(policy.permissions().keySet());
        known.forEach(unknown::remove);
        if (!unknown.isEmpty()) {
            problems.add("permissions names unknown actions: " + String.join(", ", unknown) + " (known: "
                    + String.join(", ", known) + ")");
        }
        var missing = Arrays.stream(Permission.values())
                .filter(p -> policy.rolesFor(p).isEmpty())
                .map(Enum::name)
                .toList();
        if (!missing.isEmpty()) {
            problems.add("permissions has no roles for: " + String.join(", ", missing));
        }
        if (policy.closureRoles() != null) {
            problems.add("closureRoles is retired: list the roles under permissions.CLOSE");
        }
        if (policy.reopenRoles() != null) {
            problems.add("reopenRoles is retired: list the roles under permissions.REOPEN");
        }
        return problems;
    }
}
