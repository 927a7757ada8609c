package org.complaints.support.store;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonJavaScript;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.LegacyUUID;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

/**
 * H2's object type, but documents and index keys are written as BSON instead of by Java
 * serialization (ADR 0294). The stock type Java-serializes every document and unique-index key of
 * a changed page at each commit; with a commit per write (ADR 0005) that was a fifth of intake's
 * and routing's CPU under filing load. A value whose tree holds anything BSON would not give back
 * as the same Java object (a {@code Set}, a map that is not a {@link Document}, the server's
 * {@code Missing}) is still Java-serialized, and values written by the stock type (its own tags,
 * all below {@value #KEY_VALUE}) are read as before, so existing files open unchanged. A document
 * written as BSON is read back as its bytes ({@link EncodedDocument}, ADR 0606), which are written
 * again as they are; {@link BsonCollection} decodes it when the server reads it.
 */
class BsonValues extends ObjectDataType {

    /** Tags the stock type never writes (it uses 0 to 119). */
    static final int KEY_VALUE = 126;

    static final int DOCUMENT = 127;

    private static final String VALUES = "v";

    private static final int SCRATCH_BYTES = 1_024;

    /** A thread's buffer that grew past this for a large document is not kept. */
    private static final int MAX_SCRATCH_BYTES = 64 * 1_024;

    private static final ThreadLocal<ByteBuf> SCRATCH = ThreadLocal.withInitial(() -> Unpooled.buffer(SCRATCH_BYTES));

    /** Bytes of heap a decoded document is estimated at per byte of its BSON. */
    private static final int DECODED_PER_BSON_BYTE = 4;

    /** Bytes of memory a document is estimated at, from the ones written (as the stock type does). */
    private volatile int averageMemory = 1_024;

    @Override
    public int getMemory(Object obj) {
        if (obj instanceof EncodedDocument encoded) {
            // Counted as the decoded document it was before ADR 0606, so that a leaf (ADR 0289)
            // still holds as few documents and a commit rewrites as little of them.
            return DECODED_PER_BSON_BYTE * encoded.bytes().length;
        }
        if (obj instanceof Document || obj instanceof KeyValue) {
            return averageMemory;
        }
        return super.getMemory(obj);
    }

    @Override
    public void write(WriteBuffer buff, Object obj) {
        if (obj instanceof EncodedDocument encoded) {
            buff.put((byte) DOCUMENT).putVarInt(encoded.bytes().length).put(encoded.bytes());
        } else if (obj instanceof Document document && encodable(document)) {
            put(buff, DOCUMENT, document);
        } else if (obj instanceof KeyValue key && encodable(key)) {
            var values = new ArrayList<>(key.size());
            key.forEach(values::add);
            put(buff, KEY_VALUE, new Document(VALUES, values));
        } else {
            super.write(buff, obj);
        }
    }

    @Override
    public Object read(ByteBuffer buff) {
        var tag = buff.get(buff.position()) & 0xff;
        if (tag != DOCUMENT && tag != KEY_VALUE) {
            return super.read(buff);
        }
        buff.get();
        var length = DataUtils.readVarInt(buff);
        var bytes = new byte[length];
        buff.get(bytes);
        if (tag == DOCUMENT) {
            return new EncodedDocument(bytes);
        }
        var values = BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bytes));
        return new KeyValue((List<?>) values.get(VALUES));
    }

    private void put(WriteBuffer buff, int tag, Document document) {
        var bson = encoded(document);
        var length = bson.readableBytes();
        // The stock type estimates a serialized object at twice its bytes; a decoded document
        // holds more than its BSON (boxed values, map entries).
        averageMemory = (int) ((length * (long) DECODED_PER_BSON_BYTE + 15L * averageMemory) / 16);
        buff.put((byte) tag).putVarInt(length).put(bson.array(), bson.arrayOffset() + bson.readerIndex(), length);
    }

    /**
     * The document's BSON in the calling thread's buffer, valid until the thread's next call. A
     * commit writes every key of each changed index page: a buffer per key was a third of intake's
     * garbage at 100,000 complaints.
     */
    static ByteBuf encoded(Document document) {
        var buffer = SCRATCH.get();
        if (buffer.capacity() > MAX_SCRATCH_BYTES) {
            buffer = Unpooled.buffer(SCRATCH_BYTES);
            SCRATCH.set(buffer);
        }
        BsonEncoder.encodeDocument(document, buffer.clear());
        return buffer;
    }

    private static boolean encodable(KeyValue key) {
        for (var value : key) {
            if (!encodable(value)) {
                return false;
            }
        }
        return true;
    }

    /**
     * True when BSON gives this value back as an equal object of the same class (a list comes back
     * as an {@link ArrayList}, equal to it).
     */
    static boolean encodable(Object value) {
        if (value == null
                || value instanceof String
                || value instanceof Integer
                || value instanceof Long
                || value instanceof Double
                || value instanceof Boolean
                || value instanceof ObjectId
                || value instanceof Decimal128
                || value instanceof BinData
                || value instanceof UUID
                || value instanceof LegacyUUID
                || value instanceof BsonTimestamp
                || value instanceof BsonRegularExpression
                || value instanceof BsonJavaScript) {
            return true;
        }
        if (value instanceof Instant instant) {
            // BSON keeps milliseconds.
            return instant.getNano() % 1_000_000 == 0;
        }
        if (value instanceof Document document) {
            for (Map.Entry<String, Object> entry : document.entrySet()) {
                if (entry.getKey() == null || entry.getKey().indexOf('\0') >= 0 || !encodable(entry.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof List<?> list) {
            for (var element : list) {
                if (!encodable(element)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }
}
