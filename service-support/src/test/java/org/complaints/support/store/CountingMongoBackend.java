package org.complaints.support.store;

import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The embedded server's memory backend, counting per collection how many stored documents the
 * server examined: a scan counts every document of the collection, an index hit counts the
 * documents it fetched. This is what the store does, not what the driver returns. Shared by the
 * services' cost tests (issue 14) through this module's test jar.
 */
public class CountingMongoBackend extends MemoryBackend {

    private final Map<String, AtomicLong> examined = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> scans = new ConcurrentHashMap<>();

    public long examined(String collection) {
        return examined.getOrDefault(collection, new AtomicLong()).get();
    }

    public long examinedTotal() {
        return examined.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** How many times the server read the whole collection (a query no index could answer). */
    public long scans(String collection) {
        return scans.getOrDefault(collection, new AtomicLong()).get();
    }

    public void reset() {
        examined.clear();
        scans.clear();
    }

    private void tally(String collection, long n) {
        examined.computeIfAbsent(collection, c -> new AtomicLong()).addAndGet(n);
    }

    private void scanned(String collection, long n) {
        scans.computeIfAbsent(collection, c -> new AtomicLong()).incrementAndGet();
        tally(collection, n);
    }

    @Override
    public MemoryDatabase openOrCreateDatabase(String databaseName) {
        return new MemoryDatabase(databaseName, getCursorRegistry()) {
            @Override
            protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
                return new MemoryCollection(this, collectionName, options, cursorRegistry) {
                    @Override
                    protected QueryResult matchDocuments(
                            Document query,
                            Document orderBy,
                            int numberToSkip,
                            int numberToReturn,
                            int batchSize,
                            Document fieldSelector) {
                        scanned(collectionName, count());
                        return super.matchDocuments(
                                query, orderBy, numberToSkip, numberToReturn, batchSize, fieldSelector);
                    }

                    @Override
                    protected Document getDocument(Integer position) {
                        tally(collectionName, 1);
                        return super.getDocument(position);
                    }

                    @Override
                    protected Stream<DocumentWithPosition<Integer>> streamAllDocumentsWithPosition() {
                        scanned(collectionName, count());
                        return super.streamAllDocumentsWithPosition();
                    }
                };
            }
        };
    }
}
