package org.complaints.compensation.policy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.complaints.support.tenant.TenantDirectory;
import org.complaints.support.tenant.TenantPolicies;

/** The three presets as the service binds them (the demo tenants carry no overrides), without Spring. */
final class Presets {

    private static final TenantPolicies<CompensationPolicy> POLICIES =
            new TenantPolicies<>(TenantDirectory.load(""), "compensation", CompensationPolicy.class);

    private Presets() {}

    static CompensationPolicy dealer() {
        return POLICIES.of("demo-dealer");
    }

    static CompensationPolicy retail() {
        return POLICIES.of("demo-retail");
    }

    static CompensationPolicy generic() {
        return POLICIES.of("demo-generic");
    }

    static Map<String, CompensationPolicy> all() {
        var all = new LinkedHashMap<String, CompensationPolicy>();
        all.put("dealer", dealer());
        all.put("retail", retail());
        all.put("generic", generic());
        return all;
    }
}
