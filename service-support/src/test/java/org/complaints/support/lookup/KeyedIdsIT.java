package org.complaints.support.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.complaints.support.store.CountingMongoBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/** ADR 0292: a case's ids are reached by key; documents from before the lookup are filed once. */
class KeyedIdsIT {

    MongoServer server;
    MongoClient client;
    MongoTemplate mongo;
    CountingMongoBackend store;

    @BeforeEach
    void start() {
        store = new CountingMongoBackend();
        server = new MongoServer(store);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort());
        mongo = new MongoTemplate(client, "keyed_test");
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    @DisplayName("ids are kept once each, in the order added, removable, and read by _id without a scan")
    void addRemoveRead() {
        var ids = new KeyedIds(mongo, "by_case");
        ids.add("t|k-1", "a");
        ids.add("t|k-1", "b");
        ids.add("t|k-1", "a");
        ids.add("t|k-2", "c");
        ids.remove("t|k-1", "a");
        ids.remove("t|k-9", "z");

        store.reset();
        assertThat(ids.ids("t|k-1")).containsExactly("b");
        assertThat(ids.ids("t|k-2")).containsExactly("c");
        assertThat(ids.ids("t|unknown")).isEmpty();
        assertThat(store.scans("by_case")).isZero();
    }

    @Test
    @DisplayName("documents written before the lookup are filed at the first backfill only; a second one reads nothing")
    void backfillOnce() {
        for (var i = 0; i < 30; i++) {
            mongo.insert(new Document("_id", "f-" + i).append("tenant", "t").append("caseId", "k-" + (i % 3)), "items");
        }
        mongo.insert(new Document("_id", "no-case").append("tenant", "t"), "items");
        var ids = new KeyedIds(mongo, "by_case");

        ids.backfillOnce("items", d -> d.getString("caseId") == null ? null : "t|" + d.getString("caseId"));

        assertThat(ids.ids("t|k-0")).hasSize(10).allMatch(id -> Integer.parseInt(id.substring(2)) % 3 == 0);
        assertThat(ids.ids("t|k-1")).hasSize(10);
        store.reset();
        ids.backfillOnce("items", d -> "t|" + d.getString("caseId"));
        assertThat(store.examined("items"))
                .as("the second backfill reads nothing")
                .isZero();
        assertThat(ids.ids("t|k-2")).hasSize(10);
    }
}
