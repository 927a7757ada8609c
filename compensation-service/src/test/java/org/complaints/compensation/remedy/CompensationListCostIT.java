package org.complaints.compensation.remedy;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoServer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.bson.Document;
import org.complaints.support.lookup.HourIndex;
import org.complaints.support.scope.CallerScope;
import org.complaints.support.store.CountingMongoBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 14 (ADR 0293): compensation's staff lists cost the same with 100,000 compensations stored.
 * The embedded server counts the documents it examines; a scan would count the whole collection.
 * The history is written straight into the store with its lookup documents (as the lookups would
 * hold it); the first test, on a small store, shows that documents from before the lookups are
 * filed once at start.
 */
@SpringBootTest(properties = {"complaints.services.routing.url=http://127.0.0.1:1", "complaints.store.embedded=true"})
@ActiveProfiles("test")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CompensationListCostIT {

    static final int HISTORY = 100_000;
    static final int CUSTOMERS = 20_000;
    static final String TENANT = "demo-generic";
    /** The history runs up to an hour ago, 36 s apart (100 an hour), half west and half europe. */
    static final Instant FIRST = Instant.now().minus(Duration.ofSeconds(36L * HISTORY + 3_600));

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
    CompensationRepository compensations;

    static final CallerScope WEST = new CallerScope(TENANT, List.of("west"), List.of());
    static final CallerScope EUROPE = new CallerScope(TENANT, List.of("europe"), List.of());
    static final CallerScope ALL = new CallerScope(TENANT, List.of(), List.of());

    @Test
    @Order(1)
    @DisplayName(
            "ADR 0293: compensations stored before the lookups are listed, waiting and in their customer's ledger after the one-time filing, each once however often it runs")
    void earlierCompensationsAreFiledOnce() {
        var created = Instant.now().minus(Duration.ofDays(3));
        for (var i = 0; i < 3; i++) {
            mongo.insert(
                    new Document("_id", "legacy-" + i)
                            .append("version", 1L)
                            .append("tenant", "demo-retail")
                            .append("caseId", "k-legacy-" + i)
                            .append("region", "east")
                            .append("site", "sh-xujiahui")
                            .append("customerRef", "id:legacy")
                            .append("createdAt", Date.from(created.plusSeconds(i)))
                            .append("options", List.of(option(i == 0 ? "PENDING_APPROVAL" : "APPROVED"))),
                    CompensationRepository.COLLECTION);
        }
        var retail = new CallerScope("demo-retail", List.of(), List.of());
        assertThat(compensations.list(retail, null, 200))
                .as("not listed before the filing")
                .isEmpty();

        mongo.remove(new Query(Criteria.where("_id").is(CompensationLists.INDEXED)), CompensationLists.LOOKUPS);
        compensations.fileEarlierCompensations();
        mongo.remove(new Query(Criteria.where("_id").is(CompensationLists.INDEXED)), CompensationLists.LOOKUPS);
        compensations.fileEarlierCompensations();

        assertThat(compensations.list(retail, null, 200))
                .extracting(c -> c.id)
                .containsExactly("legacy-2", "legacy-1", "legacy-0");
        assertThat(compensations.pendingFor(retail, Set.of("cs-manager"), 200))
                .extracting(c -> c.id)
                .containsExactly("legacy-0");
        assertThat(compensations.ledger(retail, "id:legacy", null, null, 500))
                .extracting(c -> c.id)
                .containsExactly("legacy-1", "legacy-2");
        assertThat(compensations.approvedForCustomerSince("demo-retail", "id:legacy", created))
                .isTrue();
    }

    @Test
    @Order(2)
    @DisplayName(
            "issue 14: 100,000 compensations stored: GET /compensations, the approvers' inbox, the ledger and the repeat check examine a bounded number by key and scan none")
    void listsReachTheirCompensationsByKey() {
        seedHistory();
        var now = Instant.now();
        var waiting = new ArrayList<String>();
        for (var i = 0; i < 3; i++) {
            var c = compensation("new-pending-" + i, now.minusSeconds(30 - i), "PENDING_APPROVAL");
            compensations.insert(c);
            waiting.add(c.id);
        }
        var repeat = compensation("new-approved", now.minusSeconds(10), "APPROVED");
        repeat.customerRef = "id:c-7";
        compensations.insert(repeat);

        // GET /compensations: newest first, in the caller's region
        store.reset();
        var listed = compensations.list(WEST, null, 200);
        assertThat(store.scans(CompensationRepository.COLLECTION))
                .as("scans for the list")
                .isZero();
        assertThat(store.examined(CompensationRepository.COLLECTION))
                .as("compensations examined for a list of 200 (a scan would be >= %d)", HISTORY)
                .isLessThanOrEqualTo(HourIndex.MAX_LOADS_PER_PAGE);
        assertThat(listed).hasSize(200).allSatisfy(c -> assertThat(c.region).isEqualTo("west"));
        assertThat(listed.getFirst().id).as("the newest first").isEqualTo("new-approved");
        assertThat(listed).extracting(CompensationLists::listedAt).isSortedAccordingTo((a, b) -> b.compareTo(a));

        // GET /compensations/approvals/pending: the waiting ones, oldest first, by role and scope
        store.reset();
        assertThat(compensations.pendingFor(WEST, Set.of("cs-manager"), 200))
                .extracting(c -> c.id)
                .containsExactlyElementsOf(waiting);
        assertThat(store.scans(CompensationRepository.COLLECTION)).isZero();
        assertThat(store.examined(CompensationRepository.COLLECTION)).isLessThanOrEqualTo(waiting.size());
        assertThat(compensations.pendingFor(WEST, Set.of("general-manager"), 200))
                .isEmpty();
        assertThat(compensations.pendingFor(EUROPE, Set.of("cs-manager"), 200)).isEmpty();

        // a decision takes the compensation out of the inbox
        var decided = compensations.findById(waiting.getFirst()).orElseThrow();
        decided.options = List.of(decided.options
                .getFirst()
                .with("APPROVED", decided.options.getFirst().amount(), "cs-manager", null));
        compensations.save(decided);
        store.reset();
        assertThat(compensations.pendingFor(WEST, Set.of("cs-manager"), 200))
                .extracting(c -> c.id)
                .containsExactlyElementsOf(waiting.subList(1, waiting.size()));
        assertThat(store.examined(CompensationRepository.COLLECTION)).isLessThanOrEqualTo(waiting.size() - 1);

        // the ledger of one customer, and the repeat check on proposal
        store.reset();
        var ledger = compensations.ledger(ALL, "id:c-7", null, null, 500);
        var approvedOfCustomer = java.util.stream.IntStream.iterate(7, i -> i < HISTORY, i -> i + CUSTOMERS)
                        .filter(i -> i % 3 != 0)
                        .count()
                + 1;
        assertThat(ledger)
                .hasSize((int) approvedOfCustomer)
                .allSatisfy(c -> assertThat(c.customerRef).isEqualTo("id:c-7"))
                .extracting(c -> c.createdAt)
                .isSorted();
        assertThat(compensations.approvedForCustomerSince(TENANT, "id:c-7", now.minusSeconds(60)))
                .isTrue();
        assertThat(compensations.approvedForCustomerSince(TENANT, "id:c-8", now.minusSeconds(60)))
                .isFalse();
        assertThat(store.scans(CompensationRepository.COLLECTION)).isZero();
        assertThat(store.examined(CompensationRepository.COLLECTION))
                .isLessThanOrEqualTo(3L * (HISTORY / CUSTOMERS + 1));

        // the whole ledger of a month: newest first, approved only, inside the month
        var from = FIRST.plus(Duration.ofDays(10));
        var to = from.plus(Duration.ofDays(5));
        store.reset();
        var month = compensations.ledger(WEST, null, from, to, 500);
        assertThat(store.scans(CompensationRepository.COLLECTION)).isZero();
        assertThat(store.examined(CompensationRepository.COLLECTION))
                .isLessThanOrEqualTo((long) CompensationRepository.LEDGER_PAGES * HourIndex.MAX_LOADS_PER_PAGE);
        assertThat(month).hasSize(500).allSatisfy(c -> {
            assertThat(c.createdAt).isBetween(from, to);
            assertThat(c.region).isEqualTo("west");
            assertThat(CompensationLists.approved(c)).isTrue();
        });
        assertThat(month).extracting(c -> c.createdAt).isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    /** 100,000 decided compensations of demo-generic, with the hour and customer documents the lookups keep. */
    void seedHistory() {
        var hours = new TreeMap<Long, List<Document>>();
        var customers = new TreeMap<String, List<String>>();
        var bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, CompensationRepository.COLLECTION);
        for (var i = 0; i < HISTORY; i++) {
            var west = i % 2 == 0;
            var created = Date.from(FIRST.plus(Duration.ofSeconds(36L * i)));
            var id = "old-%06d".formatted(i);
            var customer = "id:c-" + (i % CUSTOMERS);
            bulk.insert(new Document("_id", id)
                    .append("version", 3L)
                    .append("tenant", TENANT)
                    .append("caseId", "k-" + id)
                    .append("region", west ? "west" : "europe")
                    .append("site", west ? "cd-counter-1" : "ber-counter-1")
                    .append("customerRef", customer)
                    .append("createdAt", created)
                    .append("options", List.of(option(i % 3 == 0 ? "REJECTED" : "APPROVED"))));
            if (i % 20_000 == 19_999) {
                bulk.execute();
                bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, CompensationRepository.COLLECTION);
            }
            hours.computeIfAbsent(HourIndex.hourOf(created.toInstant()), h -> new ArrayList<>())
                    .add(new Document("id", id)
                            .append("at", created)
                            .append("region", west ? "west" : "europe")
                            .append("site", west ? "cd-counter-1" : "ber-counter-1"));
            customers.computeIfAbsent(customer, c -> new ArrayList<>()).add(id);
        }
        var lookups = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, CompensationLists.LOOKUPS);
        hours.forEach((hour, entries) ->
                lookups.insert(new Document("_id", HourIndex.hourKey(TENANT, hour)).append("entries", entries)));
        lookups.upsert(
                new Query(Criteria.where("_id").is(HourIndex.spanKey(TENANT))),
                new org.springframework.data.mongodb.core.query.Update()
                        .min("first", hours.firstKey())
                        .max("last", hours.lastKey()));
        lookups.execute();
        var byCustomer = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, CompensationLists.BY_CUSTOMER);
        customers.forEach((customer, ids) -> byCustomer.insert(
                new Document("_id", CompensationLists.customerKey(TENANT, customer)).append("ids", ids)));
        byCustomer.execute();
    }

    private static Document option(String status) {
        return new Document("optionId", "o-1")
                .append("kind", "VOUCHER")
                .append("status", status)
                .append("requiredRole", "cs-manager")
                .append("decisions", List.of());
    }

    private static Compensation compensation(String id, Instant created, String status) {
        var c = new Compensation();
        c.id = id;
        c.tenant = TENANT;
        c.caseId = "k-" + id;
        c.region = "west";
        c.site = "cd-counter-1";
        c.createdAt = created;
        c.options = List.of(new Compensation.Option(
                "o-1",
                "VOUCHER",
                new Money(new BigDecimal("5"), "CNY"),
                "goodwill",
                status,
                "cs-manager",
                null,
                List.of(),
                null));
        return c;
    }
}
