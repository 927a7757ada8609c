package org.complaints.support.store;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.Assert;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.stream.Stream;
import org.h2.mvstore.MVMap;

/**
 * H2's collection with its documents stored as BSON bytes ({@link EncodedDocument}, ADR 0606) and
 * aggregations that read documents one by one (ADR 0291: the stock server ran every aggregation,
 * a driver's {@code countDocuments} too, over a list of all documents read first, and 100,000
 * complaints took the whole heap). The MVStore map is read at the version the command registered
 * ({@link DurableH2Backend}), so concurrent writes do not disturb a stream.
 *
 * <p>Every method of the stock collection that reads or writes a document value is overridden
 * here, as the stock one does it; the others only count or remove keys.
 */
final class BsonCollection extends H2Collection {

    private final MVMap<Object, Object> documents;

    BsonCollection(
            MongoDatabase database,
            String name,
            CollectionOptions options,
            MVMap<Object, Object> documents,
            MVMap<String, Object> meta,
            CursorRegistry cursors) {
        super(database, name, options, asDocumentMap(documents), meta, cursors);
        this.documents = documents;
    }

    @SuppressWarnings("unchecked")
    private static MVMap<Object, Document> asDocumentMap(MVMap<Object, Object> documents) {
        return (MVMap<Object, Document>) (MVMap<?, ?>) documents;
    }

    @Override
    protected Object addDocumentInternal(Document document) {
        var key = getIdField() != null ? Utils.getSubdocumentValue(document, getIdField()) : UUID.randomUUID();
        var previous = documents.put(Missing.ofNullable(key), EncodedDocument.of(document));
        Assert.isNull(previous, () -> "Document with key '" + key + "' already existed in " + this);
        return key;
    }

    @Override
    protected Document getDocument(Object position) {
        return EncodedDocument.decoded(documents.get(position));
    }

    @Override
    protected void removeDocument(Object position) {
        if (documents.remove(position) == null) {
            throw new NoSuchElementException("No document with key " + position);
        }
    }

    @Override
    protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
        documents.put(Missing.ofNullable(position), EncodedDocument.of(newDocument));
    }

    @Override
    protected Stream<DocumentWithPosition<Object>> streamAllDocumentsWithPosition() {
        return documents.entrySet().stream()
                .map(entry -> new DocumentWithPosition<>(EncodedDocument.decoded(entry.getValue()), entry.getKey()));
    }

    @Override
    protected QueryResult matchDocuments(
            Document query, Document orderBy, int numberToSkip, int limit, int batchSize, Document fieldSelector) {
        Stream<Document> candidates = isNaturalDescending(orderBy)
                ? streamAllDocumentsWithPosition()
                        .sorted((a, b) -> ValueComparator.desc().compare(a.getPosition(), b.getPosition()))
                        .map(DocumentWithPosition::getDocument)
                : documents.values().stream().map(EncodedDocument::decoded);
        return matchDocumentsFromStream(candidates, query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    @Override
    public Stream<Document> queryAllAsStream() {
        return streamAllDocumentsWithPosition().map(DocumentWithPosition::getDocument);
    }
}
