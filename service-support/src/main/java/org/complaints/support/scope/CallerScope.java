package org.complaints.support.scope;

import java.util.Collection;
import org.complaints.support.identity.CallerIdentity;
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
     * The region a request may ask for: null (all of the scope) or one of the scope's regions; any
     * other is refused by the caller with a 404-like "not in scope" answer.
     */
    public boolean mayAskFor(String region) {
        return region == null || regions.isEmpty() || regions.contains(region);
    }
}
