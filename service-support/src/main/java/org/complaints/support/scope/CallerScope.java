package org.complaints.support.scope;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.web.ProblemException;
import org.springframework.data.mongodb.core.query.Criteria;

/**
 * What part of a tenant a caller may see and touch: its tenant always; its regions and sites when
 * its credentials name any (an empty list means all of the tenant, or all of its regions). Every
 * query, list, aggregate, report, cursor and idempotent replay starts from {@link #criteria}, and
 * every read by id passes {@link #covers} (a document outside the scope is answered as not found),
 * so no endpoint can forget the region or the site.
 */
public record CallerScope(String tenant, Collection<String> regions, Collection<String> sites) {

    public static final String TENANT = "tenant";
    public static final String REGION = "region";
    public static final String SITE = "site";

    public static CallerScope of(CallerIdentity caller) {
        return new CallerScope(caller.tenant(), caller.regions(), caller.sites());
    }

    /** The filter for documents that store the tenant, region and site under the usual names. */
    public Criteria criteria() {
        return criteria(TENANT, REGION, SITE);
    }

    /**
     * The filter for documents with other field names; a null region or site field means the
     * collection does not carry it (only the tenant is then filtered).
     */
    public Criteria criteria(String tenantField, String regionField, String siteField) {
        var criteria = Criteria.where(tenantField).is(tenant);
        if (regionField != null && !regions.isEmpty()) {
            criteria = criteria.and(regionField).in(regions);
        }
        if (siteField != null && !sites.isEmpty()) {
            criteria = criteria.and(siteField).in(sites);
        }
        return criteria;
    }

    /** Whether a document of this tenant, region and site is inside the scope. */
    public boolean covers(String documentTenant, String region, String site) {
        return tenant.equals(documentTenant)
                && (regions.isEmpty() || regions.contains(region))
                && (sites.isEmpty() || sites.contains(site));
    }

    /**
     * The region a summary or report may cover: the one asked for when inside the scope, the
     * caller's only region when none is asked for; a region outside the scope is not found (as a
     * document outside it is), and none asked for by a caller of several regions is refused.
     */
    public String region(String requested) {
        return narrow("region", requested, regions);
    }

    /**
     * The scope narrowed to a region and site a request asks for (null = no narrowing); one outside
     * the scope is not found. Filter with this instead of adding the request's region or site to
     * {@link #criteria()}, which would name the field twice.
     */
    public CallerScope within(String region, String site) {
        return new CallerScope(
                tenant, region == null ? regions : List.of(region(region)), site == null ? sites : List.of(site(site)));
    }

    /** As {@link #region} for a site. */
    public String site(String requested) {
        return narrow("site", requested, sites);
    }

    private static String narrow(String field, String requested, Collection<String> allowed) {
        if (allowed.isEmpty()) {
            return requested;
        }
        if (requested == null) {
            if (allowed.size() == 1) {
                return allowed.iterator().next();
            }
            throw ProblemException.invalid(
                    field, "is required: your credentials cover " + String.join(", ", new TreeSet<>(allowed)));
        }
        if (!allowed.contains(requested)) {
            throw ProblemException.notFound(field, requested);
        }
        return requested;
    }

    /** Whether a request may ask for this region (null = all of the scope). */
    public boolean mayAskFor(String region) {
        return region == null || regions.isEmpty() || regions.contains(region);
    }
}
