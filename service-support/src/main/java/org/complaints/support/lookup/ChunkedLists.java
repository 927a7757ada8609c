package org.complaints.support.lookup;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Lookup lists that grow with history (an hour's records, a minute's due work), kept as chunk
 * documents of at most {@value #CHUNK} entries (ADR 0288). The embedded store BSON-encodes,
 * deep-clones and re-serializes the whole document on every update, so one document per list made
 * each append cost as much as the list was long: a busy hour's list of thousands of entries cost
 * tens of milliseconds of CPU per filing.
 *
 * <p>A list under {@code key} is:
 *
 * <ul>
 *   <li>{@code key#chunks}: the ids of its chunks ({@code $addToSet}, written once per chunk);
 *   <li>{@code key#<process>.<n>}: a chunk, filled by one process with {@code $push} until full;
 *   <li>{@code key} itself: entries written before chunks existed, read and removed, never appended.
 * </ul>
 *
 * A process registers a chunk <em>before</em> its first entry, so a reader that reads the chunk
 * ids and then the chunks never misses an acknowledged entry. Replicas fill chunks of their own, so
 * no coordination beyond the single-document writes is needed. An append is one write (one more for
 * every {@value #CHUNK}th). Entries keep no set semantics across chunks: readers deduplicate.
 */
public final class ChunkedLists {

    public static final int CHUNK = 200;
    /** Lists a process keeps appending to (open chunks remembered); older ones start a new chunk. */
    private static final int OPEN_LISTS = 4_096;

    private final MongoTemplate mongo;
    private final String collection;
    private final String field;
    private final String process = UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, OpenChunk> open = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, OpenChunk> eldest) {
            return size() > OPEN_LISTS;
        }
    };
    private long chunks;

    private static final class OpenChunk {
        final String id;
        int used;

        OpenChunk(String id) {
            this.id = id;
        }
    }

    /** Lists in {@code collection} whose entries live in the array {@code field}. */
    public ChunkedLists(MongoTemplate mongo, String collection, String field) {
        this.mongo = mongo;
        this.collection = collection;
        this.field = field;
    }

    /** Appends entries to the list under {@code key}. */
    public void append(String key, List<?> entries) {
        var start = 0;
        while (start < entries.size()) {
            var slot = reserve(key, entries.size() - start);
            var part = entries.subList(start, start + slot.count());
            var pushed =
                    mongo.upsert(byId(slot.chunk()), new Update().push(field).each(part.toArray()), collection);
            if (pushed.getUpsertedId() != null && !slot.fresh()) {
                // The chunk was dropped under this process (a purge, a cleared store): list it again.
                register(key, slot.chunk());
            }
            start += slot.count();
        }
    }

    private record Slot(String chunk, int count, boolean fresh) {}

    /** Room for up to {@code wanted} entries in this process's open chunk of the list, registered first. */
    private Slot reserve(String key, int wanted) {
        synchronized (open) {
            var chunk = open.get(key);
            var fresh = chunk == null || chunk.used >= CHUNK;
            if (fresh) {
                chunk = new OpenChunk(key + "#" + process + "." + chunks++);
                // Registered before any entry goes in: readers find every chunk that holds one.
                register(key, chunk.id);
                open.put(key, chunk);
            }
            var count = Math.min(wanted, CHUNK - chunk.used);
            chunk.used += count;
            return new Slot(chunk.id, count, fresh && chunk.used == count);
        }
    }

    private void register(String key, String chunk) {
        mongo.upsert(byId(chunksKey(key)), new Update().addToSet("ids", chunk), collection);
    }

    /** Every entry of each list (older lists' own entries first), by key; lists without entries are absent. */
    public <T> Map<String, List<T>> read(Collection<String> keys, Class<T> type) {
        var owner = documentsOf(keys);
        var result = new LinkedHashMap<String, List<T>>();
        if (owner.isEmpty()) {
            return result;
        }
        var docs = new HashMap<String, Document>();
        for (var doc : mongo.find(new Query(Criteria.where("_id").in(owner.keySet())), Document.class, collection)) {
            docs.put(doc.getString("_id"), doc);
        }
        owner.forEach((id, key) -> {
            var doc = docs.get(id);
            var entries = doc == null ? List.<T>of() : doc.getList(field, type, List.of());
            if (!entries.isEmpty()) {
                result.computeIfAbsent(key, k -> new ArrayList<>()).addAll(entries);
            }
        });
        return result;
    }

    /** Takes {@code value} out of the list under {@code key}, wherever it is. */
    public void remove(String key, Object value) {
        var ids = documentsOf(List.of(key)).keySet();
        mongo.updateMulti(new Query(Criteria.where("_id").in(ids)), new Update().pull(field, value), collection);
    }

    /** Deletes the lists with all their chunks. */
    public void drop(Collection<String> keys) {
        var ids = new ArrayList<>(documentsOf(keys).keySet());
        keys.forEach(key -> ids.add(chunksKey(key)));
        mongo.remove(new Query(Criteria.where("_id").in(ids)), collection);
        synchronized (open) {
            keys.forEach(open::remove);
        }
    }

    /** The documents holding each list's entries (its own and its chunks), each to its list's key. */
    private Map<String, String> documentsOf(Collection<String> keys) {
        var owner = new LinkedHashMap<String, String>();
        if (keys.isEmpty()) {
            return owner;
        }
        var chunkIds = new HashMap<String, List<String>>();
        var registries = keys.stream().map(ChunkedLists::chunksKey).toList();
        for (var doc : mongo.find(new Query(Criteria.where("_id").in(registries)), Document.class, collection)) {
            var id = doc.getString("_id");
            chunkIds.put(id, doc.getList("ids", String.class, List.of()));
        }
        for (var key : keys) {
            owner.put(key, key);
            chunkIds.getOrDefault(chunksKey(key), List.of()).forEach(chunk -> owner.put(chunk, key));
        }
        return owner;
    }

    static String chunksKey(String key) {
        return key + "#chunks";
    }

    private static Query byId(String id) {
        return new Query(Criteria.where("_id").is(id));
    }
}
