package org.complaints.routing.clocks;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.Document;
import org.complaints.routing.cases.Case;
import org.complaints.routing.cases.CaseRepository;
import org.complaints.routing.cases.CaseService;
import org.complaints.routing.incidents.Incident;
import org.complaints.routing.incidents.IncidentRepository;
import org.complaints.routing.incidents.IncidentTaskSweep;
import org.complaints.routing.system.RoutingMetrics;
import org.complaints.support.due.DueBuckets;
import org.complaints.support.store.CountingMongoBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The deadline sweep: exactly once with two sweepers, and (issue 14) a cost that follows the due
 * cases only. The store is the embedded server counting the documents it examines (a scan counts
 * the whole collection), in bucket mode as the embedded store runs (ADR 0023).
 */
@SpringBootTest(properties = {"complaints.services.followup.url=http://127.0.0.1:1", "complaints.store.embedded=true"})
@ActiveProfiles("test")
class DeadlineSweepIT {

    static final Instant NOW = Instant.parse("2025-03-10T02:00:00Z");
    static final int HISTORY = 100_000;
    static final int DUE = 10;
    static final AtomicReference<Instant> clockAt = new AtomicReference<>(NOW);
    static final CountingMongoBackend store = new CountingMongoBackend();
    static final MongoServer server = new MongoServer(store);

    static {
        server.bind("127.0.0.1", 0);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri",
                () -> "mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
    }

    @AfterAll
    static void stop() {
        server.shutdown();
    }

