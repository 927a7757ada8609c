package org.complaints.support.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * H2's database of the embedded server, changed where its cost grew with the stored history:
 *
 * <ul>
 *   <li>unique indexes keyed by {@link OrderedKeys} (ADR 0290). An index written by the stock
 *       database (ordered by serialized bytes, under the name without the suffix) is copied into
 *       the ordered map and removed in one commit the first time it is opened;
 *   <li>declared non-unique indexes are not "built" by reading every document at each start
 *       ({@link DeclaredIndex}), and aggregations stream the collection ({@link BsonCollection})
 *       instead of reading all of it into the heap first (ADR 0291);
 *   <li>documents and unique-index keys are written as BSON, not Java-serialized ({@link BsonValues},
 *       ADR 0294); what the stock type wrote is still read;
 *   <li>documents are kept as their BSON bytes in the store's pages and decoded when read
 *       ({@link EncodedDocument}, ADR 0606).
 * </ul>
 */
final class DurableH2Database extends H2Database {

    static final String ORDERED = "#ordered";
    /** The stock database's map names of a collection's documents and of its size counter. */
    private static final String DOCUMENTS = "databases.";

    private static final String META = "meta.";

    private final MVStore store;

    DurableH2Database(String name, MVStore store, CursorRegistry cursors) {
        // Set before super(): the stock constructor opens the indexes through the override below.
        this.store = store;
        super(name, store, cursors);
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(
            String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
        var stock = stockName(collectionName, indexName);
        MVMap<KeyValue, Object> map =
                store.openMap(stock + ORDERED, new MVMap.Builder<KeyValue, Object>().keyType(new OrderedKeys()));
        if (store.hasMap(stock)) {
            MVMap<KeyValue, Object> old = store.openMap(stock);
            old.forEach(map::put);
            store.removeMap(old);
            store.commit();
        }
        return new OrderedUniqueIndex(map, indexName, keys, sparse);
    }

    @Override
    protected Index<Object> openOrCreateSecondaryIndex(
            String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
        return new DeclaredIndex(indexName, keys);
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        var name = getFullCollectionNamespace(collectionName);
        return new BsonCollection(
                this,
                collectionName,
                options,
                store.openMap(DOCUMENTS + name, new MVMap.Builder<Object, Object>().valueType(new BsonValues())),
                store.openMap(META + name),
                cursorRegistry);
    }

    @Override
    protected void dropIndex(MongoCollection<Object> collection, String indexName) {
        super.dropIndex(collection, indexName);
        var name = stockName(collection.getCollectionName(), indexName) + ORDERED;
        if (store.hasMap(name)) {
            store.removeMap(name);
        }
    }

    private String stockName(String collectionName, String indexName) {
        return getFullCollectionNamespace(collectionName) + "._index_" + indexName;
    }
}
