package org.complaints.routing.rosters;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.complaints.routing.calendar.Sites;
import org.complaints.routing.policy.Permission;
import org.complaints.routing.policy.RoutingPermissions;
import org.complaints.routing.policy.RoutingPolicy;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.tenant.Site;
import org.complaints.support.tenant.TenantDirectory;
import org.complaints.support.tenant.TenantPolicies;
import org.complaints.support.web.ProblemException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Site rosters (LC-51, OT-30): read and replaced by the site's supervisors (the preset's
 * {@code ROSTER_READ} / {@code ROSTER_WRITE} rows, inside their regions and sites); the tenant
 * configuration's roster counts until the first replacement. A configured roster that is not valid
 * stops the service at start, naming the site and the fields.
 */
@Service
public class Rosters {

    public static final String CONFIGURED = "CONFIGURED";
    public static final String STORED = "STORED";

    private final RosterRepository rosters;
    private final Sites sites;
    private final TenantPolicies<RoutingPolicy> policies;
    private final Clock clock;

    public Rosters(
            RosterRepository rosters,
            Sites sites,
            TenantDirectory tenants,
            TenantPolicies<RoutingPolicy> policies,
            Clock clock) {
        this.rosters = rosters;
        this.sites = sites;
        this.policies = policies;
        this.clock = clock;
        requireValidConfiguration(tenants);
    }

    public RosterView read(CallerIdentity caller, String siteId) {
        RoutingPermissions.require(caller, policies.of(caller), Permission.ROSTER_READ);
        var site = sites.visible(caller, siteId);
        return view(site, rosters.find(caller.tenant(), site.id()).orElse(null));
    }

    /** Tries of an unconditional replacement (no If-Match) that keeps losing races. */
    private static final int UNCONDITIONAL_ATTEMPTS = 5;

    /**
     * Replaces the whole roster. Refused, with nothing changed: a caller outside the table (403),
     * a site outside the scope (404), invalid windows (422 naming each field), a stale
     * {@code expectedVersion} (412) or, with {@code expectedVersion}, a concurrent replacement (409).
     */
    public RosterView replace(CallerIdentity caller, String siteId, List<RosterWindow> windows, Long expectedVersion) {
        // Scope first, as every case step: a site outside it is 404 whatever the role.
        var site = sites.visible(caller, siteId);
        RoutingPermissions.require(caller, policies.of(caller), Permission.ROSTER_WRITE);
        var problems = Roster.problems(windows);
        if (!problems.isEmpty()) {
            throw new ProblemException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "invalid-roster",
                    "The roster is not valid: windows need days, start before end and acceptors, and may not overlap (LC-51, OT-30).",
                    problems);
        }
        // Without If-Match a replacement is unconditional: one that lost a race with another is
        // applied again on the newer version (last writer wins); with If-Match the race is a 409.
        for (var attempt = 1; ; attempt++) {
            var current = rosters.find(caller.tenant(), site.id()).orElse(null);
            var version = version(current);
            if (expectedVersion != null && expectedVersion != version) {
                throw new ProblemException(
                        HttpStatus.PRECONDITION_FAILED,
                        "stale-version",
                        "The roster changed since version " + expectedVersion + "; it is at " + version
                                + ". Reload it.");
            }
            var replacement = new StoredRoster(
                    StoredRoster.key(caller.tenant(), site.id()),
                    current == null ? null : current.version(),
                    caller.tenant(),
                    site.region(),
                    site.id(),
                    List.copyOf(windows),
                    caller.subject(),
                    clock.instant());
            try {
                return view(site, rosters.save(replacement));
            } catch (OptimisticLockingFailureException | DuplicateKeyException raced) {
                if (expectedVersion != null || attempt == UNCONDITIONAL_ATTEMPTS) {
                    throw ProblemException.conflict(
                            "concurrent-change", "The roster was replaced at the same time; reload it.");
                }
            }
        }
    }

    /** The roster that counts now for a site of a tenant; null when the site has none (not checked). */
    public Roster current(String tenant, Site site) {
        var windows = rosters.find(tenant, site.id()).map(StoredRoster::windows).orElseGet(() -> configured(site));
        return windows.isEmpty() ? null : Roster.of(windows);
    }

    private RosterView view(Site site, StoredRoster stored) {
        if (stored == null) {
            return new RosterView(
                    site.id(), site.region(), site.zone().getId(), CONFIGURED, 0, configured(site), null, null);
        }
        return new RosterView(
                site.id(),
                site.region(),
                site.zone().getId(),
                STORED,
                version(stored),
                stored.windows(),
                stored.updatedBy(),
                stored.updatedAt());
    }

    /** The API's version: 0 for the configured roster, the stored version + 1 after a replacement. */
    private static long version(StoredRoster stored) {
        return stored == null || stored.version() == null ? 0 : stored.version() + 1;
    }

    static List<RosterWindow> configured(Site site) {
        return site.roster().stream()
                .map(w -> new RosterWindow(w.days(), w.start(), w.end(), w.acceptors()))
                .toList();
    }

    private static void requireValidConfiguration(TenantDirectory tenants) {
        var problems = new ArrayList<String>();
        for (var tenant : tenants.all()) {
            for (var site : tenant.sites().values()) {
                var windows = configured(site);
                if (!windows.isEmpty()) {
                    Roster.problems(windows)
                            .forEach(p -> problems.add(
                                    tenant.id() + "/" + site.id() + " roster " + p.field() + " " + p.message()));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("tenant configuration has invalid rosters: " + String.join("; ", problems));
        }
    }
}
