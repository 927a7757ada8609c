package org.complaints.gateway.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.complaints.gateway.e2e.MatrixCatalogue.Entry;
import org.complaints.gateway.e2e.MatrixCatalogue.Shape;
import org.yaml.snakeyaml.Yaml;

/**
 * Issue 12's authorization matrix, generated from data only: every service's
 * {@code presets/<preset>.yml} {@code permissions:} table (read from the repository, as the services
 * read them), intake's {@code channels.*.recorderRoles}, compensation's authority matrix and ladder,
 * and the staff users and partner keys of the matrix tenants in {@code e2e-tenants.yml}. Each
 * {@link MatrixCatalogue} entry names the gates its endpoint passes in order (the partner key's
 * scope at the gateway, a table row, the caller's tenant/region/site scope, ...); the first gate a
 * principal fails gives the expected status, and passing them all means allowed. No expected answer
 * is written down anywhere else.
 */
final class AuthorizationMatrix {

    static final List<String> SERVICES = List.of("intake", "routing", "compensation", "followup");
    static final String ANYONE = "*";
    static final String SYSTEM = "system";
    static final String PARTNER_ROLE = "partner";
    static final String OWNER = "owner";
    /** Services whose {@code *} means every staff member, not partners. */
    static final Set<String> STAFF_ONLY_ANYONE = Set.of("routing", "followup");

    static final String ADMIN = "admin";
    static final String PROPOSER = "proposer";

    /** Where the target of a call lies, seen from the principal's home (the first site of its tenant's first region). */
    enum Position {
        OWN_SITE("own site"),
        SAME_REGION("other site, same region"),
        OTHER_REGION("other region"),
        OTHER_TENANT("other tenant"),
        NONE("no target");

        final String label;

        Position(String label) {
            this.label = label;
        }
    }

    record Place(String tenant, String region, String site) {}

    /** A matrix tenant and the three sites the positions name. */
    record MatrixTenant(
            String id, String preset, Map<String, String> regionOfSite, Place home, Place neighbour, Place away) {}

    /** A staff user (by dev-issuer name) or a partner key (by its value), with what its credentials carry. */
    record Principal(
            String name,
            String tenant,
            boolean partner,
            Set<String> roles,
            Set<String> regions,
            Set<String> sites,
            Set<String> scopes,
            String credential) {

        boolean covers(Place place) {
            return tenant.equals(place.tenant())
                    && (regions.isEmpty() || regions.contains(place.region()))
                    && (sites.isEmpty() || sites.contains(place.site()));
        }

        boolean mayAct(String region, String site) {
            return (regions.isEmpty() || regions.contains(region)) && (sites.isEmpty() || sites.contains(site));
        }

        boolean holdsScope(String scope) {
            return !partner || scopes.contains(scope);
        }

        /** The single region or site the credentials name, or null (the default a summary narrows to). */
        String onlyRegion() {
            return regions.size() == 1 ? regions.iterator().next() : null;
        }

        String onlySite() {
            return sites.size() == 1 ? sites.iterator().next() : null;
        }
    }

    /** The compensation amounts the fixtures use, from the tenant's authority matrix and ladder. */
    record Terms(
            String kind,
            BigDecimal approvedAmount,
            BigDecimal pendingAmount,
            String requiredRole,
            String proposerRole) {}

    /**
     * What a call must answer: a status (0 = the entry's success status; for a list, 0 with
     * {@code visible} false = answered, but without the target) and the gate that decided.
     */
    record Expectation(int status, boolean visible, String because) {
        boolean allowed() {
            return status == 0 && visible;
        }
    }

    record MatrixCase(Entry entry, Principal principal, Position position, Place target, Expectation expected) {
        String service() {
            return entry.service();
        }
    }

    /** Every service's preset documents, as the services read them from their classpath. */
    static final class Presets {
        private final Path root;
        private final Map<String, Map<String, Object>> cache = new LinkedHashMap<>();

