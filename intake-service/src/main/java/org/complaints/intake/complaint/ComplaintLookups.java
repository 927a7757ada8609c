package org.complaints.intake.complaint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bson.Document;
import org.complaints.support.lookup.HourIndex;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Lookup documents that let the hot paths reach complaints by key (issue 14, ADR 0106). The
 * embedded store serves only {@code _id} and unique-index equality without scanning, so every
 * question filing and listing asks is answered from a document whose {@code _id} is known:
 *
 * <ul>
 *   <li>{@code customer|tenant|customerKey}, {@code vin|tenant|vin}, {@code order|tenant|number}:
 *       the most recent {@value #MAX_SUBJECT_ENTRIES} complaint ids of that customer or subject
 *       (OT-02/03 repeat and subject links, customer history);
 *   <li>{@code hour|tenant|epochHour} and {@code span|tenant}: the tenant's {@link HourIndex}
 *       (its lists walk these backwards).
 * </ul>
 *
 * Each is maintained by one single-document atomic upsert ({@code $push}, {@code $min},
 * {@code $max}) written <em>before</em> the complaint itself; an entry whose complaint was never
 * stored (a lost idempotency race, a crash in between) is dropped on reading, because every read
 * loads the complaints by {@code _id} afterwards.
 */
@Component
class ComplaintLookups {

    static final String COLLECTION = "complaint_lookups";
    static final int MAX_SUBJECT_ENTRIES = 500;
    static final String ENTRIES = "entries";

    /** An earlier complaint of the same customer or subject. */
    record Earlier(String id, Instant receivedAt, Instant createdAt) {}

    private final MongoTemplate mongo;
    private final HourIndex hours;

    ComplaintLookups(MongoTemplate mongo) {
        this.mongo = mongo;
        this.hours = new HourIndex(mongo, COLLECTION);
    }

    HourIndex hourIndex() {
        return hours;
    }

    /** Writes the new complaint into its lookup documents; call before inserting it. */
    void record(Complaint c) {
        var subjectEntry = subjectEntry(c);
        for (var key : subjectKeys(c)) {
            mongo.upsert(
                    byId(key),
                    new Update().push(ENTRIES).slice(-MAX_SUBJECT_ENTRIES).each(subjectEntry),
                    COLLECTION);
        }
        hours.record(c.tenant, c.id, c.createdAt, c.region, c.site);
    }

    /** Earlier stored complaints of the customer, the vehicle and the order, each newest first. */
    Map<String, List<Earlier>> earlier(Complaint c) {
        var keys = subjectKeys(c);
        if (keys.isEmpty()) {
            return Map.of();
        }
        var docs = mongo.find(new Query(Criteria.where("_id").in(keys)), Document.class, COLLECTION).stream()
                .collect(Collectors.toMap(d -> d.getString("_id"), Function.identity()));
        var ids = new ArrayList<String>();
        docs.values().forEach(d -> entries(d).forEach(e -> ids.add(e.getString("id"))));
        var stored = storedIds(ids);
        var result = new LinkedHashMap<String, List<Earlier>>();
        for (var key : keys) {
            var doc = docs.get(key);
            if (doc == null) {
                continue;
            }
            var list = entries(doc).stream()
                    .filter(e -> stored.contains(e.getString("id"))
                            && !e.getString("id").equals(c.id))
                    .map(e -> new Earlier(e.getString("id"), instant(e, "receivedAt"), instant(e, "createdAt")))
                    .sorted(Comparator.comparing(Earlier::createdAt).reversed())
                    .toList();
            result.put(key.substring(0, key.indexOf('|')), list);
        }
        return result;
    }

    /** The most recent complaint ids of one customer (by customer key), newest first. */
    List<Earlier> ofCustomer(String tenant, String customerKey) {
        var doc = mongo.findById(subjectKey("customer", tenant, customerKey), Document.class, COLLECTION);
        if (doc == null) {
            return List.of();
        }
        return entries(doc).stream()
                .map(e -> new Earlier(e.getString("id"), instant(e, "receivedAt"), instant(e, "createdAt")))
                .sorted(Comparator.comparing(Earlier::createdAt)
                        .thenComparing(Earlier::id)
                        .reversed())
                .toList();
    }

    /** Loads complaints by {@code _id} (the primary index), keyed by id. */
    Map<String, Complaint> load(List<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return mongo.find(new Query(Criteria.where("_id").in(ids)), Complaint.class).stream()
                .collect(Collectors.toMap(Complaint::id, Function.identity()));
    }

    private java.util.Set<String> storedIds(List<String> ids) {
        if (ids.isEmpty()) {
            return java.util.Set.of();
        }
        var query = new Query(Criteria.where("_id").in(ids));
        query.fields().include("_id");
        return mongo.find(query, Document.class, "complaints").stream()
                .map(d -> d.get("_id").toString())
                .collect(Collectors.toSet());
    }

    static String subjectKey(String kind, String tenant, String value) {
        return kind + "|" + tenant + "|" + value;
    }

    static List<String> subjectKeys(Complaint c) {
        var keys = new ArrayList<String>();
        if (c.customerKey != null) {
            keys.add(subjectKey("customer", c.tenant, c.customerKey));
        }
        if (c.vehicle != null && c.vehicle.vin() != null && !c.vehicle.vin().isBlank()) {
            keys.add(subjectKey("vin", c.tenant, c.vehicle.vin()));
        }
        if (c.order != null
                && c.order.orderNumber() != null
                && !c.order.orderNumber().isBlank()) {
            keys.add(subjectKey("order", c.tenant, c.order.orderNumber()));
        }
        return keys;
    }

    static Document subjectEntry(Complaint c) {
        return new Document("id", c.id)
                .append("receivedAt", Date.from(c.receivedAt))
                .append("createdAt", Date.from(c.createdAt));
    }

    private static Query byId(String id) {
        return new Query(Criteria.where("_id").is(id));
    }

    private static List<Document> entries(Document doc) {
        return doc.getList(ENTRIES, Document.class, List.of());
    }

    private static Instant instant(Document d, String field) {
        var value = d.getDate(field);
        return value == null ? Instant.EPOCH : value.toInstant();
    }
}
