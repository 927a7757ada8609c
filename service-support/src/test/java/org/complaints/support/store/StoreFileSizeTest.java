package org.complaints.support.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import de.bwaldvogel.mongo.MongoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ADR 0289: at a commit per write, the file holds the live documents and the chunks of the
 * retention time (here half a second), not every version of the last 45 s. 100 documents of 2 KB (200 KB live) rewritten for
 * longer than the retention time: the stock settings grow the file by a leaf page per write.
 */
class StoreFileSizeTest {

    @TempDir
    Path dir;

    @Test
    void aFileRewrittenOneDocumentAtATimeStaysNearItsLiveSize() throws Exception {
        var file = dir.resolve("sized.mv");
        var server =
                new MongoServer(new DurableH2Backend(file.toString(), true, DurableStoreKillTest.FAST_REUSE_MILLIS));
        var address = server.bind();
        var payload = "x".repeat(2_048);
        var writes = 0;
        try (var client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            var docs = client.getDatabase("sized").getCollection("docs");
            var until = System.nanoTime() + 6_000_000L * DurableStoreKillTest.FAST_REUSE_MILLIS;
            while (System.nanoTime() < until || writes < 600) {
                var id = "d-" + writes % 100;
                docs.replaceOne(
                        Filters.eq("_id", id),
                        new Document("_id", id).append("n", writes).append("payload", payload),
                        new ReplaceOptions().upsert(true));
                writes++;
            }
        } finally {
            server.shutdownNow();
        }
        var megabytes = Files.size(file) / 1_000_000.0;
        assertThat(megabytes)
                .as("file size in MB after %d single-document writes of 2 KB", writes)
                .isLessThan(16.0);
    }
}