        Presets(Path root) {
            this.root = root;
        }

        Map<String, Object> of(String service, String preset) {
            return cache.computeIfAbsent(service + "/" + preset, k -> {
                var file = root.resolve(service + "-service/src/main/resources/presets/" + preset + ".yml");
                try (InputStream in = Files.newInputStream(file)) {
                    Map<String, Object> loaded = new Yaml().load(in);
                    return loaded == null ? Map.of() : loaded;
                } catch (IOException e) {
                    throw new IllegalStateException("cannot read " + file, e);
                }
            });
        }

        /** The {@code permissions:} table: action → roles; empty when the service has none yet. */
        Optional<Map<String, List<String>>> permissions(String service, String preset) {
            if (!(of(service, preset).get("permissions") instanceof Map<?, ?> table)) {
                return Optional.empty();
            }
            var result = new LinkedHashMap<String, List<String>>();
            table.forEach((action, roles) -> result.put(String.valueOf(action), strings(roles)));
            return Optional.of(result);
        }

        /** Intake's channels: name → (recorderRoles, partnerAllowed). */
        Map<String, Map<String, Object>> channels(String preset) {
            var result = new LinkedHashMap<String, Map<String, Object>>();
            map(of("intake", preset).get("channels")).forEach((channel, rule) -> result.put(channel, map(rule)));
            return result;
        }

        List<String> ladder(String preset) {
            return strings(of("compensation", preset).get("approvalLadder"));
        }

        /** The most any of the roles may approve for the kind, or null (compensation's {@code limitOf}). */
        BigDecimal limitOf(String preset, Collection<String> roles, String kind) {
            var authority = map(of("compensation", preset).get("authority"));
            BigDecimal best = null;
            for (var role : roles) {
                var limit = map(authority.get(role)).get(kind);
                if (limit != null) {
                    var value = new BigDecimal(String.valueOf(limit));
                    best = best == null || value.compareTo(best) > 0 ? value : best;
                }
            }
            return best;
        }

        Terms terms(String preset) {
            var ladder = ladder(preset);
            var proposer = ladder.getFirst();
            var kind = "VOUCHER";
            var limit = limitOf(preset, List.of(proposer), kind);
            if (limit == null || limit.signum() <= 0) {
                throw new IllegalStateException(
                        preset + ": the lowest rung " + proposer + " has no " + kind + " limit");
            }
            var pending = limit.add(BigDecimal.ONE);
            var required = ladder.stream()
                    .filter(role -> {
                        var own = limitOf(preset, List.of(role), kind);
                        return own != null && own.compareTo(pending) >= 0;
                    })
                    .findFirst()
                    .orElseThrow();
            return new Terms(kind, limit.min(BigDecimal.TEN), pending, required, proposer);
        }

        /** OT-21: the role a broken promise of an owner with these roles notifies (intake's PromiseRules.supervisorOf). */
        String promiseSupervisor(String preset, Collection<String> ownerRoles) {
            var rules = map(of("intake", preset).get("promises"));
            var supervisors = map(rules.get("supervisors"));
            return ownerRoles.stream()
                    .sorted()
                    .map(supervisors::get)
                    .filter(java.util.Objects::nonNull)
                    .map(String::valueOf)
                    .findFirst()
                    .orElse(String.valueOf(rules.get("defaultSupervisor")));
        }

        /** The follow-up tasks' recorder roles (LC-09), for the outcome entry. */
        List<String> taskRoles(String preset) {
            var tasks = of("followup", preset).get("tasks");
            return tasks instanceof List<?> list && !list.isEmpty()
                    ? strings(map(list.getFirst()).get("roles"))
                    : List.of();
        }

