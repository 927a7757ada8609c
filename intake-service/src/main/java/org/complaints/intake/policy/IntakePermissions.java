package org.complaints.intake.policy;

import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.web.ProblemException;

/**
 * The one place intake checks who may take an action: the preset's {@code permissions} table.
 * {@value #ANYONE} in a list allows every caller of the tenant that may file (staff and partners);
 * {@code system} allows intake's own jobs and other services. A refusal is a 403 naming the roles.
 */
public final class IntakePermissions {

    public static final String ANYONE = "*";

    private IntakePermissions() {}

    public static boolean allows(CallerIdentity caller, IntakePolicy policy, IntakeAction action) {
        var roles = policy.allowed(action);
        return roles.contains(ANYONE) || caller.hasAnyRole(roles);
    }

    public static void require(CallerIdentity caller, IntakePolicy policy, IntakeAction action) {
        if (!allows(caller, policy, action)) {
            throw ProblemException.forbidden("Only " + policy.allowed(action) + " may "
                    + action.description().toLowerCase(java.util.Locale.ROOT) + " (" + action.rules() + ").");
        }
    }
}
