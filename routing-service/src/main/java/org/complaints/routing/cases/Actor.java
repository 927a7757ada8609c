package org.complaints.routing.cases;

import java.util.Set;
import org.complaints.routing.policy.RoutingPermissions;

/**
 * Who acts on a case: a subject, its roles and its kind (plain Java, taken from the verified
 * caller). {@code staff} is false for partners and services.
 */
public record Actor(String subject, Set<String> roles, boolean system, boolean staff) {

    /**
     * Whether this actor is the case's owner: the person named ({@code person:} optional), or
     * anyone holding the role of a {@code role:} owner (the triage role, an ESC-05 escalation).
     */
    boolean owns(String owner) {
        return RoutingPermissions.owns(owner, subject, roles);
    }

    RoutingPermissions.Asker asking(String owner) {
        return new RoutingPermissions.Asker(roles, staff, system, owns(owner));
    }
}