        /** Every role the preset's tables name (permissions of every service, recorders, ladder). */
        Set<String> roles(String preset) {
            var roles = new TreeSet<String>();
            for (var service : SERVICES) {
                permissions(service, preset).ifPresent(t -> t.values().forEach(roles::addAll));
            }
            channels(preset).values().forEach(rule -> roles.addAll(strings(rule.get("recorderRoles"))));
            roles.addAll(ladder(preset));
            roles.removeAll(Set.of(ANYONE, SYSTEM, PARTNER_ROLE, OWNER));
            return roles;
        }
    }

    final Presets presets;
    final List<MatrixTenant> tenants = new ArrayList<>();
    final Map<String, List<Principal>> principals = new LinkedHashMap<>();
    final Map<String, Principal> admins = new LinkedHashMap<>();
    final Map<String, Principal> proposers = new LinkedHashMap<>();
    final List<MatrixCase> cases = new ArrayList<>();
    private final Map<String, String> owners = new LinkedHashMap<>();
    /** What was not generated, or only for scope: "service, reason; what" → presets and endpoints. */
    final Map<String, Map<String, Set<String>>> notes = new LinkedHashMap<>();

    private AuthorizationMatrix(Path root) {
        this.presets = new Presets(root);
    }

    private void note(String key, String preset, String label) {
        var note = notes.computeIfAbsent(key, k -> new LinkedHashMap<>());
        note.computeIfAbsent("presets", k -> new LinkedHashSet<>()).add(preset);
        note.computeIfAbsent("endpoints", k -> new LinkedHashSet<>()).add(label);
    }

    /** Reads the tables and the matrix tenants, and generates every case with its expected answer. */
    static AuthorizationMatrix generate(Path root) {
        var matrix = new AuthorizationMatrix(root);
        matrix.readTenants();
        for (var tenant : matrix.tenants) {
            matrix.requireEveryRole(tenant);
            for (var entry : MatrixCatalogue.entries(matrix.presets, tenant.preset())) {
                matrix.generate(tenant, entry);
            }
        }
        return matrix;
    }

    /**
     * Routing's owners of the fixtures (tenant|fixture → the case's owner, or an incident task's),
     * read from the services once the fixtures exist: every fixture of a kind is filed alike, so
     * routing's assignment (RT-01) gives them the same owner. Expectations are decided again.
     */
    void decide(Map<String, String> fixtureOwners) {
        owners.clear();
        owners.putAll(fixtureOwners);
        cases.replaceAll(c -> new MatrixCase(
                c.entry(),
                c.principal(),
                c.position(),
                c.target(),
                expect(tenant(c.principal().tenant()), c.entry(), c.principal(), c.target())));
    }

    private String ownerOf(Place target, Entry entry) {
        return target == null || entry.fixture() == null ? null : owners.get(target.tenant() + "|" + entry.fixture());
    }

    MatrixTenant tenant(String id) {
        return tenants.stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    }

    Terms terms(String tenant) {
        return presets.terms(tenant(tenant).preset());
    }

    /** The place a position names for a principal of this tenant (null for {@link Position#NONE}). */
    Place place(MatrixTenant tenant, Position position) {
        return switch (position) {
            case OWN_SITE -> tenant.home();
            case SAME_REGION -> tenant.neighbour();
            case OTHER_REGION -> tenant.away();
            case OTHER_TENANT ->
                tenants.get((tenants.indexOf(tenant) + 1) % tenants.size()).home();
            case NONE -> null;
        };
    }

    private void generate(MatrixTenant tenant, Entry entry) {
        var table = presets.permissions(entry.service(), tenant.preset());
        if (entry.action() != null && (table.isEmpty() || !table.get().containsKey(entry.action()))) {
            var why = table.isEmpty() ? "no permissions table yet" : "not in the permissions table: " + entry.action();
            var what = entry.scopeOnlyWithoutTable() ? "checked for scope only" : "skipped";
            note(
                    entry.service() + ", " + why + "; " + what,
                    tenant.preset(),
                    entry.label() + " (" + entry.action() + ")");
            if (!entry.scopeOnlyWithoutTable()) {
                return;
            }
        }
        for (var principal : principals.get(tenant.id())) {
            if (singleScope(principal) && !sameArea(principal, entry)) {
                continue;
            }
            for (var position : entry.positions()) {
                if (entry.positions().equals(MatrixCatalogue.EVERYWHERE)
                        && !placesOf(principal).contains(position)) {
                    continue;
                }
                var target = place(tenant, position);
                cases.add(new MatrixCase(entry, principal, position, target, expect(tenant, entry, principal, target)));
            }
        }
    }

