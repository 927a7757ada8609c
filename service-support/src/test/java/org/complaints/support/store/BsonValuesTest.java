package org.complaints.support.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ADR 0294: documents and index keys written as BSON read back equal; stock values still read. */
class BsonValuesTest {

    @TempDir
    Path dir;

    @Test
    void shouldReadBackDocumentsAndKeysWrittenAsBson() {
        var nested = new Document("amount", new de.bwaldvogel.mongo.bson.Decimal128(new java.math.BigDecimal("12.50")))
                .append("at", Instant.ofEpochMilli(1_700_000_000_123L))
                .append("list", new ArrayList<>(List.of(1, 2L, 3.5, "x", true)));
        var document = new Document("_id", "c-1")
                .append("version", 3L)
                .append("count", 7)
                .append("none", null)
                .append("oid", new ObjectId())
                .append("uuid", UUID.randomUUID())
                .append("deliveries", new ArrayList<>(List.of(nested, new Document("eventId", "e"))))
                .append("nested", nested);
        var key = new KeyValue("demo-retail", 1, 1.0, "k");

        assertThat(EncodedDocument.decoded(roundTrip(new BsonValues(), document)))
                .isEqualTo(document);
        assertThat(roundTrip(new BsonValues(), key)).isEqualTo(key);
        assertThat(written(new BsonValues(), document)[0] & 0xff).isEqualTo(BsonValues.DOCUMENT);
        assertThat(written(new BsonValues(), key)[0] & 0xff).isEqualTo(BsonValues.KEY_VALUE);
    }

    @Test
    void shouldKeepAStoredDocumentAsItsBytesAndWriteThemBackUnchanged() {
        var document = new Document("_id", "c-2").append("content", "冰箱不制冷").append("n", 3);
        var type = new BsonValues();

        var read = roundTrip(type, document);

        // A page moved to another chunk or written again at a commit copies the bytes: no decoding.
        assertThat(read).isInstanceOf(EncodedDocument.class);
        assertThat(written(type, read)).isEqualTo(written(type, document));
        assertThat(written(type, EncodedDocument.of(document))).isEqualTo(written(type, document));
        assertThat(EncodedDocument.decoded(read)).isEqualTo(document);
        // Decoded once while its page is cached, as the stock store kept the decoded document.
        assertThat(EncodedDocument.decoded(read)).isSameAs(EncodedDocument.decoded(read));
    }

    @Test
    void shouldJavaSerializeWhatBsonWouldNotGiveBackTheSame() {
        var withSet = new Document("_id", "s").append("tags", Set.of("a"));
        var withNanos = new Document("_id", "n").append("at", Instant.ofEpochSecond(1, 5));

        for (var value : List.of(withSet, withNanos)) {
            assertThat(written(new BsonValues(), value)[0] & 0xff).isNotIn(BsonValues.DOCUMENT, BsonValues.KEY_VALUE);
            assertThat(roundTrip(new BsonValues(), value)).isEqualTo(value);
            assertThat(EncodedDocument.of(value)).isSameAs(value);
        }
    }

    @Test
    void shouldReadWhatTheStockTypeWrote() {
        var document = new Document("_id", "old").append("n", 1);
        var key = new KeyValue("t", "k");
        for (Object value : List.of(document, key, "plain", 42L)) {
            var bytes = written(new ObjectDataType(), value);
            assertThat(new BsonValues().read(ByteBuffer.wrap(bytes))).isEqualTo(value);
        }
    }

    @Test
    void shouldOpenAStoreTheStockBackendWroteAndKeepItsDocumentsAndUniqueKeys() {
        var file = dir.resolve("upgrade.mv").toString();
        var stock = new MongoServer(
                new H2Backend(new MVStore.Builder().fileName(file).open()));
        var address = stock.bind();
        try (var client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            var docs = client.getDatabase("up").getCollection("docs");
            docs.createIndex(new org.bson.Document("key", 1), new com.mongodb.client.model.IndexOptions().unique(true));
            docs.insertOne(
                    new org.bson.Document("_id", "a").append("key", "k-a").append("n", 1));
        } finally {
            stock.shutdownNow();
        }

        var durable = new MongoServer(new DurableH2Backend(file));
        address = durable.bind();
        try (var client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            var docs = client.getDatabase("up").getCollection("docs");
            docs.insertOne(
                    new org.bson.Document("_id", "b").append("key", "k-b").append("n", 2));
            docs.updateOne(Filters.eq("_id", "a"), new org.bson.Document("$inc", new org.bson.Document("n", 10)));

            assertThat(docs.find(Filters.eq("_id", "a")).first().getInteger("n"))
                    .isEqualTo(11);
            assertThat(docs.find(Filters.eq("key", "k-b")).first().getString("_id"))
                    .isEqualTo("b");
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> docs.insertOne(new org.bson.Document("_id", "c").append("key", "k-a")))
                    .hasMessageContaining("duplicate key");
        } finally {
            durable.shutdownNow();
        }

        durable = new MongoServer(new DurableH2Backend(file));
        address = durable.bind();
        try (var client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            var docs = client.getDatabase("up").getCollection("docs");
            assertThat(docs.countDocuments()).isEqualTo(2);
            assertThat(docs.find(Filters.eq("key", "k-a")).first().getInteger("n"))
                    .isEqualTo(11);
        } finally {
            durable.shutdownNow();
        }
    }

    private static byte[] written(ObjectDataType type, Object value) {
        var buffer = new WriteBuffer();
        type.write(buffer, value);
        var bytes = buffer.getBuffer();
        bytes.flip();
        var out = new byte[bytes.remaining()];
        bytes.get(out);
        return out;
    }

    private static Object roundTrip(ObjectDataType type, Object value) {
        return type.read(ByteBuffer.wrap(written(type, value)));
    }
}
