package org.complaints.routing.calendar;

import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.scope.CallerScope;
import org.complaints.support.tenant.Site;
import org.complaints.support.tenant.TenantDirectory;
import org.complaints.support.web.ProblemException;
import org.springframework.stereotype.Component;

/** The caller's sites: a site of another tenant, or outside the caller's regions and sites, is not found. */
@Component
public class Sites {

    private final TenantDirectory tenants;

    public Sites(TenantDirectory tenants) {
        this.tenants = tenants;
    }

    public Site visible(CallerIdentity caller, String siteId) {
        var scope = CallerScope.of(caller);
        return tenants.find(caller.tenant())
                .flatMap(t -> t.site(siteId))
                .filter(s -> scope.covers(caller.tenant(), s.region(), s.id()))
                .orElseThrow(() -> ProblemException.notFound("site", siteId));
    }
}
