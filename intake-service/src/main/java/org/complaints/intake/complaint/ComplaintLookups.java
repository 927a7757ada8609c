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
 *   <li>{@code hour|tenant|epochHour}: every complaint recorded in that hour, with its region and
 *       site (the tenant's lists walk these backwards);
 *   <li>{@code span|tenant}: the first and last hour that hold complaints.
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

    ComplaintLookups(MongoTemplate mongo) {
        this.mongo = mongo;
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
        var hour = hourOf(c.createdAt);
        mongo.upsert(byId(hourKey(c.tenant, hour)), new Update().push(ENTRIES, hourEntry(c)), COLLECTION);
        mongo.upsert(byId(spanKey(c.tenant)), new Update().min("first", hour).max("last", hour), COLLECTION);
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

    /** One hour's list entry: what a list may filter on before loading the complaint. */
    record HourEntry(String id, Instant at, String region, String site) {}

    record Span(long first, long last) {}

    Span span(String tenant) {
        var doc = mongo.findById(spanKey(tenant), Document.class, COLLECTION);
        if (doc == null) {
            return null;
        }
        return new Span(((Number) doc.get("first")).longValue(), ((Number) doc.get("last")).longValue());
    }

    /** The entries of the given hours, by hour; hours without complaints are absent. */
    Map<Long, List<HourEntry>> hours(String tenant, List<Long> hours) {
        var keys = hours.stream().map(h -> hourKey(tenant, h)).toList();
        var result = new LinkedHashMap<Long, List<HourEntry>>();
        for (var doc : mongo.find(new Query(Criteria.where("_id").in(keys)), Document.class, COLLECTION)) {
            var id = doc.getString("_id");
            var hour = Long.parseLong(id.substring(id.lastIndexOf('|') + 1));
            result.put(
                    hour,
                    entries(doc).stream()
                            .map(e -> new HourEntry(
                                    e.getString("id"), instant(e, "at"), e.getString("region"), e.getString("site")))
                            .toList());
        }
        return result;
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

    static long hourOf(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), 3600);
    }

    static Instant hourStart(long hour) {
        return Instant.ofEpochSecond(hour * 3600);
    }

    static String hourKey(String tenant, long hour) {
        return "hour|" + tenant + "|" + hour;
    }

    static String spanKey(String tenant) {
        return "span|" + tenant;
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

    static Document hourEntry(Complaint c) {
        return new Document("id", c.id)
                .append("at", Date.from(c.createdAt))
                .append("region", c.region)
                .append("site", c.site);
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
