package org.complaints.support.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/**
 * ADR 0288: a list that grows with history is kept in chunks of bounded size, so no append rewrites
 * a document as long as the list; every acknowledged entry is read back, from any process.
 */
class ChunkedListsIT {

    static final String COLLECTION = "lookups";

    MongoServer server;
    MongoClient client;
    MongoTemplate mongo;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort());
        mongo = new MongoTemplate(client, "chunks_test");
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void aLongListIsReadWholeInOrderWhileNoDocumentHoldsMoreThanAChunk() {
        var lists = new ChunkedLists(mongo, COLLECTION, "entries");
        for (var i = 0; i < 1_000; i++) {
            lists.append("hour|t|1", List.of("e" + i));
        }
        lists.append(
                "hour|t|1", IntStream.range(1_000, 1_450).mapToObj(i -> "e" + i).toList());

        var read = lists.read(List.of("hour|t|1", "hour|t|2"), String.class);

        assertThat(read).containsOnlyKeys("hour|t|1");
        assertThat(read.get("hour|t|1"))
                .containsExactlyElementsOf(
                        IntStream.range(0, 1_450).mapToObj(i -> "e" + i).toList());
        assertThat(largestList()).isLessThanOrEqualTo(ChunkedLists.CHUNK);
    }

    @Test
    void replicasAppendingToOneListLoseNothing() throws Exception {
        var replicas =
                List.of(new ChunkedLists(mongo, COLLECTION, "entries"), new ChunkedLists(mongo, COLLECTION, "entries"));
        var written = new ArrayList<String>();
        try (var pool = Executors.newFixedThreadPool(4)) {
            var futures = new ArrayList<java.util.concurrent.Future<?>>();
            for (var i = 0; i < 800; i++) {
                var entry = "e" + i;
                written.add(entry);
                var replica = replicas.get(i % 2);
                futures.add(pool.submit(() -> replica.append("minute|7", List.of(entry))));
            }
            for (var f : futures) {
                f.get();
            }
        }

        assertThat(replicas.get(0).read(List.of("minute|7"), String.class).get("minute|7"))
                .containsExactlyInAnyOrderElementsOf(written);
        assertThat(largestList()).isLessThanOrEqualTo(ChunkedLists.CHUNK);
    }

    @Test
    void aListWrittenBeforeChunksIsReadFirstAndItsEntriesCanBeRemoved() {
        mongo.insert(new Document("_id", "owner|t|a").append("entries", List.of("old-1", "old-2")), COLLECTION);
        var lists = new ChunkedLists(mongo, COLLECTION, "entries");
        lists.append("owner|t|a", List.of("new-1", "new-2"));

        assertThat(lists.read(List.of("owner|t|a"), String.class).get("owner|t|a"))
                .containsExactly("old-1", "old-2", "new-1", "new-2");

        lists.remove("owner|t|a", "old-2");
        lists.remove("owner|t|a", "new-1");

        assertThat(lists.read(List.of("owner|t|a"), String.class).get("owner|t|a"))
                .containsExactly("old-1", "new-2");
        assertThat(mongo.findById("owner|t|a", Document.class, COLLECTION).getList("entries", String.class))
                .as("the old document is never appended to")
                .containsExactly("old-1");
    }

    @Test
    void droppingListsDeletesTheirChunksAndLeavesOthers() {
        var lists = new ChunkedLists(mongo, COLLECTION, "entries");
        for (var i = 0; i < 500; i++) {
            lists.append("m|1", List.of("a" + i));
            lists.append("m|2", List.of("b" + i));
        }

        lists.drop(List.of("m|1"));
        lists.append("m|1", List.of("again"));

        assertThat(lists.read(List.of("m|1", "m|2"), String.class))
                .satisfies(r -> assertThat(r.get("m|1")).containsExactly("again"))
                .satisfies(r -> assertThat(r.get("m|2")).hasSize(500));
        assertThat(mongo.findAll(Document.class, COLLECTION).stream()
                        .map(d -> d.getString("_id"))
                        .filter(id -> id.startsWith("m|1")))
                .as("one new chunk and its registry")
                .hasSize(2);
    }

    @Test
    void anOpenChunkDeletedUnderAProcessIsListedAgainOnItsNextEntry() {
        var lists = new ChunkedLists(mongo, COLLECTION, "entries");
        lists.append("m|1", List.of("before"));
        mongo.remove(new Query(), COLLECTION); // a purge or a cleared store, behind this process's back

        lists.append("m|1", List.of("after"));

        assertThat(lists.read(List.of("m|1"), String.class).get("m|1")).containsExactly("after");
    }

    private int largestList() {
        return mongo.find(new Query(), Document.class, COLLECTION).stream()
                .mapToInt(d -> d.getList("entries", Object.class, List.of()).size())
                .max()
                .orElse(0);
    }
}
