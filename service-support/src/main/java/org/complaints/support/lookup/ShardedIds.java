package org.complaints.support.lookup;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * A set that follows open work (a tenant's waiting approvals, its open follow-ups; ADR 0293), spread
 * over {@value #SHARDS} documents {@code key#s<n>} by the value's hash, as routing's task owners
 * (ADR 0026, ADR 0288): the embedded store re-encodes a whole document on every update, so one
 * document of thousands of entries would make every change cost as much as the set. A change is
 * one single-document {@code $addToSet} / {@code $pull} on the value's shard; a read is one
 * {@code _id $in} of the shards. Values are strings a writer can rebuild (for example
 * {@code <epoch millis>|<id>}, which also sorts them by time), so the shard of a removal is the
 * shard of the addition.
 */
public final class ShardedIds {

    public static final int SHARDS = 64;
    private static final String VALUES = "ids";

    private final MongoTemplate mongo;
    private final String collection;

    public ShardedIds(MongoTemplate mongo, String collection) {
        this.mongo = mongo;
        this.collection = collection;
    }

    public void add(String key, String value) {
        mongo.upsert(byId(shard(key, value)), new Update().addToSet(VALUES, value), collection);
    }

    /** Adds many values at once, one write per shard (a backfill). */
    public void addAll(String key, Collection<String> values) {
        Map<String, List<String>> byShard = values.stream().collect(Collectors.groupingBy(v -> shard(key, v)));
        byShard.forEach((shard, part) ->
                mongo.upsert(byId(shard), new Update().addToSet(VALUES).each(part.toArray()), collection));
    }

    public void remove(String key, String value) {
        mongo.updateFirst(byId(shard(key, value)), new Update().pull(VALUES, value), collection);
    }

    /** Every value under {@code key}, in no particular order. */
    public List<String> values(String key) {
        var shards = IntStream.range(0, SHARDS).mapToObj(n -> key + "#s" + n).toList();
        var values = new LinkedHashSet<String>();
        for (var doc : mongo.find(new Query(Criteria.where("_id").in(shards)), Document.class, collection)) {
            values.addAll(doc.getList(VALUES, String.class, List.of()));
        }
        return new ArrayList<>(values);
    }

    /** A value that sorts by time, then id: {@code <zero-padded epoch millis>|<id>}. */
    public static String timed(java.time.Instant at, String id) {
        return "%015d|%s".formatted(at == null ? 0 : at.toEpochMilli(), id);
    }

    /** The id of a {@link #timed} value. */
    public static String idOf(String timed) {
        return timed.substring(timed.indexOf('|') + 1);
    }

    static String shard(String key, String value) {
        return key + "#s" + Math.floorMod(value.hashCode(), SHARDS);
    }

    private static Query byId(String id) {
        return new Query(Criteria.where("_id").is(id));
    }
}
