package org.complaints.routing.clocks;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.complaints.routing.cases.Case;
import org.complaints.routing.cases.CaseRepository;
import org.complaints.routing.cases.CaseService;
import org.complaints.routing.system.RoutingMetrics;
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
import org.springframework.data.mongodb.core.mapping.event.AbstractMongoEventListener;
import org.springframework.data.mongodb.core.mapping.event.AfterLoadEvent;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.ActiveProfiles;

/** The deadline sweep: exactly once with two sweepers, and a cost that follows the due cases only. */
@SpringBootTest(properties = "complaints.services.followup.url=http://127.0.0.1:1")
@ActiveProfiles("test")
class DeadlineSweepIT {

    static final Instant NOW = Instant.parse("2025-03-10T02:00:00Z");
    static final AtomicLong loaded = new AtomicLong();

    @TestConfiguration
    static class FixedTime {
        @Bean
        @Primary
        Clock testClock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }

        @Bean
        AbstractMongoEventListener<Case> loadCounter() {
            return new AbstractMongoEventListener<>() {
                @Override
                public void onAfterLoad(AfterLoadEvent<Case> event) {
                    loaded.incrementAndGet();
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
        mongo.remove(new Query(), Case.class);
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
        mongo.getCollection("cases")
                .insertOne(dueCase("broken", NOW.minus(Duration.ofHours(2))).append("site", "closed-site"));
        var failuresBefore = failures();

        assertThat(sweep.sweep()).as("cases advanced").isEqualTo(10);

        assertThat(failures() - failuresBefore).isEqualTo(1.0);
        var broken = mongo.findById("broken", Document.class, "cases");
        assertThat(broken.getDate("nextDueAt").toInstant()).isEqualTo(NOW.plus(DeadlineSweep.RETRY_FAILED));
        assertThat(broken.getList("escalations", Document.class)).isNull();
        assertThat(broken.getList("deadlines", Document.class).getFirst().getString("status"))
                .isEqualTo("PENDING");
        assertThat(sweep.sweep()).as("nothing left due now").isZero();
    }

    private double failures() {
        return registry.counter("complaints.sweep.failures").count();
    }

    @Test
    @DisplayName("a store of 200,000 cases with 1,000 due: the sweep loads the 1,000, not the history")
    void sweepCostFollowsTheDueCases() {
        insertNotDue(199_000);
        insertDue(1_000, 199_000);
        loaded.set(0);

        assertThat(sweep.sweep()).isEqualTo(1_000);
        assertThat(loaded.get()).isEqualTo(1_000);
    }

    private void insertDue(int count, int offset) {
        var due = NOW.minus(Duration.ofHours(1));
        var bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, "cases");
        for (var i = 0; i < count; i++) {
            bulk.insert(dueCase("due-" + (offset + i), due));
        }
        bulk.execute();
    }

    /** A generic-tenant case whose SLA-B1 resolution deadline fell due at {@code due}. */
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
