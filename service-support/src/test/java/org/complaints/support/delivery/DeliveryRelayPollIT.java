package org.complaints.support.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Issue 14: a relay keeps up with the filings that produce its deliveries (several documents at
 * once, a backlog drained without waiting a tick per batch, ADR 0610), and on the embedded server (which ignores non-unique indexes and answers every filter that
 * is not by {@code _id} with a full scan) a relay poll costs the documents that owe deliveries,
 * not the collection's history. The cost is counted, not timed: every command the poll sends is
 * charged one document per {@code _id} it addresses, or the whole collection when its filter is
 * anything else (what the embedded server then scans).
 */
class DeliveryRelayPollIT {

    static final int HISTORY = 100_000;
    static final int DUE = 10;
    static final String COLLECTION = "cases";

    MongoServer server;
    MongoClient client;
    MongoTemplate mongo;
    final AtomicLong examined = new AtomicLong();
    final List<String> scans = new ArrayList<>();
    final StepClock clock = new StepClock(Instant.parse("2026-11-22T10:00:00Z"));
    final List<String> sent = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        var address = server.bind();
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + address.getPort()))
                .addCommandListener(new Cost())
                .build());
        mongo = new MongoTemplate(client, "poll_test");
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void pollLoadsOnlyTheDocumentsThatOweDeliveriesNotTheHistory() {
        var batch = new ArrayList<Document>();
        for (var i = 0; i < HISTORY; i++) {
            batch.add(new Document("_id", "old-" + i)
                    .append("tenant", "demo-dealer")
                    .append("state", "CLOSED"));
            if (batch.size() == 10_000) {
                mongo.getCollection(COLLECTION).insertMany(batch);
                batch.clear();
            }
        }
        var later = clock.instant().plus(Duration.ofMinutes(1));
        for (var i = 0; i < DUE; i++) {
            mongo.insert(
                    new Document("_id", "due-" + i)
                            .append("tenant", "demo-dealer")
                            .append(DeliveryRelay.FIELD, List.of(Delivery.of("plan-follow-up", later))),
                    COLLECTION);
        }
        var relay = hintedRelay();

        relay.relayDue(100); // start-up: one scan finds the 10, none due yet
        assertThat(sent).isEmpty();
        assertThat(relay.backlog()).isEqualTo(DUE);

        reset();
        clock.step(Duration.ofMinutes(2));
        assertThat(relay.relayDue(100)).isEqualTo(DUE);
        assertThat(scans).as("commands of the poll that scan the collection").isEmpty();
        assertThat(examined.get()).as("documents the poll touched").isLessThanOrEqualTo(3L * DUE);

        reset();
        clock.step(Duration.ofSeconds(2));
        assertThat(relay.relayDue(100)).isZero();
        assertThat(relay.backlog()).isZero();
        assertThat(examined.get()).as("an idle poll touches nothing").isZero();
    }

    @Test
    void aDocumentSavedAfterStartIsFoundThroughTheSaveHintWithoutAScan() {
        var relay = hintedRelay();
        var hints = new RelayHints(List.of(relay));
        var context = new org.springframework.context.support.StaticApplicationContext();
        context.addApplicationListener(hints);
        context.refresh();
        mongo.setApplicationContext(context);
        for (var i = 0; i < 1_000; i++) {
            mongo.insert(new Document("_id", "old-" + i).append("tenant", "demo-dealer"), COLLECTION);
        }
        relay.relayDue(100);

        mongo.save(
                new Document("_id", "new-1")
                        .append("tenant", "demo-dealer")
                        .append(DeliveryRelay.FIELD, List.of(Delivery.of("plan-follow-up", clock.instant()))),
                COLLECTION);
        reset();
        assertThat(relay.relayDue(100)).isEqualTo(1);
        assertThat(scans).isEmpty();
        assertThat(sent).containsExactly("new-1");
    }

    @Test
    void indexModeWouldScanTheEmbeddedCollection() {
        // The counter-check: the index query a real MongoDB answers by index is a scan here.
        mongo.insert(new Document("_id", "x").append("tenant", "demo-dealer"), COLLECTION);
        var relay = new DeliveryRelay(
                mongo, COLLECTION, List.of(handler()), clock, new SimpleMeterRegistry(), "routing-service");
        reset();
        relay.relayDue(100);
        assertThat(scans).isNotEmpty();
    }

    @Test
    void dueDocumentsAreSentSeveralAtOnceAndEachDocumentsEntriesInOrder() {
        assertThat(RelaySettings.defaults().parallel())
                .as("documents sent at once by default")
                .isGreaterThan(1);
        var parallel = 4;
        var documents = 3 * parallel;
        var stored = new HashMap<String, List<String>>();
        for (var i = 0; i < documents; i++) {
            var entries = List.of(
                    Delivery.of("plan-follow-up", clock.instant()), Delivery.of("plan-follow-up", clock.instant()));
            stored.put("due-" + i, entries.stream().map(Delivery::eventId).toList());
            mongo.insert(new Document("_id", "due-" + i).append(DeliveryRelay.FIELD, entries), COLLECTION);
        }
        var inFlight = new AtomicInteger();
        var most = new AtomicInteger();
        var overlapping = new AtomicInteger();
        var busy = ConcurrentHashMap.<String>newKeySet();
        var firstWave = new CountDownLatch(parallel);
        var arrived = new ConcurrentHashMap<String, List<String>>();
        var relay = hintedRelay(parallel, (documentId, delivery) -> {
            if (!busy.add(documentId)) {
                overlapping.incrementAndGet();
            }
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            firstWave.countDown();
            try {
                // The first sends wait for each other: one at a time would wait here in vain.
                firstWave.await(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            arrived.computeIfAbsent(documentId, k -> Collections.synchronizedList(new ArrayList<>()))
                    .add(delivery.eventId());
            inFlight.decrementAndGet();
            busy.remove(documentId);
        });

        assertThat(relay.relayDue(100)).isEqualTo(2 * documents);

        assertThat(most.get()).as("documents sent at once").isEqualTo(parallel);
        assertThat(overlapping.get())
                .as("sends of one document that overlapped")
                .isZero();
        assertThat(arrived).isEqualTo(stored);
        assertThat(relay.backlog()).isZero();
    }

    @Test
    void oneTickDrainsABacklogLargerThanABatch() {
        var backlog = 2 * DeliverySchedule.BATCH + 50;
        var batch = new ArrayList<Document>();
        for (var i = 0; i < backlog; i++) {
            batch.add(new Document("_id", "due-" + i)
                    .append(DeliveryRelay.FIELD, List.of(Delivery.of("plan-follow-up", clock.instant()))));
        }
        mongo.insert(batch, COLLECTION);
        var relay = hintedRelay();

        new DeliverySchedule(List.of(relay)).relay();

        assertThat(sent).hasSize(backlog).doesNotHaveDuplicates();
        assertThat(relay.backlog()).isZero();
    }

    private DeliveryRelay hintedRelay() {
        return hintedRelay(RelaySettings.defaults().parallel(), (documentId, delivery) -> sent.add(documentId));
    }

    private DeliveryRelay hintedRelay(int parallel, Sender sender) {
        var relay = new DeliveryRelay(
                mongo, COLLECTION, List.of(handler(sender)), clock, new SimpleMeterRegistry(), "routing-service");
        var d = RelaySettings.defaults();
        relay.configure(
                new RelaySettings(d.maxBackoff(), d.maxAttempts(), d.maxAge(), d.lease(), true, d.rescan(), parallel));
        return relay;
    }

    interface Sender {
        void deliver(String documentId, Delivery delivery);
    }

    private DeliveryHandler handler() {
        return handler((documentId, delivery) -> sent.add(documentId));
    }

    private static DeliveryHandler handler(Sender sender) {
        return new DeliveryHandler() {
            @Override
            public String kind() {
                return "plan-follow-up";
            }

            @Override
            public void deliver(String documentId, Delivery delivery) {
                sender.deliver(documentId, delivery);
            }
        };
    }

    private void reset() {
        examined.set(0);
        scans.clear();
        sent.clear();
    }

    /** Charges each command on the collection with the documents the embedded server must read. */
    final class Cost implements CommandListener {
        private static final Set<String> READS_OR_WRITES =
                Set.of("find", "update", "delete", "count", "aggregate", "findAndModify", "distinct");

        @Override
        public void commandStarted(CommandStartedEvent event) {
            var name = event.getCommandName();
            var command = event.getCommand();
            if (!READS_OR_WRITES.contains(name)
                    || !COLLECTION.equals(command.getString(name).getValue())) {
                return;
            }
            var filters = new ArrayList<BsonValue>();
            switch (name) {
                case "find" -> filters.add(command.getOrDefault("filter", new BsonDocument()));
                case "count", "distinct" -> filters.add(command.getOrDefault("query", new BsonDocument()));
                case "findAndModify" -> filters.add(command.getOrDefault("query", new BsonDocument()));
                case "update" ->
                    command.getArray("updates")
                            .forEach(u -> filters.add(u.asDocument().get("q")));
                case "delete" ->
                    command.getArray("deletes")
                            .forEach(d -> filters.add(d.asDocument().get("q")));
                default -> filters.add(new BsonDocument());
            }
            for (var filter : filters) {
                var byId = filter.asDocument();
                if (byId.keySet().equals(Set.of("_id"))) {
                    var id = byId.get("_id");
                    examined.addAndGet(
                            id.isDocument() && id.asDocument().containsKey("$in")
                                    ? id.asDocument().getArray("$in").size()
                                    : 1);
                } else {
                    scans.add(name + " " + filter);
                    examined.addAndGet(HISTORY);
                }
            }
        }
    }

    static final class StepClock extends Clock {
        private Instant now;

        StepClock(Instant now) {
            this.now = now;
        }

        void step(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
