package org.complaints.gateway.quota;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.bson.Document;

/**
 * One document per caller, reached by {@code _id} only: {@code {_id: "<tenant>/<subject>", tokens,
 * at, v}}. A lease is a compare-and-set on the version {@code v} (single-document, atomic on MongoDB
 * and on the embedded server alike, no transaction); the last document seen is kept, so a lease
 * that wins costs one round trip and a refusal none.
 */
final class MongoBucketStore implements BucketStore {

    private static final int MAX_ATTEMPTS = 32;
    private static final FindOneAndUpdateOptions AFTER =
            new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER);

    private final MongoCollection<Document> buckets;
    private final ConcurrentHashMap<String, Document> seen = new ConcurrentHashMap<>();

    MongoBucketStore(MongoCollection<Document> buckets) {
        this.buckets = buckets;
    }

    @Override
    public Lease lease(String id, int perMinute, int wanted, long now) {
        var current = seen.get(id);
        for (var attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            if (current == null) {
                current = load(id, perMinute, now);
            }
            var taken = state(current).take(perMinute, now, wanted);
            if (taken.granted() == 0) {
                // Even a stale copy may refuse: other replicas only take, so the bucket holds no more.
                return new Lease(0, taken.after());
            }
            var written = buckets.findOneAndUpdate(
                    and(eq("_id", id), eq("v", current.getLong("v"))),
                    combine(
                            set("tokens", taken.after().tokens()),
                            set("at", taken.after().at()),
                            inc("v", 1L)),
                    AFTER);
            if (written != null) {
                seen.put(id, written);
                return new Lease(taken.granted(), taken.after());
            }
            // Another replica leased first: read again, after a short random pause so that racing
            // replicas spread out.
            current = null;
            pause(attempt);
        }
        throw new IllegalStateException("quota bucket contended beyond " + MAX_ATTEMPTS + " attempts");
    }

    private Document load(String id, int perMinute, long now) {
        var found = buckets.find(eq("_id", id)).first();
        if (found != null) {
            return found;
        }
        var full = BucketState.full(perMinute, now);
        var fresh = new Document("_id", id)
                .append("tokens", full.tokens())
                .append("at", full.at())
                .append("v", 0L);
        try {
            buckets.insertOne(fresh);
            return fresh;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return buckets.find(eq("_id", id)).first();
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(1 + Math.min(attempt, 10)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while leasing", e);
        }
    }

    private static BucketState state(Document bucket) {
        return new BucketState(
                bucket.get("tokens", Number.class).doubleValue(),
                bucket.get("at", Number.class).longValue());
    }
}
