package org.complaints.gateway.quota;

import java.time.Duration;
import java.util.Map;
import org.complaints.gateway.auth.Caller;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Quotas per tenant and where the shared buckets live ({@code complaints.gateway.quota.*}).
 *
 * @param tenants per tenant, the quota of each of its credentials (a key's own
 *     {@code quota-per-minute} wins; else {@code complaints.gateway.default-quota-per-minute})
 * @param mongodbUri the shared store ({@code MONGODB_URI}); empty = an embedded in-memory server,
 *     which is shared by nothing but this one process
 * @param storeTimeout how long a lease may wait on the store before the replica fails open
 * @param storeRetry how long a replica decides on local buckets after the store failed
 * @param leaseTtl how long a replica keeps leased tokens it has not spent
 */
@ConfigurationProperties("complaints.gateway.quota")
public record QuotaProperties(
        Map<String, Tenant> tenants, String mongodbUri, Duration storeTimeout, Duration storeRetry, Duration leaseTtl) {

    public QuotaProperties {
        tenants = tenants == null ? Map.of() : tenants;
        mongodbUri = mongodbUri == null ? "" : mongodbUri.trim();
        storeTimeout = storeTimeout == null ? Duration.ofSeconds(2) : storeTimeout;
        storeRetry = storeRetry == null ? Duration.ofSeconds(5) : storeRetry;
        leaseTtl = leaseTtl == null ? Duration.ofSeconds(10) : leaseTtl;
    }

    public record Tenant(int perMinute) {}

    /** The caller's quota per minute: its key's own, else its tenant's, else the default. */
    int perMinute(Caller caller, int defaultPerMinute) {
        if (caller.quotaPerMinute() > 0) {
            return caller.quotaPerMinute();
        }
        var tenant = tenants.get(caller.tenant());
        return tenant != null && tenant.perMinute() > 0 ? tenant.perMinute() : defaultPerMinute;
    }
}
