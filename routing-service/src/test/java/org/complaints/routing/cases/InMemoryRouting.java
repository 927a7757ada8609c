package org.complaints.routing.cases;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.complaints.routing.calendar.Sites;
import org.complaints.routing.clocks.DeadlineSweep;
import org.complaints.routing.incidents.GroupComplaints;
import org.complaints.routing.incidents.Incident;
import org.complaints.routing.incidents.IncidentRepository;
import org.complaints.routing.incidents.IncidentTaskSweep;
import org.complaints.routing.incidents.IncidentTasks;
import org.complaints.routing.rosters.DeskCoverage;
import org.complaints.routing.rosters.RosterRepository;
import org.complaints.routing.rosters.Rosters;
import org.complaints.routing.rosters.StoredRoster;
import org.complaints.routing.system.RoutingMetrics;
import org.complaints.support.due.DuePass;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.lookup.HourIndex;
import org.complaints.support.scope.CallerScope;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * Routing's application services over in-memory repositories and a stepping clock: the real
 * {@link CaseService}, {@link DeadlineSweep}, {@link GroupComplaints}, {@link IncidentTasks} and
 * {@link IncidentTaskSweep} with the demo tenants' presets, for rule tests and the lifecycle
 * simulation (fast: no Spring, no store). The repositories hand out copies and check versions like
 * the Mongo ones, so a refused step leaves the stored case or incident untouched.
 */
final class InMemoryRouting {

    /** A clock the test moves forward. */
    static final class SteppingClock extends Clock {
        private Instant now;

        SteppingClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        void set(Instant at) {
            now = at;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    static final class Cases implements CaseRepository {
        final Map<String, Case> stored = new LinkedHashMap<>();
        /** Runs once, just before the next save: another writer saving the case in between (a race). */
        Runnable beforeNextSave;

        @Override
        public Optional<Case> findById(String id) {
            return Optional.ofNullable(stored.get(id)).map(Cases::copy);
        }

        @Override
        public Optional<Case> findByTenantAndComplaintId(String tenant, String complaintId) {
            return stored.values().stream()
                    .filter(c -> c.tenant.equals(tenant) && c.complaintId.equals(complaintId))
                    .findFirst()
                    .map(Cases::copy);
        }

        @Override
        public Case insert(Case c) {
            if (findByTenantAndComplaintId(c.tenant, c.complaintId).isPresent()) {
                throw new DuplicateKeyException(c.complaintId);
            }
            c.version = 0L;
            stored.put(c.id, copy(c));
            return c;
        }

        @Override
        public Case save(Case c) {
            if (beforeNextSave != null) {
                var racer = beforeNextSave;
                beforeNextSave = null;
                racer.run();
            }
            var current = stored.get(c.id);
            if (current == null || !current.version.equals(c.version)) {
                throw new OptimisticLockingFailureException("stale " + c.id);
            }
            c.version = c.version + 1;
            stored.put(c.id, copy(c));
            return c;
        }

        @Override
        public List<Case> findDue(Instant now, int limit) {
            return stored.values().stream()
                    .filter(c -> c.nextDueAt != null && !c.nextDueAt.isAfter(now))
                    .sorted(Comparator.comparing(c -> c.nextDueAt))
                    .limit(limit)
                    .map(Cases::copy)
                    .toList();
        }

        @Override
        public DuePass duePass(Instant now, int max) {
            return DuePass.of(findDue(now, max).stream().map(c -> c.id).toList());
        }

        @Override
        public List<Case> dueAmong(Collection<String> ids, Instant now) {
            return findDue(now, Integer.MAX_VALUE).stream()
                    .filter(c -> ids.contains(c.id))
                    .toList();
        }

        @Override
        public void postpone(String id, Instant until) {
            var c = stored.get(id);
            if (c != null) {
                c.nextDueAt = until;
            }
        }

        @Override
        public List<Case> findOnProduct(String tenant, String site, String productRef, Instant since) {
            return stored.values().stream()
                    .filter(c -> c.tenant.equals(tenant)
                            && c.site.equals(site)
                            && productRef.equals(c.productRef)
                            && !c.receivedAt.isBefore(since))
                    .map(Cases::copy)
                    .toList();
        }

        @Override
        public HourIndex.Page<Case> page(CallerScope scope, String state, String level, String cursor, int limit) {
            return new HourIndex.Page<>(
                    stored.values().stream()
                            .filter(c -> scope.covers(c.tenant, c.region, c.site))
                            .limit(limit)
                            .map(Cases::copy)
                            .toList(),
                    null);
        }

        @Override
        public HourIndex.Page<Case> ownedBy(
                CallerScope scope, Collection<String> owners, String state, String level, String cursor, int limit) {
            return CaseOwners.page(
                    stored.values().stream()
                            .filter(c -> scope.covers(c.tenant, c.region, c.site)
                                    && owners.contains(CaseOwners.listedUnder(c))
                                    && (state == null || state.equals(c.state.name()))
                                    && (level == null || level.equals(c.level)))
                            .map(Cases::copy)
                            .toList(),
                    cursor,
                    limit);
        }

        @Override
        public List<Case> withTasks(
                CallerScope scope,
                Collection<String> owners,
                Collection<String> statuses,
                Instant from,
                Instant dueBefore) {
            return stored.values().stream()
                    .filter(c -> scope.covers(c.tenant, c.region, c.site))
                    .filter(c -> c.tasks.stream()
                            .anyMatch(t -> owners.contains(t.assignee())
                                    && statuses.contains(t.status())
                                    && (from == null || !t.dueAt().isBefore(from))
                                    && (dueBefore == null || t.dueAt().isBefore(dueBefore))))
                    .map(Cases::copy)
                    .toList();
        }

        @Override
        public Map<String, Map<String, Long>> openByTenantAndLevel(java.util.Collection<String> tenants) {
            return Map.of();
        }

        Case stored(String id) {
            return copy(stored.get(id));
        }

        Collection<Case> all() {
            return stored.values().stream().map(Cases::copy).toList();
        }

        /** Every mutation of a case replaces its lists, so a field-by-field copy is a safe snapshot. */
        static Case copy(Case c) {
            return fieldCopy(c, new Case());
        }
    }

    /** A field-by-field copy: the aggregates replace their lists on every change, never mutate them. */
    static <T> T fieldCopy(T from, T to) {
        try {
            for (Field f : from.getClass().getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                f.setAccessible(true);
                f.set(to, f.get(from));
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        return to;
    }

    /** Incidents handed out as copies with versions checked, like the Mongo repository. */
    static final class Incidents implements IncidentRepository {
        final Map<String, Incident> stored = new LinkedHashMap<>();
        final Map<String, Set<String>> members = new LinkedHashMap<>();

        @Override
        public Optional<Incident> findById(String id) {
            return Optional.ofNullable(stored.get(id)).map(Incidents::copy);
        }

        @Override
        public Optional<Incident> findByIdAndTenant(String id, String tenant) {
            return findById(id).filter(i -> i.tenant().equals(tenant));
        }

        @Override
        public Incident insert(Incident incident) {
            version(incident, 0L);
            stored.put(incident.id(), copy(incident));
            return incident;
        }

        @Override
        public Incident save(Incident incident) {
            var current = stored.get(incident.id());
            if (current == null || !version(current).equals(version(incident))) {
                throw new OptimisticLockingFailureException("stale " + incident.id());
            }
            version(incident, version(incident) + 1);
            stored.put(incident.id(), copy(incident));
            return incident;
        }

        @Override
        public void addCases(String incidentId, Collection<String> caseIds) {
            members.computeIfAbsent(incidentId, k -> new LinkedHashSet<>()).addAll(caseIds);
            var current = stored.get(incidentId);
            version(current, version(current) + 1);
        }

        @Override
        public List<Incident> latest(String tenant, int limit) {
            return stored.values().stream().map(Incidents::copy).toList();
        }

        @Override
        public List<Incident> findDue(Instant now, int limit) {
            return stored.values().stream()
                    .filter(i -> i.nextDueAt() != null && !i.nextDueAt().isAfter(now))
                    .sorted(Comparator.comparing(Incident::nextDueAt))
                    .limit(limit)
                    .map(Incidents::copy)
                    .toList();
        }

        @Override
        public DuePass duePass(Instant now, int max) {
            return DuePass.of(findDue(now, max).stream().map(Incident::id).toList());
        }

        @Override
        public List<Incident> dueAmong(Collection<String> ids, Instant now) {
            return findDue(now, Integer.MAX_VALUE).stream()
                    .filter(i -> ids.contains(i.id()))
                    .toList();
        }

        @Override
        public void postpone(String id, Instant until) {
            throw new UnsupportedOperationException("no failing incidents in memory");
        }

        @Override
        public List<Incident> withTasks(
                String tenant,
                Collection<String> sites,
                Collection<String> owners,
                Collection<String> statuses,
                Instant from,
                Instant dueBefore) {
            return stored.values().stream()
                    .filter(i -> i.tenant().equals(tenant))
                    .map(Incidents::copy)
                    .toList();
        }

        Incident stored(String id) {
            return copy(stored.get(id));
        }

        static Incident copy(Incident i) {
            return fieldCopy(i, new Incident());
        }

        private static Long version(Incident i) {
            return (Long) field(i, "version");
        }

        private static void version(Incident i, Long version) {
            try {
                var f = Incident.class.getDeclaredField("version");
                f.setAccessible(true);
                f.set(i, version);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        static Object field(Incident i, String name) {
            try {
                var f = Incident.class.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(i);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Stored rosters by key (versions are the Mongo repository's concern, not the rules'). */
    static final class InMemoryRosters implements RosterRepository {
        final Map<String, StoredRoster> stored = new LinkedHashMap<>();

        @Override
        public Optional<StoredRoster> find(String tenant, String site) {
            return Optional.ofNullable(stored.get(tenant + "|" + site));
        }

        @Override
        public StoredRoster save(StoredRoster roster) {
            stored.put(roster.id(), roster);
            return roster;
        }
    }

    final SteppingClock clock;
    final Cases cases = new Cases();
    final InMemoryRosters rosterStore = new InMemoryRosters();
    final Rosters rosters;
    final Incidents incidents = new Incidents();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final RoutingMetrics metrics = new RoutingMetrics(meters, CaseFixtures.TENANTS);
    final CaseService service;
    final DeadlineSweep sweep;
    final IncidentTasks incidentTasks;
    final IncidentTaskSweep incidentSweep;
    /** What intake would answer about earlier commitments, by complaint id (OT-02); absent = none. */
    final java.util.Map<String, java.util.List<org.complaints.routing.commitments.OpenCommitment>> commitments =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** Complaint ids intake was asked about, in order. */
    final java.util.List<String> commitmentQueries = new java.util.concurrent.CopyOnWriteArrayList<>();

    volatile boolean intakeDown;

    InMemoryRouting(Instant start) {
        this(start, new org.complaints.support.text.TextLinter(CaseFixtures.TENANTS));
    }

    /** With the §12 linter of other tenant settings (e.g. BLOCK mode, ADR 0500). */
    InMemoryRouting(Instant start, org.complaints.support.text.TextLinter texts) {
        clock = new SteppingClock(start);
        rosters = new Rosters(
                rosterStore, new Sites(CaseFixtures.TENANTS), CaseFixtures.TENANTS, CaseFixtures.POLICIES, clock);
        service = new CaseService(
                cases,
                new GroupComplaints(incidents),
                CaseFixtures.TENANTS,
                CaseFixtures.POLICIES,
                metrics,
                new DeskCoverage(rosters),
                (tenant, complaintId) -> {
                    commitmentQueries.add(complaintId);
                    if (intakeDown) {
                        throw new org.complaints.routing.commitments.EarlierCommitments.Unavailable("down", null);
                    }
                    return commitments.getOrDefault(complaintId, java.util.List.of());
                },
                texts,
                clock);
        sweep = new DeadlineSweep(cases, service, metrics, clock);
        incidentTasks = new IncidentTasks(incidents, CaseFixtures.TENANTS, CaseFixtures.POLICIES, metrics, clock);
        incidentSweep = new IncidentTaskSweep(incidents, incidentTasks, clock);
    }

    static CallerIdentity system(String tenant, String service) {
        return CallerIdentity.system(service, tenant);
    }

    static CallerIdentity staff(String tenant, String... roles) {
        return new CallerIdentity(
                roles[0] + "-user",
                CallerIdentity.Kind.STAFF,
                tenant,
                Set.of(),
                Set.of(),
                Set.of(roles),
                Set.of(),
                "Staff");
    }

    static OpenCaseRequest request(
            String site, String channel, String level, String domain, String productRef, Instant receivedAt) {
        return new OpenCaseRequest(
                java.util.UUID.randomUUID().toString(),
                null,
                null,
                site,
                channel,
                level,
                null,
                null,
                domain,
                null,
                null,
                null,
                null,
                null,
                productRef,
                receivedAt,
                null);
    }

    static Step resolution(boolean rework) {
        return new Step(
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                new Case.Resolution(
                        "Wheel bolts torqued by an uncalibrated wrench",
                        "TOOLING",
                        "Re-torqued all four wheels",
                        new Case.Measure(
                                "Torque wrench calibration every 3 months instead of 12",
                                "张诚",
                                java.time.LocalDate.parse("2025-06-01")),
                        rework,
                        null,
                        null),
                null,
                null);
    }

    static CaseEvent event(String type, Map<String, Object> data) {
        return new CaseEvent(java.util.UUID.randomUUID().toString(), type, null, data);
    }
}
