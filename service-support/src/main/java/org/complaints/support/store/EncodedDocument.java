package org.complaints.support.store;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import io.netty.buffer.Unpooled;

/**
 * A stored document as its BSON bytes (ADR 0606). The store keeps these in its pages instead of
 * decoded documents: when MVStore moves a page to another chunk, or writes a changed page at a
 * commit, the bytes are copied instead of every document on the page being decoded and encoded
 * again. A document is decoded the first time the server reads it and kept while its page stays in
 * the cache, as the stock store kept the decoded document (the server clones what it changes or
 * returns); the page's memory is counted as if decoded ({@link BsonValues#getMemory}).
 */
final class EncodedDocument {

    private final byte[] bson;
    private volatile Document decoded;

    EncodedDocument(byte[] bson) {
        this.bson = bson;
    }

    /** What the data map stores for a document: its bytes, or the document itself when BSON would not give it back equal. */
    static Object of(Document document) {
        if (!BsonValues.encodable(document)) {
            return document;
        }
        var bson = BsonValues.encoded(document);
        var bytes = new byte[bson.readableBytes()];
        bson.readBytes(bytes);
        return new EncodedDocument(bytes);
    }

    /** The document a data map value stands for (files written before ADR 0606 hold documents). */
    static Document decoded(Object stored) {
        if (stored instanceof EncodedDocument encoded) {
            return encoded.decode();
        }
        return (Document) stored;
    }

    Document decode() {
        var document = decoded;
        if (document == null) {
            // Two readers may both decode; either result is the same document.
            document = BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
            decoded = document;
        }
        return document;
    }

    byte[] bytes() {
        return bson;
    }
}
