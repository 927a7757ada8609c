package org.complaints.routing.cases;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.complaints.support.due.DueBuckets;
import org.complaints.support.due.DuePass;
import org.complaints.support.due.DueSettings;
import org.complaints.support.lookup.HourIndex;
import org.complaints.support.scope.CallerScope;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

@Repository
class MongoCaseRepository implements CaseRepository {

    /** Lookup documents kept beside the cases (RT-06 product groups), read by key. */
    static final String LOOKUPS = "case_lookups";
    /** Latest cases per product and site kept; a group window holds far fewer. */
    static final int PRODUCT_ENTRIES = 500;

    /** Written once every case stored before the list lookups existed is in them (see {@link #indexHistory}). */
    static final String HISTORY_INDEXED = "history-indexed|v1";

    /** Written once every open case stored before owners' case lists existed is on its owner's list. */
    static final String OWNERS_INDEXED = "case-owners-indexed|v1";

    /** Written once every open case stored before the open-case sets existed is in its tenant's set. */
    static final String OPEN_INDEXED = "open-cases-indexed|v1";

    private final MongoTemplate mongo;
    private final DueBuckets due;
    private final HourIndex hours;
    private final OpenTaskOwners owners;
    private final CaseOwners caseOwners;
    private final CaseReceipts receipts;
    private final OpenCases openCases;

    MongoCaseRepository(MongoTemplate mongo, DueSettings settings, Clock clock, CaseReceipts receipts) {
        this.mongo = mongo;
        this.receipts = receipts;
        this.due = new DueBuckets(mongo, "cases", settings, clock);
        this.hours = new HourIndex(mongo, LOOKUPS);
        this.owners = new OpenTaskOwners(mongo, LOOKUPS);
        this.caseOwners = new CaseOwners(mongo, LOOKUPS);
        this.openCases = new OpenCases(mongo, LOOKUPS);
    }

    /**
     * Once per store: puts the cases stored before lists went by key into the hour index (ADR 0025)
     * and their open tasks into their owners' lookups (ADR 0026), by one scan at start. Replicas doing
     * it at once write the same entries ({@code $addToSet}).
     */
    @EventListener(ApplicationReadyEvent.class)
    void indexHistory() {
        if (mongo.findById(HISTORY_INDEXED, org.bson.Document.class, LOOKUPS) != null) {
            return;
        }
        var query = new Query();
        query.fields().include("_id", "tenant", "region", "site", "openedAt", "receivedAt", "tasks");
        var batch = new ArrayList<HourIndex.Recorded>();
        try (var all = mongo.stream(query, Case.class)) {
            all.forEach(c -> {
                batch.add(new HourIndex.Recorded(c.tenant, c.id, listedAt(c), c.region, c.site));
                owners.file(c);
                if (batch.size() == 10_000) {
                    hours.recordAll(batch);
                    batch.clear();
                }
            });
        }
        hours.recordAll(batch);
        mongo.upsert(new Query(Criteria.where("_id").is(HISTORY_INDEXED)), new Update().set("at", new Date()), LOOKUPS);
    }

    /**
     * Once per store: puts the open cases stored before owners' case lists existed on their owner's
     * list (ADR 0601), by one scan at start, and records the list on the case unless a save changed
     * it meanwhile (then that save filed it).
     */
    @EventListener(ApplicationReadyEvent.class)
    void indexOpenCaseOwners() {
        if (mongo.findById(OWNERS_INDEXED, org.bson.Document.class, LOOKUPS) != null) {
            return;
        }
        var query = new Query(Criteria.where("state").nin(State.CLOSED.name(), State.CLOSED_NOT_ESTABLISHED.name()));
        query.fields().include("_id", "version", "tenant", "owner", "state", "listedOwner");
        try (var open = mongo.stream(query, Case.class)) {
            open.filter(c -> c.listedOwner == null).forEach(c -> {
                caseOwners.file(c, null);
                if (c.listedOwner != null) {
                    mongo.updateFirst(
                            new Query(Criteria.where("_id")
                                    .is(c.id)
                                    .and("version")
                                    .is(c.version)),
                            new Update().set("listedOwner", c.listedOwner),
                            Case.class);
                }
            });
        }
        mongo.upsert(new Query(Criteria.where("_id").is(OWNERS_INDEXED)), new Update().set("at", new Date()), LOOKUPS);
    }

