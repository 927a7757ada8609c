package org.complaints.support.tenant;

import java.util.Map;
import java.util.Optional;

/**
 * An operator brand: its preset ({@code dealer}, {@code retail}, {@code generic}), its regions and
 * sites, and per-service overrides of the preset's values.
 */
public record Tenant(
        String id,
        String name,
        String preset,
        int retentionYears,
        Map<String, String> regions,
        Map<String, Site> sites,
        Map<String, Object> overrides) {

    public Optional<Site> site(String siteId) {
        return Optional.ofNullable(siteId).map(sites::get);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> overridesFor(String service) {
        var part = overrides.get(service);
        return part instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}
