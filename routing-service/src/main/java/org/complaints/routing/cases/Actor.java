package org.complaints.routing.cases;

import java.util.Collection;
import java.util.Set;

/** Who acts on a case: a subject and its roles (plain Java, taken from the verified caller). */
public record Actor(String subject, Set<String> roles, boolean system) {

    public static final Actor SYSTEM = new Actor("routing-service", Set.of(), true);

    boolean hasAnyRole(Collection<String> candidates) {
        return candidates != null && candidates.stream().anyMatch(roles::contains);
    }
}
