package org.complaints.intake.support;

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
 * documents it fetched. This is what the store does, not what the driver returns.
 */
public class CountingMongoBackend extends MemoryBackend {

    private final Map<String, AtomicLong> examined = new ConcurrentHashMap<>();

    public long examined(String collection) {
        return examined.getOrDefault(collection, new AtomicLong()).get();
    }

    public long examinedTotal() {
        return examined.values().stream().mapToLong(AtomicLong::get).sum();
    }

    public void reset() {
        examined.clear();
    }

    private void tally(String collection, long n) {
        examined.computeIfAbsent(collection, c -> new AtomicLong()).addAndGet(n);
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
                        tally(collectionName, count());
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
                        tally(collectionName, count());
                        return super.streamAllDocumentsWithPosition();
                    }
                };
            }
        };
    }
}