    @TestConfiguration
    static class SteppingTime {
        @Bean
        @Primary
        Clock testClock() {
            return new Clock() {
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
                    return clockAt.get();
                }
            };
        }
    }

    @Autowired
    MongoTemplate mongo;

    @Autowired
    DeadlineSweep sweep;

    @Autowired
    CaseService service;

    @Autowired
    CaseRepository cases;

    @Autowired
    RoutingMetrics metrics;

    @Autowired
    MeterRegistry registry;

    @BeforeEach
    void empty() {
        clockAt.set(NOW);
        mongo.remove(new Query(), Case.class);
        mongo.remove(new Query(), Incident.class);
        mongo.remove(new Query(), DueBuckets.COLLECTION);
    }

    @Test
    @DisplayName("two sweepers racing over one store escalate each due deadline exactly once")
    void twoSweepersEscalateEachDeadlineOnce() throws Exception {
        insertDue(300, 0);
        var other = new DeadlineSweep(cases, service, metrics, Clock.fixed(NOW, ZoneOffset.UTC));

        try (var pool = Executors.newFixedThreadPool(2)) {
            var a = pool.submit(sweep::sweep);
            var b = pool.submit(other::sweep);
            assertThat(a.get() + b.get()).isEqualTo(300);
        }

        for (var c : mongo.findAll(Document.class, "cases")) {
            var breaches = c.getList("escalations", Document.class).stream()
                    .filter(e -> "SLA-B1".equals(e.getString("rule")))
                    .count();
            assertThat(breaches).as("case " + c.get("_id")).isEqualTo(1);
        }
        assertThat(sweep.sweep()).as("nothing left due").isZero();
    }

    @Test
    @DisplayName("a case the sweep cannot process is postponed and counted; the cases behind it still escalate")
    void aFailingCaseDoesNotStopTheSweep() {
        insertDue(10, 0);
        // Due before all others (first in every batch) and at a site the tenant no longer has.
        insert(dueCase("broken", NOW.minus(Duration.ofHours(2))).append("site", "closed-site"));
        var failuresBefore = failures();

        assertThat(sweep.sweep()).as("cases advanced").isEqualTo(10);

        assertThat(failures() - failuresBefore).isEqualTo(1.0);
        var broken = mongo.findById("broken", Document.class, "cases");
        var retry = NOW.plus(DeadlineSweep.RETRY_FAILED);
        assertThat(broken.getDate("nextDueAt").toInstant()).isEqualTo(retry);
        assertThat(bucketIds(retry)).as("the postponed time is filed too").contains("broken");
        assertThat(broken.getList("escalations", Document.class)).isNullOrEmpty();
        assertThat(broken.getList("deadlines", Document.class).getFirst().getString("status"))
                .isEqualTo("PENDING");
        assertThat(sweep.sweep()).as("nothing left due now").isZero();
    }

    private double failures() {
        return registry.counter("complaints.sweep.failures").count();
    }

    @Test
    @DisplayName("issue 14: 100,000 cases stored, 10 due: the sweep examines the due ones by key and scans nothing")
    void sweepCostFollowsTheDueCases() {
        insertNotDue(HISTORY);
        sweep.sweep(); // a process's first sweep reads through the index query (a scan here)
        insertDue(DUE, 0);

        store.reset();
        assertThat(sweep.sweep()).isEqualTo(DUE);
        assertThat(store.scans("cases")).as("scans of the cases collection").isZero();
        assertThat(store.examined("cases"))
                .as("cases examined by the sweep (a scan would be >= %d)", HISTORY)
                .isLessThanOrEqualTo(3L * DUE);
        assertThat(store.examinedTotal())
                .as("documents examined in all (buckets, inboxes, cases)")
                .isLessThanOrEqualTo(10L * DUE);

        store.reset();
        assertThat(sweep.sweep()).as("an idle sweep").isZero();
        assertThat(store.scans("cases")).isZero();
        assertThat(store.examined("cases"))
                .as("an idle sweep re-checks at most the entries of the last minutes")
                .isLessThanOrEqualTo(DUE);
    }

    @Test
    @DisplayName(
            "issue 14: an entry whose case was never stored or moved on is skipped; a case written without an entry is found by the rescan")
    void staleEntriesAreSkippedAndTheRescanFindsTheRest() {
        sweep.sweep();
        // A crash between the entry and the case write: an entry for a case that does not exist.
        fileRaw("never-stored", NOW.minus(Duration.ofMinutes(1)));
        // An entry whose case moved on: stored due in three days.
        insert(dueCase("moved-on", NOW.plus(Duration.ofDays(3))));
        fileRaw("moved-on", NOW.minus(Duration.ofMinutes(1)));
        // A due case written by a path that filed no entry (another process, a raw update).
        mongo.getCollection("cases").insertOne(dueCase("unfiled", NOW.minus(Duration.ofHours(1))));

        assertThat(sweep.sweep()).as("nothing due by the buckets").isZero();
        assertThat(mongo.findById("moved-on", Document.class, "cases").getList("escalations", Document.class))
                .isNullOrEmpty();

        clockAt.set(NOW.plus(org.complaints.support.due.DueSettings.DEFAULT_RESCAN)
                .plusSeconds(60)); // past complaints.due.rescan
        assertThat(sweep.sweep()).as("the rescan finds the unfiled case").isEqualTo(1);
        assertThat(mongo.findById("unfiled", Document.class, "cases").getList("escalations", Document.class))
                .filteredOn(e -> "SLA-B1".equals(e.getString("rule")))
                .hasSize(1);
    }

    @Test
    @DisplayName(
            "issue 14: 100,000 incidents stored, 10 with a task due: the incident sweep (SLA-X1) examines those by key and scans nothing")
    void incidentSweepCostFollowsTheDueIncidents(
            @Autowired IncidentTaskSweep incidentSweep, @Autowired IncidentRepository incidents) {
        for (var start = 0; start < HISTORY; start += 20_000) {
            var bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, "incidents");
            for (var i = start; i < start + 20_000; i++) {
                bulk.insert(new Document("_id", "old-incident-" + i).append("tenant", "demo-generic"));
            }
            bulk.execute();
        }
        incidentSweep.sweep();
        for (var i = 0; i < DUE; i++) {
            incidents.insert(mongo.getConverter().read(Incident.class, dueIncident("incident-" + i)));
        }

        store.reset();
        assertThat(incidentSweep.sweep()).isEqualTo(DUE);
        assertThat(store.scans("incidents")).isZero();
        assertThat(store.examined("incidents"))
                .as("incidents examined (a scan would be >= %d)", HISTORY)
                .isLessThanOrEqualTo(3L * DUE);
    }

    /** A group complaint whose 1 h SLA-X1 task fell due an hour ago. */
    private static Document dueIncident(String id) {
        var due = java.util.Date.from(NOW.minus(Duration.ofHours(1)));
        return new Document("_id", id)
                .append("version", 0L)
                .append("tenant", "demo-generic")
                .append("site", "ber-counter-1")
                .append("productRef", "p-1")
                .append("openedAt", java.util.Date.from(NOW.minus(Duration.ofHours(2))))
                .append("caseIds", List.of())
                .append(
                        "tasks",
                        List.of(new Document("taskId", "first-response")
                                .append("task", "first-response")
                                .append("rule", "SLA-X1")
                                .append("assignee", "role:store-manager")
                                .append("dueAt", due)
                                .append("status", "OPEN")
                                .append("createdAt", java.util.Date.from(NOW.minus(Duration.ofHours(2))))))
                .append("nextDueAt", due)
                .append("deliveries", List.of());
    }

    private java.util.List<String> bucketIds(Instant due) {
        var key = "cases|" + Math.floorDiv(due.getEpochSecond(), 60);
        return new org.complaints.support.lookup.ChunkedLists(mongo, DueBuckets.COLLECTION, "entries")
                .read(List.of(key), Document.class).getOrDefault(key, List.of()).stream()
                        .map(e -> e.getString("id"))
                        .toList();
    }

    /** An entry as {@link DueBuckets} filed it before its minutes were chunked, without the case write. */
    private void fileRaw(String id, Instant due) {
        mongo.upsert(
                new Query(org.springframework.data.mongodb.core.query.Criteria.where("_id")
                        .is("cases|" + Math.floorDiv(NOW.getEpochSecond(), 60))),
                new org.springframework.data.mongodb.core.query.Update()
                        .addToSet("entries", new Document("id", id).append("due", java.util.Date.from(due))),
                DueBuckets.COLLECTION);
    }

    /** Through the repository, as the service writes: the due-minute entry first, then the case. */
    private void insert(Document c) {
        cases.insert(mongo.getConverter().read(Case.class, c));
    }

    private void insertDue(int count, int offset) {
        var due = NOW.minus(Duration.ofHours(1));
        for (var i = 0; i < count; i++) {
            insert(dueCase("due-" + (offset + i), due));
        }
    }

    /** A generic-tenant case whose SLA-B1 resolution deadline falls due at {@code due}. */
    private static Document dueCase(String id, Instant due) {
        var received = NOW.minus(Duration.ofHours(25));
        return new Document("_id", id)
                .append("version", 0L)
                .append("tenant", "demo-generic")
                .append("complaintId", "c-" + id)
                .append("region", "europe")
                .append("site", "ber-counter-1")
                .append("channel", "PHONE")
                .append("level", "GENERAL")
                .append("state", "REGISTERED")
                .append("receivedAt", java.util.Date.from(received))
                .append(
                        "deadlines",
                        List.of(new Document("clock", "RESOLUTION")
                                .append("rule", "SLA-B1")
                                .append("dueAt", java.util.Date.from(due))
                                .append("atRiskAt", java.util.Date.from(due))
                                .append("status", "PENDING")
                                .append("action", "BREACH")
                                .append("assumed", false)
                                .append("atRiskSignalled", true)))
                .append("nextDueAt", java.util.Date.from(due));
    }

    /** Raw bulk inserts: history that is not due (in three days, or terminal without a due time). */
    private void insertNotDue(int count) {
        var later = java.util.Date.from(NOW.plus(Duration.ofDays(3)));
        for (var start = 0; start < count; start += 20_000) {
            var bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, "cases");
            for (var i = start; i < Math.min(count, start + 20_000); i++) {
                bulk.insert(new Document("_id", "later-" + i)
                        .append("tenant", "demo-generic")
                        .append("complaintId", "c-later-" + i)
                        .append("nextDueAt", i % 2 == 0 ? later : null));
            }
            bulk.execute();
        }
    }
}
