package org.complaints.compensation.remedy;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.complaints.support.delivery.DeliveryRelay;
import org.complaints.support.due.DueBuckets;
import org.complaints.support.due.DuePass;
import org.complaints.support.due.DueSettings;
import org.complaints.support.lookup.KeyedIds;
import org.complaints.support.scope.CallerScope;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The one way to the {@code compensations} collection. Every read a caller asks for starts from
 * the caller's {@link CallerScope} (tenant, regions, sites); only the relay and the sweep read
 * across tenants, by id or by due time.
 */
@Repository
public class CompensationRepository {

    static final String COLLECTION = "compensations";
    /** Hour-index pages one ledger read walks at most (each loads at most 1,000 compensations). */
    static final int LEDGER_PAGES = 3;

    private final MongoTemplate mongo;
    private final DueBuckets due;
    /** A case's compensations by key (ADR 0292): lists by case never scan the collection. */
    private final KeyedIds byCase;
    /** The staff lists' lookups (ADR 0293): by creation hour, by customer, waiting approvals. */
    private final CompensationLists lists;

    CompensationRepository(MongoTemplate mongo, DueSettings settings, Clock clock) {
        this.mongo = mongo;
        this.due = new DueBuckets(mongo, COLLECTION, settings, clock);
        this.byCase = new KeyedIds(mongo, "compensations_by_case");
        this.lists = new CompensationLists(mongo);
    }

    /** Compensations proposed before the lookups existed are filed once, before the service takes traffic. */
    @EventListener(ApplicationReadyEvent.class)
    void fileEarlierCompensations() {
        byCase.backfillOnce(COLLECTION, d -> caseKey(d.getString("tenant"), d.getString("caseId")));
        lists.indexHistory();
    }

    Compensation insert(Compensation c) {
        c.refreshDueTimes();
        // all before the write: a crash in between leaves stale entries, not a lost compensation
        due.file(c.id, c.nextDue());
        byCase.add(caseKey(c.tenant, c.caseId), c.id);
        lists.fileNew(c);
        return mongo.insert(c);
    }

    /** Saves with the optimistic version check: a concurrent change makes this throw. */
    Compensation save(Compensation c) {
        c.refreshDueTimes();
        due.file(c.id, c.nextDue());
        lists.beforeSave(c);
        var saved = mongo.save(c);
        lists.afterSave(saved);
        return saved;
    }

    /**
     * By id within the caller's scope; outside it the compensation does not exist for the caller.
     * By {@code _id} alone, then the scope: a filter naming more than {@code _id} scans the embedded store.
     */
    Optional<Compensation> find(CallerScope scope, String id) {
        return findById(id).filter(c -> scope.covers(c.tenant, c.region, c.site));
    }

    Optional<Compensation> findById(String id) {
        return Optional.ofNullable(mongo.findById(id, Compensation.class));
    }

    List<Compensation> list(CallerScope scope, String caseId, int limit) {
        if (caseId != null) {
            return byCase.ids(caseKey(scope.tenant(), caseId)).stream()
                    .map(id -> mongo.findById(id, Compensation.class))
                    .filter(c -> c != null && caseId.equals(c.caseId) && scope.covers(c.tenant, c.region, c.site))
                    .limit(limit)
                    .toList();
        }
        // newest first through the hour index (ADR 0293); the scan this replaces had no order
        return lists.newest(scope, limit);
    }

    private static String caseKey(String tenant, String caseId) {
        return tenant == null || caseId == null ? null : tenant + "|" + caseId;
    }

    /** The approvers' inbox: compensations with an option waiting for one of the roles, oldest first. */
    List<Compensation> pendingFor(CallerScope scope, Collection<String> roles, int limit) {
        return lists.waitingFor(scope, roles, limit);
    }

    /**
     * The remedy ledger's compensations (an option approved): a customer's from their lookup, oldest
     * first; else newest first through the hour index, over at most {@value #LEDGER_PAGES} pages.
     */
    List<Compensation> ledger(CallerScope scope, String customerRef, Instant from, Instant to, int limit) {
        if (customerRef != null) {
            return lists.ofCustomer(scope, customerRef).stream()
                    .filter(c -> CompensationLists.approved(c) && CompensationLists.within(c, from, to))
                    .limit(limit)
                    .toList();
        }
        return lists.approved(scope, from, to, limit, LEDGER_PAGES);
    }

