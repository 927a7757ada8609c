package org.complaints.compensation.remedy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.bson.Document;
import org.complaints.support.lookup.HourIndex;
import org.complaints.support.lookup.KeyedIds;
import org.complaints.support.lookup.ShardedIds;
import org.complaints.support.scope.CallerScope;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The lookups that let compensation's staff lists reach their documents by key (issue 14, ADR 0293):
 * the embedded store answers only {@code _id} and unique keys without reading the whole collection.
 *
 * <ul>
 *   <li>an {@link HourIndex} of the tenant's compensations by creation ({@code hour|tenant|h} in
 *       {@value #LOOKUPS}): {@code GET /compensations}, the ledger without a customer and the
 *       month's summary;
 *   <li>a customer's compensations ({@code tenant|customerRef} in {@value #BY_CUSTOMER}): the
 *       ledger of one customer and the repeat check on proposal;
 *   <li>the tenant's compensations with an option waiting ({@code pending|tenant}, sharded, values
 *       {@code <created millis>|<id>}): the approvers' inbox. An option never becomes pending again
 *       once decided, so an id is taken off after the save that decided its last one.
 * </ul>
 *
 * Every entry is written before the compensation, so a crash in between leaves an entry that loads
 * as nothing or no longer matches, never a missing one; readers load by {@code _id $in} and check
 * every filter on the loaded document again.
 */
final class CompensationLists {

    static final String LOOKUPS = "compensation_lookups";
    static final String BY_CUSTOMER = "compensations_by_customer";
    /** Written once the compensations stored before these lookups are in them. */
    static final String INDEXED = "lists-indexed|v1";
    /** Compensations loaded per read by {@code _id $in}. */
    private static final int LOAD_CHUNK = 50;
    /** Compensations one inbox or customer read loads at most, as an hour-index page. */
    static final int MAX_LOADS = HourIndex.MAX_LOADS_PER_PAGE;

    private final MongoTemplate mongo;
    private final HourIndex hours;
    private final KeyedIds byCustomer;
    private final ShardedIds pending;

    CompensationLists(MongoTemplate mongo) {
        this.mongo = mongo;
        this.hours = new HourIndex(mongo, LOOKUPS);
        this.byCustomer = new KeyedIds(mongo, BY_CUSTOMER);
        this.pending = new ShardedIds(mongo, LOOKUPS);
    }

    /** Before inserting a new compensation. */
    void fileNew(Compensation c) {
        hours.record(c.tenant, c.id, listedAt(c), c.region, c.site);
        if (c.customerRef != null) {
            byCustomer.add(customerKey(c.tenant, c.customerRef), c.id);
        }
        beforeSave(c);
    }

    /** Before every write: a compensation with a waiting option is in its tenant's inbox set. */
    void beforeSave(Compensation c) {
        if (waits(c)) {
            pending.add(pendingKey(c.tenant), ShardedIds.timed(c.createdAt, c.id));
        }
    }

    /** After a successful write: none waits any more, so it leaves the inbox set for good. */
    void afterSave(Compensation c) {
        if (!waits(c)) {
            pending.remove(pendingKey(c.tenant), ShardedIds.timed(c.createdAt, c.id));
        }
    }

    /** The newest compensations in the scope (one hour-index page). */
    List<Compensation> newest(CallerScope scope, int limit) {
        return hours.page(scope, HourIndex.Window.ALL, null, limit, records(scope, c -> true))
                .items();
    }

    /**
     * Compensations with an approved option, newest first, created in [{@code from}, {@code to})
     * when given; up to {@code limit} over at most {@code pages} hour-index pages.
     */
    List<Compensation> approved(CallerScope scope, Instant from, Instant to, int limit, int pages) {
        var window = new HourIndex.Window(null, null, from, to);
        var found = new ArrayList<Compensation>();
        String cursor = null;
        for (var n = 0; n < pages && found.size() < limit; n++) {
            var page = hours.page(
                    scope,
                    window,
                    cursor,
                    limit - found.size(),
                    records(scope, c -> approved(c) && within(c, from, to)));
            found.addAll(page.items());
            cursor = page.nextCursor();
            if (cursor == null) {
                break;
            }
        }
        return found;
    }

    /**
     * The ids of the scope's compensations created in [{@code from}, {@code to}), each once, in chunks
     * for a load by {@code _id $in}, for the month's report (ADR 0602); an id may be stale, so the
     * reader checks the loaded compensation again.
     */
    void createdWithin(CallerScope scope, Instant from, Instant to, Consumer<List<String>> ids) {
        hours.within(scope, new HourIndex.Window(null, null, from, to), ids);
    }

    /** A customer's compensations in the scope, oldest first (a customer has a handful). */
    List<Compensation> ofCustomer(CallerScope scope, String customerRef) {
        var ids = byCustomer.ids(customerKey(scope.tenant(), customerRef));
        var found = new ArrayList<Compensation>();
        for (var start = 0; start < ids.size() && start < MAX_LOADS; start += LOAD_CHUNK) {
            byIds(ids.subList(start, Math.min(ids.size(), start + LOAD_CHUNK))).values().stream()
                    .filter(c -> scope.covers(c.tenant, c.region, c.site) && customerRef.equals(c.customerRef))
                    .forEach(found::add);
        }
        found.sort(Comparator.comparing(CompensationLists::listedAt).thenComparing(c -> c.id));
        return found;
    }