    /**
     * Once per store: puts the open cases stored before the open-case sets existed into their
     * tenant's set (ADR 0607), by one scan at start, and marks them listed unless a save changed them
     * meanwhile (then that save listed them).
     */
    @EventListener(ApplicationReadyEvent.class)
    void indexOpenCases() {
        if (mongo.findById(OPEN_INDEXED, org.bson.Document.class, LOOKUPS) != null) {
            return;
        }
        var query = new Query(Criteria.where("state").nin(State.CLOSED.name(), State.CLOSED_NOT_ESTABLISHED.name()));
        query.fields().include("_id", "version", "tenant", "state", "listedOpen");
        var byTenant = new HashMap<String, List<Case>>();
        try (var open = mongo.stream(query, Case.class)) {
            open.filter(c -> !c.listedOpen && OpenCases.open(c))
                    .forEach(c -> byTenant.computeIfAbsent(c.tenant, t -> new ArrayList<>())
                            .add(c));
        }
        byTenant.forEach((tenant, open) -> {
            openCases.addAll(tenant, open.stream().map(c -> c.id).toList());
            open.forEach(c -> mongo.updateFirst(
                    new Query(Criteria.where("_id").is(c.id).and("version").is(c.version)),
                    new Update().set("listedOpen", true),
                    Case.class));
        });
        mongo.upsert(new Query(Criteria.where("_id").is(OPEN_INDEXED)), new Update().set("at", new Date()), LOOKUPS);
    }

    @Override
    public Optional<Case> findById(String id) {
        return Optional.ofNullable(mongo.findById(id, Case.class));
    }

    @Override
    public Optional<Case> findByTenantAndComplaintId(String tenant, String complaintId) {
        return Optional.ofNullable(mongo.findOne(
                new Query(Criteria.where("tenant").is(tenant).and("complaintId").is(complaintId)), Case.class));
    }

    @Override
    public Case insert(Case c) {
        // All before the case: a crash in between leaves a stale entry, not a lost one.
        due.file(c.id, c.nextDueAt);
        hours.record(c.tenant, c.id, listedAt(c), c.region, c.site);
        receipts.record(c);
        owners.file(c);
        caseOwners.file(c, null);
        openCases.file(c);
        if (c.productRef != null && !c.productRef.isBlank()) {
            mongo.upsert(
                    byId(productKey(c.tenant, c.site, c.productRef)),
                    new Update()
                            .push("entries")
                            .slice(-PRODUCT_ENTRIES)
                            .each(new org.bson.Document("id", c.id).append("receivedAt", Date.from(c.receivedAt))),
                    LOOKUPS);
        }
        return mongo.insert(c);
    }

    @Override
    public Case save(Case c) {
        due.file(c.id, c.nextDueAt);
        owners.file(c);
        var listed = c.listedOwner;
        caseOwners.file(c, listed);
        var wasListedOpen = c.listedOpen;
        openCases.file(c);
        var saved = mongo.save(c);
        owners.file(saved);
        owners.settle(saved);
        caseOwners.settle(saved, listed);
        openCases.settle(saved, wasListedOpen);
        return saved;
    }

    @Override
    public List<Case> findDue(Instant now, int limit) {
        return mongo.find(dueQuery(now, limit), Case.class);
    }

    @Override
    public DuePass duePass(Instant now, int max) {
        return due.pass(now, max, (at, limit) -> {
            var query = dueQuery(at, limit);
            query.fields().include("_id");
            return mongo.find(query, org.bson.Document.class, "cases").stream()
                    .map(d -> d.getString("_id"))
                    .toList();
        });
    }

