package org.complaints.gateway.quota;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The shared bucket on the embedded wire-protocol server, as the gateway uses it without MONGODB_URI. */
class MongoBucketStoreTest {

    final MongoServer server = new MongoServer(new MemoryBackend());
    final MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + bound());
    final MongoCollection<Document> buckets =
            client.getDatabase("complaints_gateway").getCollection("quota_buckets");

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void shouldStartANewBucketFullAndKeepItByCaller() {
        var store = new MongoBucketStore(buckets);

        var lease = store.lease("demo/key:a", 600, 12, 1_000);

        assertThat(lease.granted()).isEqualTo(12);
        assertThat(lease.after().tokens()).isEqualTo(588);
        var stored = buckets.find(new Document("_id", "demo/key:a")).first();
        assertThat(stored)
                .containsEntry("tokens", 588.0)
                .containsEntry("at", 1_000L)
                .containsEntry("v", 1L);
    }

    @Test
    void shouldLetReplicasWithStaleCopiesTogetherTakeNoMoreThanTheBucket() throws Exception {
        // Four replicas, each with its own cache of the document, leasing concurrently at one instant.
        var replicas = IntStream.range(0, 4)
                .mapToObj(i -> new MongoBucketStore(buckets))
                .toList();
        try (var pool = Executors.newFixedThreadPool(4)) {
            var leases = IntStream.range(0, 24)
                    .mapToObj(i -> (Callable<Integer>) () -> replicas.get(i % 4)
                            .lease("demo/key:a", 50, 3, 5_000)
                            .granted())
                    .toList();
            var granted = 0;
            for (var lease : pool.invokeAll(leases)) {
                granted += lease.get();
            }
            assertThat(granted).as("24 leases of 3 asked for 72").isEqualTo(50);
        }
        assertThat(buckets.find(new Document("_id", "demo/key:a")).first().getDouble("tokens"))
                .isZero();
    }

    @Test
    void shouldRefuseFromItsOwnCopyWithoutWriting() {
        var store = new MongoBucketStore(buckets);
        store.lease("demo/key:a", 2, 2, 0);

        var refused = store.lease("demo/key:a", 2, 1, 0);

        assertThat(refused.granted()).isZero();
        assertThat(buckets.find(new Document("_id", "demo/key:a")).first().getLong("v"))
                .isEqualTo(1);
        assertThat(store.lease("demo/key:a", 2, 1, 30_000).granted())
                .as("refilled after 30 s")
                .isEqualTo(1);
    }

    private int bound() {
        server.bind("127.0.0.1", 0);
        return server.getLocalAddress().getPort();
    }
}
