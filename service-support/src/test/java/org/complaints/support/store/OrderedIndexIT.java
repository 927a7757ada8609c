package org.complaints.support.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ADR 0290: unique indexes ordered by value, and a file whose indexes the stock backend wrote
 * (ordered by serialized bytes) still answers every lookup and rejects every duplicate after the
 * upgrade.
 */
class OrderedIndexIT {

    @TempDir
    Path dir;

    @Test
    void aFileWrittenByTheStockBackendKeepsItsUniqueIndexesAfterTheUpgrade() {
        var file = dir.resolve("upgrade.mv").toString();
        var stock = new MongoServer(new H2Backend(file));
        try (var client =
                MongoClients.create("mongodb://127.0.0.1:" + stock.bind().getPort())) {
            var docs = client.getDatabase("up").getCollection("docs");
            docs.createIndex(Indexes.ascending("tenant", "key"), new IndexOptions().unique(true));
            for (var i = 0; i < 500; i++) {
                docs.insertOne(new Document("_id", "d-" + i)
                        .append("tenant", "t" + i % 3)
                        .append("key", "k-" + i));
            }
        } finally {
            stock.shutdownNow();
        }

        var upgraded = new MongoServer(new DurableH2Backend(file));
        try (var client =
                MongoClients.create("mongodb://127.0.0.1:" + upgraded.bind().getPort())) {
            var docs = client.getDatabase("up").getCollection("docs");
            for (var i = 0; i < 500; i += 37) {
                var found = docs.find(new Document("tenant", "t" + i % 3).append("key", "k-" + i))
                        .first();
                assertThat(found).isNotNull();
                assertThat(found.getString("_id")).isEqualTo("d-" + i);
            }
            var clash = new Document("_id", "new").append("tenant", "t1").append("key", "k-1");
            assertThatThrownBy(() -> docs.insertOne(clash))
                    .isInstanceOf(MongoWriteException.class)
                    .hasMessageContaining("duplicate key");
            assertThatThrownBy(() -> docs.insertOne(new Document("_id", "d-7")))
                    .isInstanceOf(MongoWriteException.class)
                    .hasMessageContaining("duplicate key");
            docs.insertOne(new Document("_id", "new").append("tenant", "t1").append("key", "k-new"));
            assertThat(docs.countDocuments()).isEqualTo(501);
        } finally {
            upgraded.shutdownNow();
        }

        var reopened = MVStore.open(file);
        try {
            assertThat(reopened.getMapNames())
                    .as("only ordered index maps remain")
                    .filteredOn(name -> name.contains("._index_"))
                    .isNotEmpty()
                    .allMatch(name -> name.endsWith(DurableH2Database.ORDERED));
        } finally {
            reopened.close();
        }
    }

    @Test
    void keysAreOrderedByValueAndEqualOnlyWhenEqual() {
        var keys = new OrderedKeys();
        var values = new ArrayList<KeyValue>();
        for (var i = 0; i < 50; i++) {
            values.add(new KeyValue("tenant-" + i % 5, "key-" + i));
            values.add(new KeyValue("tenant-" + i % 5, (long) i));
        }
        values.add(new KeyValue("tenant-0", 1));
        values.add(new KeyValue("tenant-0", 1.0));
        Collections.shuffle(values, new Random(7));
        values.sort(keys::compare);

        for (var i = 0; i + 1 < values.size(); i++) {
            var a = values.get(i);
            var b = values.get(i + 1);
            assertThat(keys.compare(a, b)).as(a + " vs " + b).isNegative();
            assertThat(keys.compare(b, a)).as(b + " vs " + a).isPositive();
        }
        assertThat(keys.compare(new KeyValue("t", "k"), new KeyValue("t", "k"))).isZero();
        assertThat(values.indexOf(new KeyValue("tenant-0", 1L)))
                .as("numbers before strings within a tenant, as MongoDB orders them")
                .isLessThan(values.indexOf(new KeyValue("tenant-0", "key-0")));
        assertThat(List.copyOf(values)).doesNotHaveDuplicates();
    }
}
