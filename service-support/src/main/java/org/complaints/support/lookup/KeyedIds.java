package org.complaints.support.lookup;

import java.util.List;
import java.util.function.Function;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Small id sets reached by key (a case's follow-ups, a case's compensations; ADR 0292): one
 * document per key, {@code {_id: key, ids: [...]}}, changed by single-document {@code $addToSet} /
 * {@code $pull}. The embedded store does not implement non-unique indexes, so a query by
 * {@code caseId} reads the whole collection; reading this document by {@code _id} and then each
 * member by {@code _id} costs the same at any history. Writers add the id <em>before</em> inserting
 * the document it names, so a reader never misses an acknowledged one; an id whose insert failed
 * is simply not found (readers skip it). Sets stay small: a case has a few follow-ups per round and
 * a few compensations.
 */
public final class KeyedIds {

    static final String BACKFILLED = "#backfilled";

    private final MongoTemplate mongo;
    private final String collection;

    public KeyedIds(MongoTemplate mongo, String collection) {
        this.mongo = mongo;
        this.collection = collection;
    }

    public void add(String key, String id) {
        mongo.upsert(byKey(key), new Update().addToSet("ids", id), collection);
    }

    /** Adds many ids under one key in one write (a backfill). */
    public void addAll(String key, java.util.Collection<String> ids) {
        mongo.upsert(byKey(key), new Update().addToSet("ids").each(ids.toArray()), collection);
    }

    public void remove(String key, String id) {
        mongo.updateFirst(byKey(key), new Update().pull("ids", id), collection);
    }

    /** The ids under {@code key}, in the order they were added; empty when none. */
    public List<String> ids(String key) {
        var doc = mongo.findById(key, Document.class, collection);
        return doc == null ? List.of() : doc.getList("ids", String.class, List.of());
    }

    /**
     * Files every document of {@code source} written before the lookup existed, once per store: the
     * only scan, at the first start of a version that keeps the lookup. Repeating it (two replicas
     * starting together) adds nothing twice.
     */
    public void backfillOnce(String source, Function<Document, String> keyOf) {
        if (mongo.exists(byKey(BACKFILLED), collection)) {
            return;
        }
        var fields = new Query();
        fields.fields().include("_id", "tenant", "caseId");
        try (var all = mongo.stream(fields, Document.class, source)) {
            all.forEach(doc -> {
                var key = keyOf.apply(doc);
                if (key != null) {
                    add(key, doc.get("_id").toString());
                }
            });
        }
        mongo.upsert(byKey(BACKFILLED), new Update().set("done", true), collection);
    }

    private static Query byKey(String key) {
        return new Query(Criteria.where("_id").is(key));
    }
}
