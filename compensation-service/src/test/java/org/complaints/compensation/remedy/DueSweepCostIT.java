package org.complaints.compensation.remedy;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoServer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.complaints.support.store.CountingMongoBackend;
import org.junit.jupiter.api.AfterAll;
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
 * Issue 14: the due sweep's cost follows the due compensations, not the history. The embedded
 * server counts the documents it examines (a scan counts the whole collection); the store runs in
 * bucket mode, as the embedded store does (ADR 0023).
 */
@SpringBootTest(properties = {"complaints.services.routing.url=http://127.0.0.1:1", "complaints.store.embedded=true"})
@ActiveProfiles("test")
class DueSweepCostIT {

    static final int HISTORY = 100_000;
    static final int DUE = 10;
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
    DueSweep sweep;

    @Autowired
    CompensationRepository compensations;

    @Test
    @DisplayName(
            "issue 14: 100,000 compensations stored, 10 approvals due (CP-02): the due sweep examines those by key and scans nothing; a case's compensations are listed by key (ADR 0292)")
    void dueSweepReachesDueCompensationsByKey() {
        for (var start = 0; start < HISTORY; start += 20_000) {
            var bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, CompensationRepository.COLLECTION);
            for (var i = start; i < start + 20_000; i++) {
                bulk.insert(new Document("_id", "old-" + i)
                        .append("tenant", "demo-generic")
                        .append("caseId", "k-old-" + i));
            }
            bulk.execute();
        }
        sweep.sweep(Instant.now()); // a process's first sweep reads through the index query (a scan here)
        var due = Instant.now().minus(Duration.ofHours(1));
        for (var i = 0; i < DUE; i++) {
            compensations.insert(pendingApproval("due-" + i, due));
        }

        store.reset();
        assertThat(sweep.sweep(Instant.now())).as("escalations").isEqualTo(DUE);
        assertThat(store.scans(CompensationRepository.COLLECTION)).isZero();
        assertThat(store.examined(CompensationRepository.COLLECTION))
                .as("compensations examined (a scan would be >= %d)", HISTORY)
                .isLessThanOrEqualTo(3L * DUE);

        store.reset();
        assertThat(sweep.sweep(Instant.now())).as("acted on once").isZero();
        assertThat(store.scans(CompensationRepository.COLLECTION)).isZero();
        assertThat(store.examined(CompensationRepository.COLLECTION)).isLessThanOrEqualTo(DUE);

        // ADR 0292: a case's compensations by key, in its scope only
        store.reset();
        var generic = new org.complaints.support.scope.CallerScope("demo-generic", List.of(), List.of());
        assertThat(compensations.list(generic, "k-due-3", 50))
                .extracting(c -> c.id)
                .containsExactly("due-3");
        assertThat(store.scans(CompensationRepository.COLLECTION)).isZero();
        assertThat(store.examined(CompensationRepository.COLLECTION)).isLessThanOrEqualTo(1);
        var retail = new org.complaints.support.scope.CallerScope("demo-retail", List.of(), List.of());
        assertThat(compensations.list(retail, "k-due-3", 50))
                .as("another tenant")
                .isEmpty();
    }

    /** An option waiting for a cs-manager whose approval fell due at {@code due}. */
    private static Compensation pendingApproval(String id, Instant due) {
        var c = new Compensation();
        c.id = id;
        c.tenant = "demo-generic";
        c.caseId = "k-" + id;
        c.region = "west";
        c.site = "cd-counter-1";
        c.createdAt = due.minus(Duration.ofHours(4));
        c.options = List.of(new Compensation.Option(
                "o-1",
                "VOUCHER",
                new Money(new BigDecimal("5"), "EUR"),
                "goodwill",
                "PENDING_APPROVAL",
                "cs-manager",
                due,
                List.of(),
                null));
        return c;
    }
}