    /**
     * The places a principal is tried at, where its scope tells them apart: a site-limited user at
     * all four (its own site, the next site of its region, another region, another tenant); a
     * region-limited caller at a site of its region and one of another region; a tenant-wide caller
     * in another region and another tenant; a single-scope key at its own site (its scope is
     * checked before anything else, the other keys cover the places).
     */
    static List<Position> placesOf(Principal p) {
        if (singleScope(p)) {
            return List.of(Position.OWN_SITE);
        }
        if (!p.sites().isEmpty()) {
            return MatrixCatalogue.EVERYWHERE;
        }
        if (!p.regions().isEmpty()) {
            return List.of(Position.SAME_REGION, Position.OTHER_REGION);
        }
        return List.of(Position.OTHER_REGION, Position.OTHER_TENANT);
    }

    static boolean singleScope(Principal p) {
        return p.partner() && p.scopes().size() == 1;
    }

    /**
     * A single-scope key is tried on the endpoints of its scope's area, where it holds the read or
     * the write scope and lacks the other; elsewhere it would only repeat the gateway's refusal.
     */
    static boolean sameArea(Principal p, Entry entry) {
        var area = p.scopes().iterator().next().split(":")[0];
        return entry.gates().stream()
                .anyMatch(g -> g instanceof MatrixCatalogue.Gate.PartnerScope scope
                        && scope.scope().split(":")[0].equals(area));
    }

    /** The first gate the principal fails decides; a list hides what a scope gate refuses. */
    Expectation expect(MatrixTenant tenant, Entry entry, Principal principal, Place target) {
        for (var gate : entry.gates()) {
            var refusal = refuse(gate, tenant, entry, principal, target);
            if (refusal.isPresent()) {
                return new Expectation(refusal.getAsInt(), false, gate.describe());
            }
        }
        return new Expectation(0, true, "allowed");
    }

