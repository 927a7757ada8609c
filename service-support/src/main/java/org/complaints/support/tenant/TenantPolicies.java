package org.complaints.support.tenant;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.web.ProblemException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * One service's part of every tenant's policy: the service's own {@code presets/<preset>.yml}
 * (classpath) with the tenant's {@code overrides.<service>} deep-merged over it, bound to the
 * service's policy record. No rule of a preset lives in Java.
 */
public class TenantPolicies<P> {

    private final TenantDirectory tenants;
    private final String service;
    private final Class<P> type;
    private final JsonMapper json;
    private final java.util.function.Function<String, String> presetPath;
    private final Map<String, P> cache = new ConcurrentHashMap<>();

    public TenantPolicies(TenantDirectory tenants, String service, Class<P> type) {
        this(tenants, service, type, preset -> "/presets/" + preset + ".yml");
    }

    /**
     * @param presetPath the classpath resource a preset's values come from (a section shared by
     *     every service, such as the §12 phrase dictionary, names one file for all presets)
     */
    public TenantPolicies(
            TenantDirectory tenants,
            String service,
            Class<P> type,
            java.util.function.Function<String, String> presetPath) {
        this.tenants = tenants;
        this.service = service;
        this.type = type;
        this.presetPath = presetPath;
        this.json = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
    }

    /** The policy of the caller's tenant; an unknown tenant is a 404, never a default. */
    public P of(CallerIdentity caller) {
        return of(caller.tenant());
    }

    /** The zone the tenant counts its months in (ADR 0520). */
    public java.time.ZoneId monthZone(String tenantId) {
        return tenants.monthZone(tenantId);
    }

    /** The budget month of a site at an instant (the site's zone; UTC for an unknown tenant). */
    public java.time.YearMonth siteMonth(String tenantId, String siteId, java.time.Instant at) {
        return tenants.find(tenantId)
                .map(t -> t.siteMonth(siteId, at))
                .orElseGet(() -> java.time.YearMonth.from(at.atZone(java.time.ZoneOffset.UTC)));
    }

    public P of(String tenantId) {
        return cache.computeIfAbsent(tenantId, id -> {
            var tenant = tenants.find(id).orElseThrow(() -> ProblemException.notFound("tenant", id));
            return bind(merge(preset(tenant.preset()), tenant.overridesFor(service)));
        });
    }

    /** The presets every service ships, in the order the documents list them. */
    public static final java.util.List<String> PRESETS = java.util.List.of("dealer", "retail", "generic");

    /** A preset as shipped, with no tenant's overrides (what the API document publishes per preset). */
    public P shipped(String preset) {
        return bind(preset(preset));
    }

    /** The merged policy as plain data, e.g. for {@code GET /policies/{tenant}}. */
    public Map<String, Object> effective(String tenantId) {
        var tenant = tenants.find(tenantId).orElseThrow(() -> ProblemException.notFound("tenant", tenantId));
        return merge(preset(tenant.preset()), tenant.overridesFor(service));
    }

    private P bind(Map<String, Object> values) {
        return json.convertValue(values, type);
    }

    private Map<String, Object> preset(String preset) {
        var path = presetPath.apply(preset);
        try (InputStream in = TenantPolicies.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no preset " + path + " for " + service);
            }
            Map<String, Object> loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            return loaded == null ? Map.of() : loaded;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }

    /** Maps merge key by key; any other value (lists included) replaces the preset's. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> override) {
        var merged = new LinkedHashMap<>(base);
        override.forEach((key, value) -> {
            var existing = merged.get(key);
            if (existing instanceof Map<?, ?> a && value instanceof Map<?, ?> b) {
                merged.put(key, merge((Map<String, Object>) a, (Map<String, Object>) b));
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }
}
