package org.complaints.routing.rosters;

import java.time.Instant;
import java.util.List;

/**
 * A site's roster as the API shows it: {@code source} CONFIGURED (the tenant configuration's, never
 * replaced; version 0) or STORED (replaced through the API); the version is the ETag a replacement
 * may name in {@code If-Match}.
 */
public record RosterView(
        String site,
        String region,
        String zone,
        String source,
        long version,
        List<RosterWindow> windows,
        String updatedBy,
        Instant updatedAt) {}
