package org.complaints.support.tenant;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The tenant configuration document (tenants → preset → regions → sites), read once from the file
 * named by {@code COMPLAINTS_TENANTS_FILE} or the classpath default {@code tenants.yml}.
 */
public class TenantDirectory {

    private final Map<String, Tenant> tenants;

    public TenantDirectory(Map<String, Tenant> tenants) {
        this.tenants = Map.copyOf(tenants);
    }

    /**
     * Reads one or more comma-separated files; {@code classpath:tenants.yml} names the built-in
     * demo tenants. A tenant in a later file replaces one of the same id. Blank = the demo tenants.
     */
    public static TenantDirectory load(String files) {
        var all = new java.util.LinkedHashMap<String, Tenant>();
        var names = files == null || files.isBlank() ? new String[] {"classpath:tenants.yml"} : files.split(",");
        for (var name : names) {
            all.putAll(parse(map(read(name.strip()).get("tenants"))));
        }
        return new TenantDirectory(all);
    }

    private static Map<String, Object> read(String name) {
        try (InputStream in = name.startsWith("classpath:")
                ? TenantDirectory.class.getResourceAsStream("/" + name.substring("classpath:".length()))
                : Files.newInputStream(Path.of(name))) {
            if (in == null) {
                throw new IllegalStateException("no " + name + " on the classpath");
            }
            Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            return root == null ? Map.of() : root;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read tenant configuration " + name, e);
        }
    }

    public Optional<Tenant> find(String tenantId) {
        return Optional.ofNullable(tenantId).map(tenants::get);
    }

    /** The zone the tenant counts its months in (UTC for an unknown tenant; ADR 0520). */
    public ZoneId monthZone(String tenantId) {
        return find(tenantId).map(Tenant::monthZone).orElse(java.time.ZoneOffset.UTC);
    }

    public Collection<Tenant> all() {
        return tenants.values();
    }

    private static Map<String, Tenant> parse(Map<String, Object> raw) {
        var result = new LinkedHashMap<String, Tenant>();
        raw.forEach((id, value) -> {
            var t = map(value);
            var regions = new LinkedHashMap<String, String>();
            var sites = new LinkedHashMap<String, Site>();
            map(t.get("regions")).forEach((regionId, regionValue) -> {
                var region = map(regionValue);
                regions.put(regionId, String.valueOf(region.getOrDefault("name", regionId)));
                map(region.get("sites"))
                        .forEach((siteId, siteValue) -> sites.put(siteId, site(siteId, regionId, map(siteValue))));
            });
            result.put(
                    id,
                    new Tenant(
                            id,
                            String.valueOf(t.getOrDefault("name", id)),
                            String.valueOf(t.getOrDefault("preset", "generic")),
                            ((Number) t.getOrDefault("retentionYears", 2)).intValue(),
                            regions,
                            sites,
                            map(t.get("overrides")),
                            t.get("retention") == null ? null : String.valueOf(t.get("retention")),
                            t.get("zone") == null ? null : ZoneId.of(String.valueOf(t.get("zone")))));
        });
        return result;
    }

    private static Site site(String id, String region, Map<String, Object> s) {
        var hours = map(s.get("workingHours"));
        List<?> days =
                (List<?>) hours.getOrDefault("days", List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"));
        return new Site(
                id,
                String.valueOf(s.getOrDefault("name", id)),
                region,
                ZoneId.of(String.valueOf(s.getOrDefault("zone", "UTC"))),
                new Site.WorkingHours(
                        LocalTime.parse(String.valueOf(hours.getOrDefault("start", "09:00"))),
                        LocalTime.parse(String.valueOf(hours.getOrDefault("end", "18:00"))),
                        days.stream()
                                .map(d -> DayOfWeek.valueOf(String.valueOf(d)))
                                .collect(Collectors.toSet())),
                dates(s.get("holidays")),
                dates(s.get("majorHolidays")),
                dates(s.get("adjustedWorkingDays")),
                roster(s.get("roster")));
    }

    /** The configured on-duty windows, as written (routing validates them). */
    private static List<Site.DutyWindow> roster(Object value) {
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        return list.stream()
                .map(TenantDirectory::map)
                .map(w -> new Site.DutyWindow(
                        strings(w.get("days")),
                        w.get("start") == null ? null : String.valueOf(w.get("start")),
                        w.get("end") == null ? null : String.valueOf(w.get("end")),
                        strings(w.get("acceptors"))))
                .toList();
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> list
                ? list.stream().map(String::valueOf).toList()
                : List.of();
    }

    private static Set<LocalDate> dates(Object value) {
        if (!(value instanceof List<?> list)) {
            return Set.of();
        }
        return list.stream().map(TenantDirectory::date).collect(Collectors.toSet());
    }

    /** YAML reads an unquoted 2026-10-01 as a timestamp; accept both forms. */
    private static LocalDate date(Object value) {
        return value instanceof java.util.Date d
                ? d.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate()
                : LocalDate.parse(String.valueOf(value));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