    private OptionalInt refuse(MatrixCatalogue.Gate gate, MatrixTenant tenant, Entry entry, Principal p, Place target) {
        var preset = tenant.preset();
        var list = entry.shape() == Shape.LIST;
        var outOfScope = list ? 0 : 404;
        return switch (gate) {
            case MatrixCatalogue.Gate.PartnerScope g ->
                p.holdsScope(g.scope()) ? OptionalInt.empty() : OptionalInt.of(403);
            case MatrixCatalogue.Gate.Role g ->
                permits(entry.service(), preset, p, g.action(), ownerOf(target, entry))
                        ? OptionalInt.empty()
                        : OptionalInt.of(403);
            case MatrixCatalogue.Gate.InScope g ->
                target == null || p.covers(target) ? OptionalInt.empty() : OptionalInt.of(outOfScope);
            case MatrixCatalogue.Gate.SameTenant g ->
                target == null || p.tenant().equals(target.tenant()) ? OptionalInt.empty() : OptionalInt.of(404);
            case MatrixCatalogue.Gate.RegionParam g ->
                target == null || p.regions().isEmpty() || p.regions().contains(target.region())
                        ? OptionalInt.empty()
                        : OptionalInt.of(404);
            case MatrixCatalogue.Gate.Recorder g -> {
                var channel = g.channel() != null ? g.channel() : MatrixCatalogue.channelFor(presets, preset, p);
                yield mayRecord(preset, channel, p) ? OptionalInt.empty() : OptionalInt.of(403);
            }
            case MatrixCatalogue.Gate.FilingSite g -> {
                if (!p.tenant().equals(target.tenant())) {
                    yield OptionalInt.of(422);
                }
                yield p.mayAct(target.region(), target.site()) ? OptionalInt.empty() : OptionalInt.of(403);
            }
            case MatrixCatalogue.Gate.ApproveAuthority g -> {
                var terms = presets.terms(preset);
                var limit = presets.limitOf(preset, p.roles(), terms.kind());
                yield limit != null && limit.compareTo(terms.pendingAmount()) >= 0
                        ? OptionalInt.empty()
                        : OptionalInt.of(403);
            }
            case MatrixCatalogue.Gate.RejectRung g -> {
                var ladder = presets.ladder(preset);
                var needed = ladder.indexOf(presets.terms(preset).requiredRole());
                var rung = p.roles().stream().mapToInt(ladder::indexOf).max().orElse(-1);
                yield needed >= 0 && rung >= needed ? OptionalInt.empty() : OptionalInt.of(403);
            }
            case MatrixCatalogue.Gate.HoldsRequiredRole g ->
                p.roles().contains(presets.terms(preset).requiredRole()) ? OptionalInt.empty() : OptionalInt.of(0);
            case MatrixCatalogue.Gate.Recipient g ->
                p.roles()
                                .contains(presets.promiseSupervisor(
                                        preset, admins.get(p.tenant()).roles()))
                        ? OptionalInt.empty()
                        : OptionalInt.of(outOfScope);
            case MatrixCatalogue.Gate.Owner g ->
                !p.partner() && owns(ownerOf(target, entry), p) ? OptionalInt.empty() : OptionalInt.of(outOfScope);
            case MatrixCatalogue.Gate.TaskRole g ->
                presets.taskRoles(preset).stream().anyMatch(p.roles()::contains)
                        ? OptionalInt.empty()
                        : OptionalInt.of(403);
        };
    }

    /**
     * The table's answer. {@code *} admits every caller of the tenant that may file in intake
     * (partners too, docs/permissions-intake.md) but only staff in routing and follow-up
     * (docs/permissions-routing.md, -followup.md); {@code system} only the services; {@code owner}
     * (routing) the owner of the case or task in hand: the person named, or a holder of its
     * {@code role:}; otherwise one of the principal's roles must be listed (partners hold the role
     * {@code partner}). Without a table, or without the row, the entry is checked for scope only.
     */
    boolean permits(String service, String preset, Principal p, String action, String owner) {
        var table = presets.permissions(service, preset);
        if (table.isEmpty() || !table.get().containsKey(action)) {
            return true;
        }
        return table.get().get(action).stream().anyMatch(entry -> switch (entry) {
            case ANYONE -> !p.partner() || !STAFF_ONLY_ANYONE.contains(service);
            case SYSTEM -> false;
            case OWNER -> !p.partner() && owns(owner, p);
            default -> p.roles().contains(entry);
        });
    }

    static boolean owns(String owner, Principal p) {
        if (owner == null) {
            return false;
        }
        return owner.startsWith("role:")
                ? p.roles().contains(owner.substring("role:".length()))
                : owner.equals(p.name()) || owner.equals("person:" + p.name());
    }

    /** LC-03: staff need a recorder role of the channel (none listed = any); partners need partnerAllowed. */
    boolean mayRecord(String preset, String channel, Principal p) {
        var rule = presets.channels(preset).get(channel);
        if (rule == null) {
            return false;
        }
        if (p.partner()) {
            return !Boolean.FALSE.equals(rule.get("partnerAllowed"));
        }
        var recorders = strings(rule.get("recorderRoles"));
        return recorders.isEmpty() || recorders.stream().anyMatch(p.roles()::contains);
    }

