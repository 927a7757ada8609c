package org.complaints.support.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.complaints.support.scope.CallerScope;
import org.complaints.support.store.CountingMongoBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/** ADR 0293: open-work sets spread over shards, and the hour index read oldest first. */
class ShardedIdsIT {

    MongoServer server;
    MongoClient client;
    MongoTemplate mongo;
    CountingMongoBackend store;

    @BeforeEach
    void start() {
        store = new CountingMongoBackend();
        server = new MongoServer(store);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort());
        mongo = new MongoTemplate(client, "sharded_test");
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    @DisplayName("values are kept once each over the shards, removable by value, and read by _id without a scan")
    void addRemoveRead() {
        var sets = new ShardedIds(mongo, "open");
        var t0 = Instant.parse("2026-01-01T00:00:00Z");
        for (var i = 0; i < 300; i++) {
            sets.add("pending|t", ShardedIds.timed(t0.plusSeconds(i), "c-" + i));
        }
        sets.add("pending|t", ShardedIds.timed(t0, "c-0"));
        sets.addAll("pending|t", List.of(ShardedIds.timed(t0.plusSeconds(1), "c-1"), "x"));
        sets.remove("pending|t", "x");
        sets.remove("pending|t", ShardedIds.timed(t0.plusSeconds(7), "c-7"));

        store.reset();
        var values = sets.values("pending|t").stream().sorted().toList();
        assertThat(values).hasSize(299).doesNotContain(ShardedIds.timed(t0.plusSeconds(7), "c-7"));
        assertThat(ShardedIds.idOf(values.getFirst())).isEqualTo("c-0");
        assertThat(ShardedIds.idOf(values.getLast())).isEqualTo("c-299");
        assertThat(sets.values("pending|other")).isEmpty();
        assertThat(store.scans("open")).isZero();
        assertThat(mongo.count(new Query(), "open")).as("documents of the set").isLessThanOrEqualTo(ShardedIds.SHARDS);
    }

    @Test
    @DisplayName("the hour index read oldest first: ascending on (at, id), within the scope and window, by key")
    void earliestFirst() {
        var hours = new HourIndex(mongo, "lookups");
        var t0 = Instant.parse("2026-01-01T00:00:00Z");
        var records = new HashMap<String, Document>();
        for (var i = 0; i < 500; i++) {
            var id = "r-%03d".formatted(i);
            var at = t0.plus(Duration.ofMinutes(7L * (500 - i)));
            var region = i % 2 == 0 ? "east" : "west";
            hours.record("t", id, at, region, "s");
            var doc = new Document("_id", id).append("at", at).append("region", region);
            mongo.insert(doc, "records");
            records.put(id, doc);
        }
        hours.record("t", "never-stored", t0.plusSeconds(1), "east", "s");
        var east = new CallerScope("t", List.of("east"), List.of());

        store.reset();
        var first = hours.earliest(
                east,
                HourIndex.Window.ALL,
                20,
                new HourIndex.Records<Document>(
                        ids -> byIds(ids),
                        d -> ((java.util.Date) d.get("at")).toInstant(),
                        d -> d.getString("_id"),
                        d -> true));
        assertThat(first)
                .hasSize(20)
                .allSatisfy(d -> assertThat(d.getString("region")).isEqualTo("east"));
        assertThat(first.getFirst().getString("_id")).isEqualTo("r-498");
        assertThat(first).extracting(d -> (java.util.Date) d.get("at")).isSorted();
        assertThat(store.scans("records")).isZero();
        assertThat(store.examined("records")).isLessThanOrEqualTo(100);

        var window = new HourIndex.Window(null, null, t0.plus(Duration.ofHours(24)), t0.plus(Duration.ofHours(25)));
        var inWindow = hours.earliest(
                new CallerScope("t", List.of(), List.of()),
                window,
                200,
                new HourIndex.Records<Document>(
                        ids -> byIds(ids),
                        d -> ((java.util.Date) d.get("at")).toInstant(),
                        d -> d.getString("_id"),
                        d -> true));
        assertThat(inWindow)
                .isNotEmpty()
                .allSatisfy(d ->
                        assertThat(((java.util.Date) d.get("at")).toInstant()).isBetween(window.from(), window.to()));
        assertThat(records).isNotEmpty();
    }

    @Test
    @DisplayName("the oldest-first walk crosses a gap of months between a tenant's first records and the rest, by key")
    void earliestAcrossAGap() {
        var hours = new HourIndex(mongo, "lookups");
        var t0 = Instant.parse("2025-01-01T00:00:00Z");
        for (var i = 0; i < 5; i++) {
            var at = i < 2 ? t0.plusSeconds(i) : t0.plus(Duration.ofDays(200)).plusSeconds(i);
            hours.record("t", "g-" + i, at, "east", "s");
            mongo.insert(new Document("_id", "g-" + i).append("at", at), "records");
        }
        store.reset();
        var all = hours.earliest(
                new CallerScope("t", List.of(), List.of()),
                HourIndex.Window.ALL,
                200,
                new HourIndex.Records<Document>(
                        ids -> byIds(ids),
                        d -> ((java.util.Date) d.get("at")).toInstant(),
                        d -> d.getString("_id"),
                        d -> true));
        assertThat(all).extracting(d -> d.getString("_id")).containsExactly("g-0", "g-1", "g-2", "g-3", "g-4");
        assertThat(store.scans("lookups")).isZero();
        assertThat(store.scans("records")).isZero();
    }

    private Map<String, Document> byIds(List<String> ids) {
        var found = new HashMap<String, Document>();
        mongo.find(new Query(Criteria.where("_id").in(ids)), Document.class, "records")
                .forEach(d -> found.put(d.getString("_id"), d));
        return found;
    }
}
