package org.complaints.support.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.complaints.support.scope.CallerScope;
import org.complaints.support.store.CountingMongoBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/** ADR 0602: every entry of a period, for the monthly figures, read by key whatever the history. */
class HourIndexPeriodIT {

    static final Instant FROM = Instant.parse("2026-03-01T00:00:00Z");
    static final Instant TO = Instant.parse("2026-04-01T00:00:00Z");

    MongoServer server;
    MongoClient client;
    MongoTemplate mongo;
    CountingMongoBackend store;

    @BeforeEach
    void start() {
        store = new CountingMongoBackend();
        server = new MongoServer(store);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort());
        mongo = new MongoTemplate(client, "period_test");
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    @DisplayName(
            "a period hands over each of its ids once, in chunks of at most 50, within the scope and region, [from, to),"
                    + " reading only the period's hours however long the history")
    void everyEntryOfThePeriodOnce() {
        var hours = new HourIndex(mongo, "lookups");
        var history = new ArrayList<HourIndex.Recorded>();
        for (var i = 0; i < 5_000; i++) {
            history.add(new HourIndex.Recorded(
                    "t", "old-" + i, FROM.minus(Duration.ofHours(1 + 3L * i)), i % 2 == 0 ? "east" : "west", "s"));
        }
        hours.recordAll(history);
        var expected = new HashSet<String>();
        for (var i = 0; i < 120; i++) {
            var region = i % 3 == 0 ? "west" : "east";
            hours.record("t", "m-" + i, FROM.plus(Duration.ofMinutes(173L * i)), region, "s");
            if (region.equals("east")) {
                expected.add("m-" + i);
            }
        }
        hours.record("t", "m-1", FROM.plus(Duration.ofDays(20)), "east", "s"); // listed twice
        hours.record("t", "at-start", FROM, "east", "s");
        expected.add("at-start");
        hours.record("t", "at-end", TO, "east", "s");
        hours.record("other", "elsewhere", FROM.plusSeconds(60), "east", "s");
        var documents = mongo.count(new Query(), "lookups");

        store.reset();
        var chunks = new ArrayList<List<String>>();
        hours.within(
                new CallerScope("t", Set.of("east"), Set.of()),
                new HourIndex.Window(null, null, FROM, TO),
                chunks::add);

        var ids = chunks.stream().flatMap(List::stream).toList();
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(new HashSet<>(ids)).isEqualTo(expected);
        assertThat(chunks).allSatisfy(chunk -> assertThat(chunk).hasSizeLessThanOrEqualTo(50));
        assertThat(store.scans("lookups")).isZero();
        assertThat(store.examined("lookups"))
                .as("the period's hour documents only, of %d", documents)
                .isLessThan(300);

        var west = new ArrayList<String>();
        hours.within(
                new CallerScope("t", Set.of(), Set.of()), new HourIndex.Window("west", null, FROM, TO), west::addAll);
        assertThat(west).hasSize(40).allSatisfy(id -> assertThat(id).startsWith("m-"));
    }

    @Test
    @DisplayName("a period before or after every entry, or of a tenant with none, reads nothing")
    void emptyPeriods() {
        var hours = new HourIndex(mongo, "lookups");
        hours.record("t", "a", FROM.plusSeconds(5), "east", "s");
        var all = new CallerScope("t", Set.of(), Set.of());
        var seen = new ArrayList<String>();
        hours.within(all, new HourIndex.Window(null, null, TO, TO.plus(Duration.ofDays(30))), seen::addAll);
        hours.within(all, new HourIndex.Window(null, null, FROM.minus(Duration.ofDays(30)), FROM), seen::addAll);
        hours.within(
                new CallerScope("none", Set.of(), Set.of()), new HourIndex.Window(null, null, FROM, TO), seen::addAll);
        assertThat(seen).isEmpty();
    }
}
