package org.complaints.routing.cases;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Sets of case ids per tenant and owner ({@code role:<role>} or a person), read by key on the
 * embedded store (ADR 0026): {@value #SHARDS} {@code <kind>|tenant|owner#s<n>} documents per owner
 * in {@code case_lookups}, each holding the ids whose hash falls in it (ADR 0288: the embedded store
 * re-encodes a whole document on every update, so one document per owner made every write cost as
 * much as the owner's whole list). An unsharded {@code <kind>|tenant|owner} document written before
 * the shards is still read and cleared, never added to.
 */
final class OwnerLookups {

    static final int SHARDS = 64;
    private static final String CASES = "cases";

    private final MongoTemplate mongo;
    private final String collection;
    private final String kind;

    OwnerLookups(MongoTemplate mongo, String collection, String kind) {
        this.mongo = mongo;
        this.collection = collection;
        this.kind = kind;
    }

    void add(String tenant, String owner, String caseId) {
        mongo.upsert(
                new Query(Criteria.where("_id").is(shard(key(tenant, owner), caseId))),
                new Update().addToSet(CASES, caseId),
                collection);
    }

    void remove(String tenant, String owner, String caseId) {
        var key = key(tenant, owner);
        mongo.updateMulti(
                new Query(Criteria.where("_id").in(key, shard(key, caseId))),
                new Update().pull(CASES, caseId),
                collection);
    }

    /** The ids listed for any of the owners; entries may be stale, so callers check the cases they load. */
    Set<String> casesOf(String tenant, Collection<String> owners) {
        var keys = new ArrayList<String>();
        for (var owner : owners) {
            var key = key(tenant, owner);
            keys.add(key);
            IntStream.range(0, SHARDS).forEach(n -> keys.add(key + "#s" + n));
        }
        var ids = new LinkedHashSet<String>();
        for (var doc : mongo.find(new Query(Criteria.where("_id").in(keys)), Document.class, collection)) {
            ids.addAll(doc.getList(CASES, String.class, List.of()));
        }
        return ids;
    }

    String key(String tenant, String owner) {
        return kind + "|" + tenant + "|" + owner;
    }

    private static String shard(String key, String caseId) {
        return key + "#s" + Math.floorMod(caseId.hashCode(), SHARDS);
    }
}
