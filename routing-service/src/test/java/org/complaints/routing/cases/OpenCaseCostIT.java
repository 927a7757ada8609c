package org.complaints.routing.cases;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoServer;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.bson.Document;
import org.complaints.support.identity.CallerIdentity;
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
 * Issue 14: opening a case costs the same with 100,000 cases stored: the complaint's case by the
 * unique (tenant, complaintId) key, the RT-06 group by the product's lookup document (ADR 0024),
 * the versioned saves of linked cases by the unique (_id, version) index. The embedded server
 * counts the documents it examines; a scan counts the whole collection.
 */
@SpringBootTest(properties = {"complaints.services.followup.url=http://127.0.0.1:1", "complaints.store.embedded=true"})
@ActiveProfiles("test")
class OpenCaseCostIT {

    static final int HISTORY = 100_000;
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
    CaseService service;

    @Test
    @DisplayName(
            "issue 14 / RT-06: with 100,000 cases stored each opening examines a handful of cases and scans none; the third on one product still opens an incident")
    void openingACaseReachesItsDocumentsByKey() {
        var received = Date.from(Instant.parse("2025-03-03T01:00:00Z"));
        for (var start = 0; start < HISTORY; start += 20_000) {
            var bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, "cases");
            for (var i = start; i < start + 20_000; i++) {
                bulk.insert(new Document("_id", "old-" + i)
                        .append("version", 3L)
                        .append("tenant", "demo-dealer")
                        .append("complaintId", "c-old-" + i)
                        .append("site", "sh-minhang")
                        .append("productRef", "SKU-old-" + (i % 1_000))
                        .append("receivedAt", received)
                        .append("state", "CLOSED"));
            }
            bulk.execute();
        }
        var product = "SKU-" + UUID.randomUUID();
        Case last = null;
        for (var i = 0; i < 3; i++) {
            store.reset();
            last = service.open(
                            CallerIdentity.system("intake-service", "demo-dealer"),
                            InMemoryRouting.request(
                                    "sh-minhang",
                                    "SERVICE_ADVISOR_RECEPTION",
                                    "GENERAL",
                                    "TECHNICAL",
                                    product,
                                    Instant.parse("2025-03-03T0" + (2 + i) + ":00:00Z")))
                    .kase();
            assertThat(store.scans("cases")).as("scans of cases while opening").isZero();
            assertThat(store.examined("cases"))
                    .as("cases examined while opening case %d (a scan would be >= %d)", i + 1, HISTORY)
                    .isLessThan(20);
        }
        assertThat(last.incidentId())
                .as("RT-06: the third on the product forms an incident")
                .isNotNull();
        assertThat(mongo.findById(last.incidentId(), Document.class, "incidents")
                        .getList("caseIds", String.class))
                .hasSize(3);
        assertThat(java.util.UUID.fromString(last.id()).version())
                .as("ADR 0616: a case's id is time-ordered (UUID version 7), inserted beside the newest cases")
                .isEqualTo(7);
        assertThat(java.util.UUID.fromString(last.incidentId()).version()).isEqualTo(7);
    }
}
