package org.complaints.routing.rosters;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A site's roster once a supervisor replaced the configured one: one document per tenant and site,
 * reached by its key {@code tenant|site} (ADR 0241), version-checked. Until then the tenant
 * configuration's roster is the site's roster and nothing is stored.
 */
@Document("rosters")
public class StoredRoster {

    @Id
    String id;

    @Version
    Long version;

    String tenant;
    String region;
    String site;
    List<RosterWindow> windows;
    String updatedBy;
    Instant updatedAt;

    StoredRoster() {}

    StoredRoster(
            String id,
            Long version,
            String tenant,
            String region,
            String site,
            List<RosterWindow> windows,
            String updatedBy,
            Instant updatedAt) {
        this.id = id;
        this.version = version;
        this.tenant = tenant;
        this.region = region;
        this.site = site;
        this.windows = windows;
        this.updatedBy = updatedBy;
        this.updatedAt = updatedAt;
    }

    static String key(String tenant, String site) {
        return tenant + "|" + site;
    }

    public String id() {
        return id;
    }

    public Long version() {
        return version;
    }

    public List<RosterWindow> windows() {
        return windows == null ? List.of() : windows;
    }

    public String updatedBy() {
        return updatedBy;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
