package org.complaints.routing.notifications;

import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * One inbox document per recipient ({@code _id = tenant|person:<id>} or {@code tenant|role:<role>}),
 * holding the ids of its notifications with the region, site and time a list filters and sorts on,
 * in two arrays: {@code unread} and {@code read}. A staff member's list reads their own inbox and
 * their roles' inboxes by {@code _id} only, which the embedded store serves without scanning and
 * real MongoDB serves from the primary index (ADR 0220). Each change is one single-document atomic
 * update; each array keeps the newest {@value #MAX_ENTRIES} entries.
 */
@Component
class Inboxes {

    static final String COLLECTION = "notification_inboxes";
    static final int MAX_ENTRIES = 1000;
    static final String UNREAD = "unread";
    static final String READ = "read";

    /** One inbox entry: what a list needs before loading the notification itself. */
    record Entry(String id, Instant at, String region, String site, boolean read) {}

    private final MongoTemplate mongo;

    Inboxes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    static String key(String tenant, String recipient) {
        return tenant + "|" + recipient;
    }

    void deliver(Notification n) {
        mongo.upsert(
                byId(key(n.tenant(), n.recipient())),
                new Update().push(UNREAD).slice(-MAX_ENTRIES).each(entry(n)),
                COLLECTION);
    }

    /** After a crash between storing a notification and its inbox entry: adds it once. */
    void repair(Notification n) {
        mongo.upsert(byId(key(n.tenant(), n.recipient())), new Update().addToSet(UNREAD, entry(n)), COLLECTION);
    }

    void markRead(Notification n) {
        mongo.updateFirst(
                byId(key(n.tenant(), n.recipient())),
                new Update()
                        .pull(UNREAD, new Document("id", n.id()))
                        .push(READ)
                        .slice(-MAX_ENTRIES)
                        .each(entry(n)),
                COLLECTION);
    }

    /** The entries of the given inboxes (by {@code _id}); an id listed twice counts as read. */
    List<Entry> entries(String tenant, Collection<String> recipients) {
        var keys = recipients.stream().map(r -> key(tenant, r)).toList();
        var byId = new java.util.LinkedHashMap<String, Entry>();
        for (var doc : mongo.find(new Query(Criteria.where("_id").in(keys)), Document.class, COLLECTION)) {
            for (var e : doc.getList(UNREAD, Document.class, List.of())) {
                byId.putIfAbsent(e.getString("id"), entry(e, false));
            }
            for (var e : doc.getList(READ, Document.class, List.of())) {
                byId.put(e.getString("id"), entry(e, true));
            }
        }
        return List.copyOf(byId.values());
    }

    private static Entry entry(Document e, boolean read) {
        return new Entry(
                e.getString("id"), e.getDate("at").toInstant(), e.getString("region"), e.getString("site"), read);
    }

    private static Document entry(Notification n) {
        return new Document("id", n.id())
                .append("at", Date.from(n.createdAt()))
                .append("region", n.region())
                .append("site", n.site());
    }

    private static Query byId(String id) {
        return new Query(Criteria.where("_id").is(id));
    }
}