    /** Compensations with an option waiting for one of {@code roles}, oldest first. */
    List<Compensation> waitingFor(CallerScope scope, Collection<String> roles, int limit) {
        var found = new ArrayList<Compensation>();
        eachWaiting(scope.tenant(), MAX_LOADS, c -> {
            if (scope.covers(c.tenant, c.region, c.site)
                    && c.options.stream().anyMatch(o -> o.pending() && roles.contains(o.requiredRole()))) {
                found.add(c);
            }
            return found.size() < limit;
        });
        return found;
    }

    /** When the tenant's oldest waiting compensation was created, from its inbox set by key (ADR 0607). */
    java.util.Optional<Instant> oldestWaiting(String tenant) {
        var oldest = new Instant[1];
        eachWaiting(tenant, Integer.MAX_VALUE, c -> {
            oldest[0] = listedAt(c);
            return false;
        });
        return java.util.Optional.ofNullable(oldest[0]);
    }

    /**
     * The tenant's compensations with an option waiting, oldest first, loaded from its inbox set by
     * {@code _id} (at most {@code maxLoads}) and handed to {@code take} until it answers false. An
     * entry whose compensation was decided meanwhile (a crash before {@link #afterSave}) is taken off:
     * nothing of it can wait again.
     */
    private void eachWaiting(String tenant, int maxLoads, Predicate<Compensation> take) {
        var ids = pending.values(pendingKey(tenant)).stream()
                .sorted()
                .map(ShardedIds::idOf)
                .distinct()
                .toList();
        for (var start = 0; start < ids.size() && start < maxLoads; start += LOAD_CHUNK) {
            var chunk = ids.subList(start, Math.min(ids.size(), start + LOAD_CHUNK));
            var loaded = byIds(chunk);
            for (var id : chunk) {
                var c = loaded.get(id);
                if (c == null || !tenant.equals(c.tenant)) {
                    continue; // not stored (yet): an insert may still be on its way
                }
                if (!waits(c)) {
                    pending.remove(pendingKey(c.tenant), ShardedIds.timed(c.createdAt, c.id));
                } else if (!take.test(c)) {
                    return;
                }
            }
        }
    }

    /**
     * Files every compensation stored before these lookups, once per store (one read of the
     * collection at the first start of this version). Repeating it (two replicas starting together)
     * lists nothing twice: the sets are sets and the hour index deduplicates on reading.
     */
    void indexHistory() {
        if (mongo.findById(INDEXED, Document.class, LOOKUPS) != null) {
            return;
        }
        var query = new Query();
        query.fields().include("_id", "tenant", "region", "site", "createdAt", "customerRef", "options.status");
        var batch = new ArrayList<HourIndex.Recorded>();
        var customers = new LinkedHashMap<String, List<String>>();
        var waiting = new LinkedHashMap<String, List<String>>();
        try (var all = mongo.stream(query, Document.class, CompensationRepository.COLLECTION)) {
            all.forEach(d -> {
                var tenant = d.getString("tenant");
                if (tenant == null) {
                    return;
                }
                var id = d.get("_id").toString();
                var created = d.getDate("createdAt") == null
                        ? null
                        : d.getDate("createdAt").toInstant();
                batch.add(new HourIndex.Recorded(
                        tenant,
                        id,
                        created == null ? Instant.EPOCH : created,
                        d.getString("region"),
                        d.getString("site")));
                var customer = d.getString("customerRef");
                if (customer != null) {
                    customers
                            .computeIfAbsent(customerKey(tenant, customer), k -> new ArrayList<>())
                            .add(id);
                }
                var options = d.getList("options", Document.class, List.of());
                if (options.stream().anyMatch(o -> "PENDING_APPROVAL".equals(o.getString("status")))) {
                    waiting.computeIfAbsent(pendingKey(tenant), k -> new ArrayList<>())
                            .add(ShardedIds.timed(created, id));
                }
                if (batch.size() == 10_000) {
                    hours.recordAll(batch);
                    batch.clear();
                }
            });
        }
        hours.recordAll(batch);
        customers.forEach(byCustomer::addAll);
        waiting.forEach(pending::addAll);
        mongo.upsert(new Query(Criteria.where("_id").is(INDEXED)), new Update().set("at", new Date()), LOOKUPS);
    }

    /** The loaded compensation is checked against the scope again, not only its hour entry. */
    private HourIndex.Records<Compensation> records(CallerScope scope, Predicate<Compensation> keep) {
        return new HourIndex.Records<>(
                this::byIds,
                CompensationLists::listedAt,
                c -> c.id,
                c -> scope.covers(c.tenant, c.region, c.site) && keep.test(c));
    }

    private Map<String, Compensation> byIds(List<String> ids) {
        var found = new HashMap<String, Compensation>();
        mongo.find(new Query(Criteria.where("_id").in(ids)), Compensation.class).forEach(c -> found.put(c.id, c));
        return found;
    }

    /** Where a compensation sits in the hour index: its creation (the epoch for a document without one). */
    static Instant listedAt(Compensation c) {
        return c.createdAt == null ? Instant.EPOCH : c.createdAt;
    }

    static boolean approved(Compensation c) {
        return c.options.stream().anyMatch(o -> "APPROVED".equals(o.status()));
    }

    static boolean within(Compensation c, Instant from, Instant to) {
        return from == null || (c.createdAt != null && !c.createdAt.isBefore(from) && c.createdAt.isBefore(to));
    }

    private static boolean waits(Compensation c) {
        return c.options.stream().anyMatch(Compensation.Option::pending);
    }

    static String customerKey(String tenant, String customerRef) {
        return tenant + "|" + customerRef;
    }

    static String pendingKey(String tenant) {
        return "pending|" + tenant;
    }
}