    /**
     * Every role the preset's tables name needs a user at a site and one in a region (tenant-wide
     * callers are the role-less user, the all-scope partner key, and the administrator who builds
     * every fixture in every region).
     */
    private void requireEveryRole(MatrixTenant tenant) {
        var missing = new ArrayList<String>();
        for (var role : presets.roles(tenant.preset())) {
            for (var placement : List.of("site", "region")) {
                var name = tenant.id() + "." + placement + "." + role;
                if (principals.get(tenant.id()).stream().noneMatch(p -> p.name().equals(name))) {
                    missing.add(name);
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException(
                    "the tables name roles without matrix users; add to e2e-tenants.yml: " + missing);
        }
    }

    /**
     * The matrix tenants are those of e2e-tenants.yml named {@code mx-*} with an {@code <id>.admin}
     * user (other e2e tenants, e.g. the lifecycle simulation's, have administrators too).
     */
    @SuppressWarnings("unchecked")
    private void readTenants() {
        Map<String, Object> document;
        try (var in = AuthorizationMatrix.class.getResourceAsStream("/e2e/e2e-tenants.yml")) {
            document = new Yaml().load(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        var gateway = map(map(document.get("complaints")).get("gateway"));
        var users = new LinkedHashMap<String, Map<String, Object>>();
        map(gateway.get("dev-users"))
                .forEach((k, v) -> users.put(k.replace("[", "").replace("]", ""), map(v)));
        var keys = map(gateway.get("api-keys"));
        map(document.get("tenants")).forEach((id, value) -> {
            if (!id.startsWith("mx-") || !users.containsKey(id + "." + ADMIN)) {
                return;
            }
            var t = map(value);
            var regionOfSite = new LinkedHashMap<String, String>();
            var sitesOfRegion = new LinkedHashMap<String, List<String>>();
            map(t.get("regions")).forEach((region, r) -> {
                var sites = new ArrayList<>(map(map(r).get("sites")).keySet());
                sitesOfRegion.put(region, sites);
                sites.forEach(site -> regionOfSite.put(site, region));
            });
            var regions = new ArrayList<>(sitesOfRegion.keySet());
            var first = regions.getFirst();
            var second = regions.get(1);
            tenants.add(new MatrixTenant(
                    id,
                    String.valueOf(t.get("preset")),
                    regionOfSite,
                    new Place(id, first, sitesOfRegion.get(first).get(0)),
                    new Place(id, first, sitesOfRegion.get(first).get(1)),
                    new Place(id, second, sitesOfRegion.get(second).getFirst())));
            var list = new ArrayList<Principal>();
            users.forEach((name, u) -> {
                if (!id.equals(u.get("tenant"))) {
                    return;
                }
                var principal = new Principal(
                        name,
                        id,
                        false,
                        Set.copyOf(strings(u.get("roles"))),
                        Set.copyOf(strings(u.get("regions"))),
                        Set.copyOf(strings(u.get("sites"))),
                        Set.of(),
                        name);
                if (name.equals(id + "." + ADMIN)) {
                    admins.put(id, principal);
                } else if (name.equals(id + "." + PROPOSER)) {
                    proposers.put(id, principal);
                } else {
                    list.add(principal);
                }
            });
            keys.forEach((keyId, k) -> {
                var key = map(k);
                if (id.equals(key.get("tenant"))) {
                    list.add(new Principal(
                            "key " + keyId,
                            id,
                            true,
                            Set.of(PARTNER_ROLE),
                            Set.copyOf(strings(key.get("regions"))),
                            Set.of(),
                            Set.copyOf(strings(key.get("scopes"))),
                            keyId + "-key"));
                }
            });
            principals.put(id, list);
        });
        if (tenants.size() < 2) {
            throw new IllegalStateException("the matrix needs at least two tenants in e2e-tenants.yml");
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static List<String> strings(Object value) {
        return value instanceof List<?> list
                ? list.stream().map(String::valueOf).toList()
                : List.of();
    }
}
