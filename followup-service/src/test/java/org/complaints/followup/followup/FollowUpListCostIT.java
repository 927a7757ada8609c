package org.complaints.followup.followup;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.bson.Document;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.lookup.HourIndex;
import org.complaints.support.lookup.ShardedIds;
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
 * Issue 14 (ADR 0293): {@code GET /follow-ups} without a case costs the same with 100,000
 * follow-ups stored. The embedded server counts the documents it examines; a scan would count the
 * whole collection. The history is written straight into the store with the lookup documents that
 * would hold it; the first test, on a small store, shows that follow-ups from before the lookups
 * are filed once at start.
 */
@SpringBootTest(
        properties = {
            "complaints.services.routing.url=http://127.0.0.1:1",
            "complaints.services.intake.url=http://127.0.0.1:1",
            "complaints.services.compensation.url=http://127.0.0.1:1",
            "complaints.store.embedded=true"
        })
@ActiveProfiles("test")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FollowUpListCostIT {

    static final int HISTORY = 100_000;
    static final String TENANT = "demo-generic";
    /** Due times 36 s apart (100 an hour) up to an hour ago, half west and half europe; every tenth still overdue. */
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
    FollowUpService service;

    @Autowired
    FollowUpController controller;

    @Autowired
    FollowUpLists lists;

    @Autowired
    FollowUpCompletions completions;

    @Autowired
    FollowUpMonths months;

    @Autowired
    FollowUpGauges gauges;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry registry;

    @Test
    @Order(1)
    @DisplayName(
            "ADR 0293: follow-ups stored before the lookups are listed by status and due time after the one-time filing, each once however often it runs")
    void earlierFollowUpsAreFiledOnce() {
        var due = Instant.now().minus(Duration.ofDays(3));
        var statuses = List.of("PLANNED", "OVERDUE", "DONE");
        for (var i = 0; i < 3; i++) {
            mongo.insert(
                    new Document("_id", "legacy-" + i)
                            .append("version", 1L)
                            .append("tenant", "demo-retail")
                            .append("caseId", "k-legacy")
                            .append("round", 1)
                            .append("type", "T" + i)
                            .append("region", "east")
                            .append("site", "sh-xujiahui")
                            .append("dueAt", Date.from(due.minusSeconds(i)))
                            .append("status", statuses.get(i)),
                    "followups");
        }
        var retail = new CallerScope("demo-retail", List.of(), List.of());
        assertThat(lists.list(retail, null, 200))
                .as("not listed before the filing")
                .isEmpty();

        for (var run = 0; run < 2; run++) {
            mongo.remove(new Query(Criteria.where("_id").is(FollowUpLists.INDEXED)), FollowUpLists.LOOKUPS);
            lists.fileEarlierFollowUps();
        }

        assertThat(lists.list(retail, null, 200))
                .extracting(f -> f.id)
                .containsExactly("legacy-2", "legacy-1", "legacy-0");
        assertThat(lists.list(retail, "PLANNED", 200)).extracting(f -> f.id).containsExactly("legacy-0");
        assertThat(lists.list(retail, "OVERDUE", 200)).extracting(f -> f.id).containsExactly("legacy-1");
        assertThat(lists.list(retail, "DONE", 200)).extracting(f -> f.id).containsExactly("legacy-2");
    }

    @Test
    @Order(2)
    @DisplayName(
            "issue 14: 100,000 follow-ups stored: GET /follow-ups by status or all, sorted by due time and capped, examines a bounded number by key and scans none;"
                    + " an outcome leaves the open list; the due and overdue gauges count the open sets by key (ADR 0607)")
    void listReachesItsFollowUpsByKey() {
        seedHistory();
        var planned = service.plan(
                CallerIdentity.system("routing-service", TENANT),
                new FollowUpService.PlanRequest(
                        null,
                        "k-new",
                        "c-new",
                        TENANT,
                        null,
                        "cd-counter-1",
                        null,
                        "GENERAL",
                        null,
                        Instant.now(),
                        false,
                        1,
                        null));
        assertThat(planned).hasSizeGreaterThan(1);
        var west = staff(Set.of("west"), Set.of("cs-specialist"));

        // the open work: only the new plan is PLANNED, found among 100,000 without loading the rest
        store.reset();
        var open = controller.list(west, null, "PLANNED");
        assertThat(open)
                .extracting(FollowUpController.View::followUpId)
                .containsExactlyInAnyOrderElementsOf(
                        planned.stream().map(f -> f.id).toList());
        assertThat(open).extracting(FollowUpController.View::dueAt).isSorted();
        assertThat(store.scans("followups")).as("scans for the PLANNED list").isZero();
        assertThat(store.examined("followups")).isLessThanOrEqualTo(planned.size());

        // 10,000 overdue: the earliest 200 of the caller's region
        store.reset();
        var overdue = controller.list(west, null, "OVERDUE");
        assertThat(store.scans("followups")).isZero();
        assertThat(store.examined("followups")).isLessThanOrEqualTo(HourIndex.MAX_LOADS_PER_PAGE);
        assertThat(overdue).hasSize(200).allSatisfy(v -> {
            assertThat(v.status()).isEqualTo("OVERDUE");
            assertThat(v.site()).isEqualTo("cd-counter-1");
        });
        assertThat(overdue).extracting(FollowUpController.View::dueAt).isSorted();
        assertThat(overdue.getFirst().followUpId()).isEqualTo("old-000000");

        // without a status, and the done ones: from the earliest due time, by the due-hour index
        for (var status : new String[] {null, "DONE"}) {
            store.reset();
            var listed = controller.list(west, null, status);
            assertThat(store.scans("followups")).as("scans, status " + status).isZero();
            assertThat(store.examined("followups")).isLessThanOrEqualTo(HourIndex.MAX_LOADS_PER_PAGE);
            assertThat(listed).hasSize(200).allSatisfy(v -> {
                assertThat(v.site()).isEqualTo("cd-counter-1");
                assertThat(status == null || status.equals(v.status())).isTrue();
            });
            assertThat(listed).extracting(FollowUpController.View::dueAt).isSorted();
            assertThat(new HashSet<>(listed.stream().map(v -> v.followUpId()).toList()))
                    .hasSize(200);
        }
        assertThat(controller.list(west, null, null).getFirst().followUpId()).isEqualTo("old-000000");

        // an outcome takes the follow-up off the open list
        var first = planned.getFirst();
        var roles = new HashSet<>(first.roles);
        roles.add("cs-specialist");
        var visitor = staff(Set.of(), roles);
        service.record(visitor, first.id, new FollowUpService.OutcomeRequest(5, true, null, null, null));
        store.reset();
        assertThat(controller.list(west, null, "PLANNED"))
                .extracting(FollowUpController.View::followUpId)
                .doesNotContain(first.id)
                .hasSize(planned.size() - 1);
        assertThat(store.examined("followups")).isLessThanOrEqualTo(planned.size() - 1);

        store.reset();
        gauges.refresh();
        assertThat(store.scans("followups")).as("scans for the gauges").isZero();
        assertThat(store.examined("followups"))
                .as("the open ones only, a few of another tenant included (a scan would be %d)", HISTORY)
                .isLessThanOrEqualTo(planned.size() - 1 + HISTORY / 10 + 10);
        assertThat(registry.get("complaints.followup.due")
                        .tag("tenant", TENANT)
                        .gauge()
                        .value())
                .isEqualTo(planned.size() - 1);
        assertThat(registry.get("complaints.followup.overdue")
                        .tag("tenant", TENANT)
                        .gauge()
                        .value())
                .isEqualTo(HISTORY / 10);
    }

    @Test
    @Order(3)
    @DisplayName(
            "ADR 0602: follow-ups completed before the completion index existed are filed once at start, each handed to the month's report once")
    void earlierCompletionsAreFiledOnce() {
        var completed = Instant.parse("2025-11-10T08:00:00Z");
        mongo.insert(
                new Document("_id", "legacy-done")
                        .append("version", 2L)
                        .append("tenant", "demo-retail")
                        .append("caseId", "k-legacy-done")
                        .append("region", "east")
                        .append("site", "sh-xujiahui")
                        .append("dueAt", Date.from(completed.minus(Duration.ofDays(400))))
                        .append("status", "DONE")
                        .append("completedAt", Date.from(completed)),
                "followups");
        var november = org.complaints.support.web.Months.parse("2025-11");
        assertThat(completedIn(november)).as("not found before the filing").isEmpty();

        for (var run = 0; run < 2; run++) {
            mongo.remove(
                    new Query(Criteria.where("_id").is(FollowUpCompletions.INDEXED)), FollowUpCompletions.COLLECTION);
            completions.indexHistory();
        }

        assertThat(completedIn(november)).containsExactly("legacy-done");
    }

    private List<String> completedIn(org.complaints.support.web.Months month) {
        var ids = new ArrayList<String>();
        months.completed("demo-retail", month, null, null, f -> ids.add(f.getString("_id")));
        return ids;
    }

    /** 100,000 follow-ups of demo-generic, every tenth overdue, with the due-hour and open-set documents. */
    void seedHistory() {
        var hours = new TreeMap<Long, List<Document>>();
        var overdue = new ArrayList<String>();
        var bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, "followups");
        for (var i = 0; i < HISTORY; i++) {
            var west = i % 2 == 0;
            var due = Date.from(FIRST.plus(Duration.ofSeconds(36L * i)));
            var id = "old-%06d".formatted(i);
            var status = i % 10 == 0 ? "OVERDUE" : "DONE";
            bulk.insert(new Document("_id", id)
                    .append("version", 2L)
                    .append("tenant", TENANT)
                    .append("caseId", "k-" + id)
                    .append("round", 1)
                    .append("type", "CALLBACK")
                    .append("region", west ? "west" : "europe")
                    .append("site", west ? "cd-counter-1" : "ber-counter-1")
                    .append("dueAt", due)
                    .append("status", status));
            if (i % 20_000 == 19_999) {
                bulk.execute();
                bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, "followups");
            }
            hours.computeIfAbsent(HourIndex.hourOf(due.toInstant()), h -> new ArrayList<>())
                    .add(new Document("id", id)
                            .append("at", due)
                            .append("region", west ? "west" : "europe")
                            .append("site", west ? "cd-counter-1" : "ber-counter-1"));
            if (status.equals("OVERDUE")) {
                overdue.add(ShardedIds.timed(due.toInstant(), id));
            }
        }
        var lookups = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, FollowUpLists.LOOKUPS);
        hours.forEach((hour, entries) ->
                lookups.insert(new Document("_id", HourIndex.hourKey(TENANT, hour)).append("entries", entries)));
        lookups.upsert(
                new Query(Criteria.where("_id").is(HourIndex.spanKey(TENANT))),
                new org.springframework.data.mongodb.core.query.Update()
                        .min("first", hours.firstKey())
                        .max("last", hours.lastKey()));
        lookups.execute();
        new ShardedIds(mongo, FollowUpLists.LOOKUPS).addAll(FollowUpLists.openKey(TENANT, "OVERDUE"), overdue);
    }

    private static CallerIdentity staff(Set<String> regions, Set<String> roles) {
        return new CallerIdentity(
                "agent-1", CallerIdentity.Kind.STAFF, TENANT, regions, Set.of(), roles, Set.of(), "agent-1");
    }
}
