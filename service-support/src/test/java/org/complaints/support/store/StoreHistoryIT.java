package org.complaints.support.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClients;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ADR 0291: with a history stored, opening the store and running an aggregation read what they
 * need, not every document. Measured in bytes the store reads from its file (its cache is empty
 * after opening), as a share of the file.
 */
class StoreHistoryIT {

    private static final int DOCUMENTS = 4_000;
    private static final String PAYLOAD = "投诉内容".repeat(80);

    @TempDir
    Path dir;

    private String file;

    @BeforeEach
    void storeAHistory() {
        file = dir.resolve("history.mv").toString();
        var server = new MongoServer(new DurableH2Backend(file, false));
        try (var client =
                MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
            var docs = client.getDatabase("history").getCollection("complaints");
            docs.createIndex(Indexes.ascending("tenant", "key"), new IndexOptions().unique(true));
            for (var field : List.of("site", "channel", "level", "status")) {
                docs.createIndex(Indexes.compoundIndex(Indexes.ascending("tenant", field), Indexes.descending("at")));
            }
            var batch = new ArrayList<Document>();
            for (var i = 0; i < DOCUMENTS; i++) {
                batch.add(new Document("_id", "c-" + i)
                        .append("tenant", "t" + i % 3)
                        .append("key", "k-" + i)
                        .append("site", "s" + i % 7)
                        .append("at", i)
                        .append("content", PAYLOAD));
                if (batch.size() == 500) {
                    docs.insertMany(batch);
                    batch.clear();
                }
            }
        } finally {
            server.shutdownNow();
        }
    }

    @Test
    void reopeningTheStoreReadsNoDocumentForTheDeclaredIndexes() throws Exception {
        var backend = new DurableH2Backend(file, false);
        try {
            var read = backend.store().getFileStore().getReadBytes();
            assertThat(read)
                    .as("bytes read to open a store of %d bytes with four declared indexes", Files.size(Path.of(file)))
                    .isLessThan(Files.size(Path.of(file)) / 10);
        } finally {
            backend.close();
        }
    }

    @Test
    void anAggregationReadsTheDocumentsItNeedsAndCountsThemAll() throws Exception {
        var backend = new DurableH2Backend(file, false);
        var server = new MongoServer(backend);
        try (var client =
                MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
            var docs = client.getDatabase("history").getCollection("complaints");
            var before = backend.store().getFileStore().getReadBytes();

            var first = docs.aggregate(List.of(new Document("$limit", 1))).into(new ArrayList<>());

            assertThat(first).hasSize(1);
            assertThat(backend.store().getFileStore().getReadBytes() - before)
                    .as("bytes read for the first document of a %d-byte store", Files.size(Path.of(file)))
                    .isLessThan(Files.size(Path.of(file)) / 10);
            assertThat(docs.countDocuments()).isEqualTo(DOCUMENTS);
            assertThat(docs.countDocuments(new Document("site", "s3")))
                    .isEqualTo(IntStream.range(0, DOCUMENTS)
                            .filter(i -> i % 7 == 3)
                            .count());
        } finally {
            server.shutdownNow();
        }
    }
}
