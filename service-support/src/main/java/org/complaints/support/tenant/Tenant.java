package org.complaints.support.tenant;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/**
 * An operator brand: its preset ({@code dealer}, {@code retail}, {@code generic}), its regions and
 * sites, and per-service overrides of the preset's values.
 *
 * @param retentionYears how long an archived complaint's record is kept (LC-12, OT-50: 2 years)
 * @param retention an ISO-8601 period ({@code P2Y}) or duration ({@code PT30S}) that replaces
 *     {@code retentionYears} when set (tests shorten the retention this way); null = the years
 * @param zone the zone the tenant's months are counted in (reports, budgets; ADR 0520); null =
 *     the zone of its first site, else UTC
 */
public record Tenant(
        String id,
        String name,
        String preset,
        int retentionYears,
        Map<String, String> regions,
        Map<String, Site> sites,
        Map<String, Object> overrides,
        String retention,
        ZoneId zone) {

    public Tenant(
            String id,
            String name,
            String preset,
            int retentionYears,
            Map<String, String> regions,
            Map<String, Site> sites,
            Map<String, Object> overrides) {
        this(id, name, preset, retentionYears, regions, sites, overrides, null, null);
    }

    public Tenant {
        if (retention != null) {
            retainedFor(retention); // a malformed value stops the start, naming it
        }
    }

    /** The zone the tenant's calendar months are counted in (ADR 0520). */
    public ZoneId monthZone() {
        if (zone != null) {
            return zone;
        }
        return sites.values().stream().findFirst().map(Site::zone).orElse(ZoneOffset.UTC);
    }

    /**
     * The budget month {@code at} falls in for a site: budgets are per site and month, so the month
     * is the site's own (its zone), else the tenant's month zone (ADR 0520).
     */
    public java.time.YearMonth siteMonth(String siteId, java.time.Instant at) {
        var zone = site(siteId).map(Site::zone).orElseGet(this::monthZone);
        return java.time.YearMonth.from(at.atZone(zone));
    }

    /**
     * LC-12 / OT-50: when the record archived at {@code archivedAt} has been kept long enough; years
     * and months are counted on the tenant's calendar (archived 2025-03-05 → 2027-03-05).
     */
    public Instant retentionUntil(Instant archivedAt) {
        var local = archivedAt.atZone(monthZone());
        if (retention == null) {
            return local.plusYears(retentionYears).toInstant();
        }
        var kept = retainedFor(retention);
        return kept instanceof Period period
                ? local.plus(period).toInstant()
                : local.plus((Duration) kept).toInstant();
    }

    private static java.time.temporal.TemporalAmount retainedFor(String value) {
        try {
            return value.startsWith("PT") ? Duration.parse(value) : Period.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("retention must be an ISO-8601 period or duration: " + value, e);
        }
    }

    public Optional<Site> site(String siteId) {
        return Optional.ofNullable(siteId).map(sites::get);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> overridesFor(String service) {
        var part = overrides.get(service);
        return part instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}
