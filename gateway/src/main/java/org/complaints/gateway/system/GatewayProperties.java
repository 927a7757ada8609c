package org.complaints.gateway.system;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The gateway's own settings: partner API keys (hashed), the staff token issuer, quotas and the
 * body limit. Development users exist only for the {@code local} profile's token issuer.
 */
@ConfigurationProperties("complaints.gateway")
public record GatewayProperties(
        Map<String, ApiKey> apiKeys,
        Map<String, DevUser> devUsers,
        Jwt jwt,
        int defaultQuotaPerMinute,
        long maxBodyBytes,
        Map<String, String> services) {

    public GatewayProperties {
        apiKeys = apiKeys == null ? Map.of() : apiKeys;
        devUsers = devUsers == null ? Map.of() : devUsers;
        jwt = jwt == null ? new Jwt(null, null) : jwt;
        defaultQuotaPerMinute = defaultQuotaPerMinute <= 0 ? 600 : defaultQuotaPerMinute;
        maxBodyBytes = maxBodyBytes <= 0 ? 1_048_576 : maxBodyBytes;
        services = services == null ? Map.of() : services;
    }

    /** A partner system's key: only its SHA-256 hash is configured. */
    public record ApiKey(String sha256, String tenant, List<String> regions, List<String> scopes, int quotaPerMinute) {
        public ApiKey {
            regions = regions == null ? List.of() : regions;
            scopes = scopes == null ? List.of() : scopes;
        }
    }

    public record DevUser(String tenant, List<String> roles, List<String> regions, List<String> sites, String name) {
        public DevUser {
            roles = roles == null ? List.of() : roles;
            regions = regions == null ? List.of() : regions;
            sites = sites == null ? List.of() : sites;
        }
    }

    /** The operator's identity provider; either may be empty outside production. */
    public record Jwt(String issuerUri, String jwkSetUri) {}
}
