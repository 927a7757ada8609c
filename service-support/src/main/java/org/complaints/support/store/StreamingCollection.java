package org.complaints.support.store;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import java.util.stream.Stream;
import org.h2.mvstore.MVMap;

/**
 * A collection whose aggregations read documents one by one. The stock server runs every
 * aggregation (a driver's {@code countDocuments} too) over a list of all documents of the
 * collection read first: 100,000 complaints took the whole heap and the service down. The MVStore
 * map is read at the version the command registered ({@link DurableH2Backend}), so concurrent
 * writes do not disturb the stream.
 */
final class StreamingCollection extends H2Collection {

    StreamingCollection(
            MongoDatabase database,
            String name,
            CollectionOptions options,
            MVMap<Object, Document> data,
            MVMap<String, Object> meta,
            CursorRegistry cursors) {
        super(database, name, options, data, meta, cursors);
    }

    @Override
    public Stream<Document> queryAllAsStream() {
        return streamAllDocumentsWithPosition().map(DocumentWithPosition::getDocument);
    }
}
