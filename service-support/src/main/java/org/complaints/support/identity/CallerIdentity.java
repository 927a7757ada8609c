package org.complaints.support.identity;

import java.util.List;
import java.util.Set;

/**
 * The verified caller of a request, as the gateway (or a peer service) signed it. Every read and write is
 * scoped to {@link #tenant()}; every decision checks {@link #roles()}. Nothing here comes from a
 * request body. {@link #onBehalfOf()} is set on a peer service's system identity sent while it
 * served a user: the user's subject, for audit only.
 */
public record CallerIdentity(
        String subject,
        Kind kind,
        String tenant,
        Set<String> regions,
        Set<String> sites,
        Set<String> roles,
        Set<String> scopes,
        String name,
        String onBehalfOf) {

    public enum Kind {
        STAFF,
        PARTNER,
        SYSTEM
    }

    public static final String SYSTEM_ROLE = "system";
    public static final String SYSTEM_PREFIX = "system:";

    /** An identity without {@link #onBehalfOf()}: every staff and partner caller. */
    public CallerIdentity(
            String subject,
            Kind kind,
            String tenant,
            Set<String> regions,
            Set<String> sites,
            Set<String> roles,
            Set<String> scopes,
            String name) {
        this(subject, kind, tenant, regions, sites, roles, scopes, name, null);
    }

    public CallerIdentity {
        regions = regions == null ? Set.of() : Set.copyOf(regions);
        sites = sites == null ? Set.of() : Set.copyOf(sites);
        roles = roles == null ? Set.of() : Set.copyOf(roles);
        scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
    }

    public static CallerIdentity system(String service, String tenant) {
        return new CallerIdentity(
                SYSTEM_PREFIX + service,
                Kind.SYSTEM,
                tenant,
                Set.of(),
                Set.of(),
                Set.of(SYSTEM_ROLE),
                Set.of(),
                service,
                null);
    }

    /**
     * This identity noting the user it acts for ({@code obo} claim). For audit only: it grants
     * nothing, and the user's regions, sites and roles are not carried.
     */
    public CallerIdentity actingFor(String user) {
        return new CallerIdentity(subject, kind, tenant, regions, sites, roles, scopes, name, user);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean hasAnyRole(List<String> candidates) {
        return candidates.stream().anyMatch(roles::contains);
    }

    public boolean isSystem() {
        return kind == Kind.SYSTEM;
    }

    /** Staff with no scopes may do what their roles allow; partners and relays need the scope. */
    public boolean hasScope(String scope) {
        return kind == Kind.SYSTEM || (kind == Kind.STAFF && scopes.isEmpty()) || scopes.contains(scope);
    }

    /** An empty region list means every region of the tenant. */
    public boolean mayActInRegion(String region) {
        return regions.isEmpty() || regions.contains(region);
    }

    /** An empty site list means every site of the caller's regions. */
    public boolean mayActAt(String region, String site) {
        return mayActInRegion(region) && (sites.isEmpty() || sites.contains(site));
    }
}
