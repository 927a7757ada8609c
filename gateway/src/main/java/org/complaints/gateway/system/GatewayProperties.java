package org.complaints.gateway.system;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The gateway's own settings ({@code complaints.gateway.*}): partner API keys (hashed only), the
 * staff token issuer, the default quota and the body limit. Development users are read only by the
 * {@code local} profile's token issuer.
 */
@ConfigurationProperties("complaints.gateway")
public record GatewayProperties(
        Map<String, ApiKey> apiKeys,
        Map<String, DevUser> devUsers,
        Jwt jwt,
        int defaultQuotaPerMinute,
        long maxBodyBytes) {

    public static final int DEFAULT_QUOTA_PER_MINUTE = 600;
    public static final long DEFAULT_MAX_BODY_BYTES = 1_048_576;

    public GatewayProperties {
        apiKeys = apiKeys == null ? Map.of() : apiKeys;
        devUsers = devUsers == null ? Map.of() : devUsers;
        jwt = jwt == null ? new Jwt(null, null) : jwt;
        defaultQuotaPerMinute = defaultQuotaPerMinute <= 0 ? DEFAULT_QUOTA_PER_MINUTE : defaultQuotaPerMinute;
        maxBodyBytes = maxBodyBytes <= 0 ? DEFAULT_MAX_BODY_BYTES : maxBodyBytes;
    }

    /**
     * A partner system's key. Only the SHA-256 hex of the key is configured, so a leaked config
     * file does not leak a usable key. Empty {@code regions} means all regions of the tenant.
     */
    public record ApiKey(String sha256, String tenant, List<String> regions, List<String> scopes, int quotaPerMinute) {
        public ApiKey {
            regions = regions == null ? List.of() : regions;
            scopes = scopes == null ? List.of() : scopes;
        }
    }

    /** A sample staff user of the development issuer; empty regions/sites mean all of the tenant. */
    public record DevUser(String tenant, List<String> roles, List<String> regions, List<String> sites, String name) {
        public DevUser {
            roles = roles == null ? List.of() : roles;
            regions = regions == null ? List.of() : regions;
            sites = sites == null ? List.of() : sites;
        }
    }

    /** The operator's identity provider; both empty means no staff token is accepted. */
    public record Jwt(String issuerUri, String jwkSetUri) {}
}