    @Override
    public List<Case> dueAmong(Collection<String> ids, Instant now) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return mongo.find(new Query(Criteria.where("_id").in(ids)), Case.class).stream()
                .filter(c -> c.nextDueAt != null && !c.nextDueAt.isAfter(now))
                .sorted(Comparator.comparing(c -> c.nextDueAt))
                .toList();
    }

    @Override
    public void postpone(String id, Instant until) {
        due.file(id, until);
        mongo.updateFirst(new Query(Criteria.where("_id").is(id)), new Update().set("nextDueAt", until), Case.class);
    }

    /** Filters on {@code nextDueAt} alone (its index on MongoDB; a scan on the embedded store); terminal cases carry none. */
    static Query dueQuery(Instant now, int limit) {
        return new Query(Criteria.where("nextDueAt").lte(now))
                .with(Sort.by("nextDueAt"))
                .limit(limit);
    }

    /**
     * By key (ADR 0024): the product's lookup document names the latest cases opened on it; they are
     * loaded by {@code _id} and checked again (an entry whose case was never stored is dropped).
     */
    @Override
    public List<Case> findOnProduct(String tenant, String site, String productRef, Instant since) {
        var lookup = mongo.findById(productKey(tenant, site, productRef), org.bson.Document.class, LOOKUPS);
        if (lookup == null) {
            return List.of();
        }
        var ids = lookup.getList("entries", org.bson.Document.class, List.of()).stream()
                .filter(e -> !e.getDate("receivedAt").toInstant().isBefore(since))
                .map(e -> e.getString("id"))
                .distinct()
                .toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        var query = new Query(Criteria.where("_id").in(ids));
        query.fields().include("_id", "tenant", "site", "productRef", "receivedAt", "incidentId");
        return mongo.find(query, Case.class).stream()
                .filter(c -> tenant.equals(c.tenant) && site.equals(c.site) && productRef.equals(c.productRef))
                .filter(c -> !c.receivedAt.isBefore(since))
                .toList();
    }

    static String productKey(String tenant, String site, String productRef) {
        return "product|" + tenant + "|" + site + "|" + productRef;
    }

    private static Query byId(String id) {
        return new Query(Criteria.where("_id").is(id));
    }

    @Override
    public HourIndex.Page<Case> page(CallerScope scope, String state, String level, String cursor, int limit) {
        return hours.page(
                scope,
                HourIndex.Window.ALL,
                cursor,
                limit,
                new HourIndex.Records<Case>(
                        this::byIds,
                        MongoCaseRepository::listedAt,
                        Case::id,
                        c -> scope.covers(c.tenant, c.region, c.site)
                                && (state == null || state.equals(c.state.name()))
                                && (level == null || level.equals(c.level))));
    }

    /**
     * By key (ADR 0601): the owners' lookups name the cases; their list fields are loaded by {@code _id},
     * checked again (a stale entry is dropped) and ordered, then the page's cases are loaded whole.
     */
    @Override
    public HourIndex.Page<Case> ownedBy(
            CallerScope scope, Collection<String> owners, String state, String level, String cursor, int limit) {
        var ids = new ArrayList<>(caseOwners.casesOf(scope.tenant(), owners));
        var candidates = new ArrayList<Case>();
        for (var start = 0; start < ids.size(); start += 200) {
            var query = new Query(Criteria.where("_id").in(ids.subList(start, Math.min(ids.size(), start + 200))));
            query.fields().include("_id", "tenant", "region", "site", "owner", "state", "level", "deadlines");
            mongo.find(query, Case.class).stream()
                    .filter(c -> scope.covers(c.tenant, c.region, c.site)
                            && owners.contains(CaseOwners.listedUnder(c))
                            && (state == null || state.equals(c.state.name()))
                            && (level == null || level.equals(c.level)))
                    .forEach(candidates::add);
        }
        var page = CaseOwners.page(candidates, cursor, limit);
        var whole = byIds(page.items().stream().map(Case::id).toList());
        return new HourIndex.Page<>(
                page.items().stream()
                        .map(c -> whole.get(c.id))
                        .filter(java.util.Objects::nonNull)
                        .toList(),
                page.nextCursor());
    }

    private Map<String, Case> byIds(List<String> ids) {
        var found = new HashMap<String, Case>();
        mongo.find(new Query(Criteria.where("_id").in(ids)), Case.class).forEach(c -> found.put(c.id, c));
        return found;
    }

    /** When a case entered the list: its opening (cases opened before openedAt existed: receipt). */
    static Instant listedAt(Case c) {
        return c.openedAt != null ? c.openedAt : c.receivedAt != null ? c.receivedAt : Instant.EPOCH;
    }

    @Override
    public List<Case> withTasks(
            CallerScope scope,
            Collection<String> owners,
            Collection<String> statuses,
            Instant from,
            Instant dueBefore) {
        var ids = new ArrayList<>(this.owners.casesOf(scope.tenant(), owners));
        var found = new ArrayList<Case>();
        for (var start = 0; start < ids.size(); start += 200) {
            var chunk = ids.subList(start, Math.min(ids.size(), start + 200));
            found.addAll(mongo.find(new Query(Criteria.where("_id").in(chunk)), Case.class));
        }
        return found.stream()
                .filter(c -> scope.covers(c.tenant, c.region, c.site)
                        && c.tasks.stream()
                                .anyMatch(t -> owners.contains(t.assignee())
                                        && statuses.contains(t.status())
                                        && t.dueAt() != null
                                        && (from == null || !t.dueAt().isBefore(from))
                                        && (dueBefore == null || t.dueAt().isBefore(dueBefore))))
                .toList();
    }

    @Override
    public Map<String, Map<String, Long>> openByTenantAndLevel(Collection<String> tenants) {
        return openCases.byTenantAndLevel(tenants);
    }
}
