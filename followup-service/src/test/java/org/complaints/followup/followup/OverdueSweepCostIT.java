package org.complaints.followup.followup;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoServer;
import java.time.Duration;
import java.time.Instant;
import org.bson.Document;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.store.CountingMongoBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 14: the overdue sweep's cost follows the due follow-ups, not the history. The embedded
 * server counts the documents it examines (a scan counts the whole collection); the store runs in
 * bucket mode, as the embedded store does (ADR 0023).
 */
@SpringBootTest(
        properties = {
            "complaints.services.routing.url=http://127.0.0.1:1",
            "complaints.services.intake.url=http://127.0.0.1:1",
            "complaints.services.compensation.url=http://127.0.0.1:1",
            "complaints.store.embedded=true"
        })
@ActiveProfiles("test")
class OverdueSweepCostIT {

    static final int HISTORY = 100_000;
    static final int PLANS = 5;
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

    @Autowired
    MongoTemplate mongo;

    @Autowired
    OverdueSweep sweep;

    @Autowired
    FollowUpService service;

    @Autowired
    FollowUpController controller;

    private static boolean seeded;

    @BeforeEach
    void seedHistoryOnce() {
        if (seeded) {
            return;
        }
        seeded = true;
        for (var start = 0; start < HISTORY; start += 20_000) {
            var bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, "followups");
            for (var i = start; i < start + 20_000; i++) {
                bulk.insert(new Document("_id", "old-" + i)
                        .append("version", 1L)
                        .append("tenant", "demo-generic")
                        .append("caseId", "k-old-" + i)
                        .append("round", 1)
                        .append("type", "CALLBACK")
                        .append("status", "DONE"));
            }
            bulk.execute();
        }
    }

    @Test
    @DisplayName(
            "issue 14 / ADR 0292: 100,000 follow-ups stored: a case's follow-ups are listed by key, sorted by due time, without a scan")
    void caseFollowUpsAreListedByKey() {
        var resolved = Instant.now(); // not yet due: the sweep test counts only its own due follow-ups
        var planned = service.plan(
                CallerIdentity.system("routing-service", "demo-generic"),
                new FollowUpService.PlanRequest(
                        null,
                        "k-listed",
                        "c-listed",
                        "demo-generic",
                        null,
                        "cd-counter-1",
                        null,
                        "GENERAL",
                        null,
                        resolved,
                        false,
                        1,
                        null));
        assertThat(planned).hasSizeGreaterThan(1);
        var agent = new CallerIdentity(
                "agent-1",
                CallerIdentity.Kind.STAFF,
                "demo-generic",
                java.util.Set.of(),
                java.util.Set.of(),
                java.util.Set.of("cs-specialist"),
                java.util.Set.of(),
                "agent-1");

        store.reset();
        var listed = controller.list(agent, "k-listed", null);

        assertThat(listed)
                .extracting(FollowUpController.View::followUpId)
                .containsExactlyInAnyOrderElementsOf(
                        planned.stream().map(f -> f.id).toList());
        assertThat(listed).extracting(FollowUpController.View::dueAt).isSorted();
        assertThat(store.scans("followups")).isZero();
        assertThat(store.examined("followups")).isLessThanOrEqualTo(planned.size());
        var otherTenant = new CallerIdentity(
                "agent-2",
                CallerIdentity.Kind.STAFF,
                "demo-retail",
                java.util.Set.of(),
                java.util.Set.of(),
                java.util.Set.of("cs-specialist"),
                java.util.Set.of(),
                "agent-2");
        assertThat(controller.list(otherTenant, "k-listed", null))
                .as("another tenant's case")
                .isEmpty();
    }

    @Test
    @DisplayName(
            "issue 14: 100,000 follow-ups stored, a handful past due: the overdue sweep examines those by key and scans nothing")
    void overdueSweepReachesDueFollowUpsByKey() {
        sweep.sweep(); // a process's first sweep reads through the index query (a scan here)
        var planned = 0;
        var resolved = Instant.now().minus(Duration.ofDays(10));
        for (var i = 0; i < PLANS; i++) {
            planned += service.plan(
                            CallerIdentity.system("routing-service", "demo-generic"),
                            new FollowUpService.PlanRequest(
                                    null,
                                    "k-due-" + i,
                                    "c-due-" + i,
                                    "demo-generic",
                                    null,
                                    "cd-counter-1",
                                    null,
                                    "GENERAL",
                                    null,
                                    resolved,
                                    false,
                                    1,
                                    null))
                    .size();
        }
        assertThat(planned).isPositive();

        store.reset();
        assertThat(sweep.sweep()).as("marked overdue").isEqualTo(planned);
        assertThat(store.scans("followups")).isZero();
        assertThat(store.examined("followups"))
                .as("follow-ups examined (a scan would be >= %d)", HISTORY)
                .isLessThanOrEqualTo(3L * planned);

        store.reset();
        assertThat(sweep.sweep()).as("marked once").isZero();
        assertThat(store.scans("followups")).isZero();
        assertThat(store.examined("followups")).isLessThanOrEqualTo(planned);
    }
}