    /** A repeat check across the whole tenant (the customer may have been compensated elsewhere). */
    boolean approvedForCustomerSince(String tenant, String customerRef, Instant since) {
        return lists.ofCustomer(new CallerScope(tenant, List.of(), List.of()), customerRef).stream()
                .anyMatch(c -> CompensationLists.approved(c) && c.createdAt != null && !c.createdAt.isBefore(since));
    }

    /** Compensations of a case whose events routing has not acknowledged yet, oldest first. */
    List<Compensation> withUndeliveredEvents(String tenant, String caseId) {
        return byCase.ids(caseKey(tenant, caseId)).stream()
                .map(id -> mongo.findById(id, Compensation.class))
                .filter(c -> c != null && tenant.equals(c.tenant) && caseId.equals(c.caseId))
                .filter(c -> c.deliveries != null && !c.deliveries.isEmpty())
                .sorted(java.util.Comparator.comparing(
                        (Compensation c) -> c.createdAt,
                        java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())))
                .toList();
    }

    /** Drops an acknowledged event; by collection name, so the version (a business change counter) stays. */
    void removeDelivery(String id, String eventId) {
        mongo.updateFirst(
                new Query(Criteria.where("_id").is(id)),
                new Update().pull(DeliveryRelay.FIELD, new Document("eventId", eventId)),
                COLLECTION);
    }

    /** The options of a kind, status and currency: how many, and their amounts' total in cents. */
    record OptionTotal(String kind, String status, String currency, long count, long minor) {}

    /**
     * The options of the scope's compensations created in [{@code from}, {@code to}), per kind, status
     * and currency (LC-11 report). The month's compensations are reached through the hour index by
     * creation and loaded by {@code _id} (ADR 0602), not aggregated: on the embedded store an
     * aggregation reads every compensation ever proposed. Each loaded one is checked again.
     */
    List<OptionTotal> optionTotals(CallerScope scope, Instant from, Instant to) {
        var totals = new LinkedHashMap<List<String>, long[]>();
        lists.createdWithin(scope, from, to, ids -> {
            var query = new Query(Criteria.where("_id").in(ids));
            query.fields().include("tenant", "region", "site", "createdAt", "options");
            for (var c : mongo.find(query, Document.class, COLLECTION)) {
                var created = c.getDate("createdAt");
                if (!scope.covers(c.getString("tenant"), c.getString("region"), c.getString("site"))
                        || created == null
                        || created.toInstant().isBefore(from)
                        || !created.toInstant().isBefore(to)) {
                    continue;
                }
                for (var o : c.getList("options", Document.class, List.of())) {
                    var currency = o.get("amount") instanceof Document amount ? amount.getString("currency") : null;
                    var total = totals.computeIfAbsent(
                            Arrays.asList(o.getString("kind"), o.getString("status"), currency), k -> new long[2]);
                    total[0]++;
                    total[1] += o.get("amountMinor") instanceof Number minor ? minor.longValue() : 0;
                }
            }
        });
        return totals.entrySet().stream()
                .map(e -> new OptionTotal(
                        e.getKey().get(0), e.getKey().get(1), e.getKey().get(2), e.getValue()[0], e.getValue()[1]))
                .toList();
    }

    /** When the tenant's oldest compensation with an option waiting was created, by key (ADR 0607). */
    java.util.Optional<java.time.Instant> oldestWaiting(String tenant) {
        return lists.oldestWaiting(tenant);
    }

    /**
     * Ids of compensations that may have an approval or an implementation due at {@code now}: from
     * the due-minute buckets on the embedded store, by the two due-time indexes on MongoDB (ADR 0023).
     */
    DuePass duePass(Instant now, int max) {
        return due.pass(now, max, (at, limit) -> {
            // One query, so "fewer than the limit" means every due one was found; MongoDB answers
            // each branch of the $or from its own index.
            var query = new Query(new Criteria()
                            .orOperator(
                                    Criteria.where("nextApprovalDue").lte(at),
                                    Criteria.where("implementationDue").lte(at)))
                    .limit(limit);
            query.fields().include("_id");
            return mongo.find(query, Document.class, COLLECTION).stream()
                    .map(d -> d.getString("_id"))
                    .toList();
        });
    }

    /** The compensations among {@code ids} with something still due at {@code now} (an id may be stale). */
    List<Compensation> dueAmong(Collection<String> ids, Instant now) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return mongo.find(new Query(Criteria.where("_id").in(ids)), Compensation.class).stream()
                .filter(c -> c.nextDue() != null && !c.nextDue().isAfter(now))
                .toList();
    }
}
