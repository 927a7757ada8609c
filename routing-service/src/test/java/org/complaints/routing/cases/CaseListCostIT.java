package org.complaints.routing.cases;

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
import org.complaints.routing.tasks.Task;
import org.complaints.routing.tasks.WorkList;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.lookup.HourIndex;
import org.complaints.support.store.CountingMongoBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
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
 * Issue 14 (ADR 0025): the staff case list costs the same with 100,000 cases stored. A page walks
 * the tenant's hour documents and loads its cases by {@code _id}; the embedded server counts the
 * documents it examines, and a scan would count the whole collection. Cases stored before the
 * hour index existed are put into it once at start.
 */
@SpringBootTest(properties = {"complaints.services.followup.url=http://127.0.0.1:1", "complaints.store.embedded=true"})
@ActiveProfiles("test")
class CaseListCostIT {

    static final int HISTORY = 100_000;
    /** The history runs up to an hour ago, 36 s apart, so the new case's page continues into it. */
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
    CaseService service;

    @Autowired
    MongoCaseRepository repository;

    @Autowired
    WorkList workList;

    static boolean seeded;

    @BeforeAll
    static void resetFlag() {
        seeded = false;
    }

    /** 100,000 closed cases of demo-dealer, 100 an hour, half east and half north, and their hour documents. */
    void seedHistory() {
        if (seeded) {
            return;
        }
        seeded = true;
        var hours = new TreeMap<Long, List<Document>>();
        var bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, "cases");
        for (var i = 0; i < HISTORY; i++) {
            var east = i % 2 == 0;
            var opened = Date.from(FIRST.plus(Duration.ofSeconds(36L * i)));
            var id = "old-%06d".formatted(i);
            bulk.insert(new Document("_id", id)
                    .append("version", 3L)
                    .append("tenant", "demo-dealer")
                    .append("complaintId", "c-" + id)
                    .append("region", east ? "east" : "north")
                    .append("site", east ? "sh-minhang" : "bj-chaoyang")
                    .append("level", "GENERAL")
                    .append("receivedAt", opened)
                    .append("openedAt", opened)
                    .append("state", i % 10 == 0 ? "INVESTIGATING" : "CLOSED"));
            if (i % 20_000 == 19_999) {
                bulk.execute();
                bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, "cases");
            }
            hours.computeIfAbsent(HourIndex.hourOf(opened.toInstant()), h -> new ArrayList<>())
                    .add(new Document("id", id)
                            .append("at", opened)
                            .append("region", east ? "east" : "north")
                            .append("site", east ? "sh-minhang" : "bj-chaoyang"));
        }
        var lookups = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, MongoCaseRepository.LOOKUPS);
        hours.forEach((hour, entries) ->
                lookups.insert(new Document("_id", HourIndex.hourKey("demo-dealer", hour)).append("entries", entries)));
        lookups.insert(new Document("_id", HourIndex.spanKey("demo-dealer"))
                .append("first", hours.firstKey())
                .append("last", hours.lastKey()));
        lookups.execute();
    }

    @Test
    @DisplayName(
            "issue 14: with 100,000 cases stored a page of the case list examines at most a bounded number of cases and scans none;"
                    + " pages are newest first, scoped to the caller's region, and a cursor walks on without repeats")
    void caseListReachesItsCasesByKey() {
        seedHistory();
        var opened = openDealerCase("TECHNICAL", "SKU-new");
        var east = staff(Set.of("east"));

        store.reset();
        var first = service.page(east, null, null, null, null, 50);
        assertThat(store.scans("cases")).as("scans of cases for one page").isZero();
        assertThat(store.examined("cases"))
                .as("cases examined for a page of 50 (a scan would be %d)", HISTORY)
                .isLessThanOrEqualTo(HourIndex.MAX_LOADS_PER_PAGE);
        assertThat(first.items()).hasSize(50);
        assertThat(first.items().getFirst().id()).as("the newest case first").isEqualTo(opened.id());
        assertThat(first.items()).allSatisfy(c -> assertThat(c.region).isEqualTo("east"));

        var seen = new HashSet<String>();
        first.items().forEach(c -> seen.add(c.id()));
        var previous = first.items().getLast();
        var page = first;
        for (var n = 0; n < 3; n++) {
            store.reset();
            page = service.page(east, null, null, null, page.nextCursor(), 50);
            assertThat(store.scans("cases")).isZero();
            for (var c : page.items()) {
                assertThat(seen.add(c.id())).as("no case twice: " + c.id()).isTrue();
                assertThat(MongoCaseRepository.listedAt(c)).isBeforeOrEqualTo(MongoCaseRepository.listedAt(previous));
                previous = c;
            }
        }

        store.reset();
        var working = service.page(east, "INVESTIGATING", null, null, null, 20);
        assertThat(store.scans("cases")).isZero();
        assertThat(working.items())
                .hasSize(20)
                .allSatisfy(c -> assertThat(c.state.name()).isEqualTo("INVESTIGATING"));
    }

    @Test
    @DisplayName(
            "issue 14: cases stored before the hour index existed are indexed once at start, each listed once however often that runs")
    void historyIsIndexedOnce() {
        seedHistory();
        var before = Date.from(FIRST.minus(Duration.ofDays(30)));
        for (var i = 0; i < 3; i++) {
            mongo.insert(
                    new Document("_id", "legacy-" + i)
                            .append("version", 1L)
                            .append("tenant", "demo-retail")
                            .append("complaintId", "c-legacy-" + i)
                            .append("region", "east")
                            .append("site", "sh-xujiahui")
                            .append("level", "GENERAL")
                            .append("receivedAt", before)
                            .append("state", "CLOSED"),
                    "cases");
        }
        assertThat(service.page(staff("demo-retail"), null, null, null, null, 50)
                        .items())
                .as("not listed before they are indexed")
                .isEmpty();

        mongo.remove(
                new Query(Criteria.where("_id").is(MongoCaseRepository.HISTORY_INDEXED)), MongoCaseRepository.LOOKUPS);
        repository.indexHistory();
        repository.indexHistory();

        assertThat(service.page(staff("demo-retail"), null, null, null, null, 50)
                        .items())
                .extracting(Case::id)
                .containsExactly("legacy-2", "legacy-1", "legacy-0");
    }

    @Test
    @DisplayName(
            "issue 14: with 100,000 cases stored the work list reads only the cases holding its owners' open tasks, scans none,"
                    + " and a case leaves its owner's list when its task is done")
    void workListReachesItsCasesByKey() {
        seedHistory();
        var kase = openDealerCase("TECHNICAL", "SKU-task");
        var stored = repository.findById(kase.id()).orElseThrow();
        var owner = "role:service-director";
        stored.tasks.add(
                Task.open("CHECK", "TEST", owner, Instant.now(), Instant.now().plusSeconds(3_600)));
        stored = repository.save(stored);

        var director = staff(Set.of("east"));
        store.reset();
        var mine = workList.mine(director, "me", null, null, null, 50);
        assertThat(store.scans("cases")).as("scans of cases for the work list").isZero();
        assertThat(store.examined("cases"))
                .as("cases examined (a scan would be %d)", HISTORY)
                .isLessThan(20);
        assertThat(mine.items())
                .extracting(i -> i.parentId() + "/" + i.task().task())
                .contains(kase.id() + "/CHECK");

        var done = stored.tasks.stream()
                .map(t -> t.task().equals("CHECK")
                        ? new Task(
                                t.taskId(),
                                t.task(),
                                t.rule(),
                                t.assignee(),
                                t.dueAt(),
                                Task.DONE,
                                t.createdAt(),
                                null,
                                "dealer.director",
                                Instant.now(),
                                "checked")
                        : t)
                .toList();
        stored.tasks.clear();
        stored.tasks.addAll(done);
        repository.save(stored);
        assertThat(workList.mine(director, "me", null, null, null, 50).items())
                .extracting(i -> i.parentId() + "/" + i.task().task())
                .doesNotContain(kase.id() + "/CHECK");
        assertThat(new OwnerLookups(mongo, MongoCaseRepository.LOOKUPS, "owner").casesOf("demo-dealer", List.of(owner)))
                .as("the done task's case is off its owner's lookup")
                .doesNotContain(kase.id());
    }

    @Test
    @DisplayName(
            "ADR 0601: with 100,000 cases stored (10,000 of them open) my open cases are read through their owners' lookups:"
                    + " no scan, only the owners' cases examined, and a case leaves the list when it is assigned away")
    void myCasesAreReachedByKey() {
        seedHistory();
        var kase = openDealerCase(null, "SKU-mine");
        var person = "owner-" + kase.id();
        var owner = new CallerIdentity(
                person,
                CallerIdentity.Kind.STAFF,
                "demo-dealer",
                Set.of(),
                Set.of(),
                Set.of("no-role"),
                Set.of(),
                "Owner");
        service.act(
                staff(Set.of()),
                kase.id(),
                Action.ASSIGN,
                new Step(null, null, null, null, null, person, null, null, null, null, null, null));

        store.reset();
        var mine = service.owned(owner, "me", null, null, null, null, 50);
        assertThat(store.scans("cases")).as("scans of cases for my cases").isZero();
        assertThat(store.examined("cases"))
                .as("cases examined: the owner's own, twice (its list fields, then the page)")
                .isLessThanOrEqualTo(2);
        assertThat(mine.items()).extracting(Case::id).containsExactly(kase.id());

        store.reset();
        var directors = service.owned(staff(Set.of("east")), "me", null, null, null, null, 50);
        assertThat(store.scans("cases")).isZero();
        assertThat(store.examined("cases"))
                .as("the director's role owns only the cases this class opened, not the seeded history")
                .isLessThan(40);
        assertThat(directors.items()).extracting(Case::id).doesNotContain(kase.id());
    }

    @Test
    @DisplayName(
            "ADR 0601: open cases stored before owners' case lists existed are filed once at start, closed ones not")
    void openCasesStoredBeforeAreFiledOnce() {
        var owner = "legacy-owner-" + System.nanoTime();
        for (var state : List.of("INVESTIGATING", "CLOSED")) {
            mongo.insert(
                    new Document("_id", owner + "-" + state)
                            .append("version", 2L)
                            .append("tenant", "demo-dealer")
                            .append("complaintId", "c-" + owner + "-" + state)
                            .append("region", "east")
                            .append("site", "sh-minhang")
                            .append("level", "GENERAL")
                            .append("owner", owner)
                            .append("receivedAt", Date.from(FIRST))
                            .append("state", state),
                    "cases");
        }
        var person = new CallerIdentity(
                owner, CallerIdentity.Kind.STAFF, "demo-dealer", Set.of(), Set.of(), Set.of(), Set.of(), "Legacy");
        assertThat(service.owned(person, "me", null, null, null, null, 50).items())
                .as("not listed before they are filed")
                .isEmpty();

        mongo.remove(
                new Query(Criteria.where("_id").is(MongoCaseRepository.OWNERS_INDEXED)), MongoCaseRepository.LOOKUPS);
        repository.indexOpenCaseOwners();
        repository.indexOpenCaseOwners();

        assertThat(service.owned(person, "me", null, null, null, null, 50).items())
                .extracting(Case::id)
                .containsExactly(owner + "-INVESTIGATING");
        assertThat(repository.findById(owner + "-INVESTIGATING").orElseThrow().listedOwner)
                .as("the case records the list it is on")
                .isEqualTo(owner);
    }

    @Test
    @DisplayName(
            "ADR 0607: with 100,000 cases stored the open-case count reads the tenant's open-case set by key and scans none;"
                    + " a closing save leaves it, a reopening joins again, stale entries are not counted, and open cases"
                    + " stored before the set are added once")
    void openCasesAreCountedByKey() {
        seedHistory();
        var opened = new ArrayList<String>();
        for (var i = 0; i < 3; i++) {
            opened.add(openDealerCase(null, "SKU-count-" + i).id());
        }
        var sets = new OpenCases(mongo, MongoCaseRepository.LOOKUPS);
        sets.addAll("demo-dealer", List.of("never-stored-" + System.nanoTime(), "old-000001"));

        store.reset();
        var before = openGeneral();
        assertThat(store.scans("cases")).as("scans of cases for the count").isZero();
        assertThat(store.examined("cases"))
                .as("cases examined: those this class opened and two stale entries (a scan would be %d)", HISTORY)
                .isLessThan(50);
        assertThat(before).as("the three just opened").isGreaterThanOrEqualTo(3);

        var closing = repository.findById(opened.getFirst()).orElseThrow();
        closing.state = State.CLOSED;
        var closed = repository.save(closing);
        assertThat(openGeneral()).as("closed").isEqualTo(before - 1);
        closed.state = State.INVESTIGATING;
        repository.save(closed);
        assertThat(openGeneral()).as("reopened").isEqualTo(before);

        var unlisted =
                mongo.count(new Query(openGeneralCases().and("listedOpen").ne(true)), "cases");
        assertThat(unlisted).as("the seeded history's open cases").isGreaterThanOrEqualTo(HISTORY / 10);
        mongo.remove(
                new Query(Criteria.where("_id").is(MongoCaseRepository.OPEN_INDEXED)), MongoCaseRepository.LOOKUPS);
        repository.indexOpenCases();
        repository.indexOpenCases();
        var allOpen = mongo.count(new Query(openGeneralCases()), "cases");
        assertThat(openGeneral())
                .as("every open case, each once")
                .isEqualTo(before + unlisted)
                .isEqualTo(allOpen);
    }

    /** A new general demo-dealer case at sh-minhang, opened through the service as intake opens it. */
    private Case openDealerCase(String domain, String productRef) {
        return service.open(
                        CallerIdentity.system("intake-service", "demo-dealer"),
                        InMemoryRouting.request(
                                "sh-minhang",
                                "SERVICE_ADVISOR_RECEPTION",
                                "GENERAL",
                                domain,
                                productRef,
                                Instant.now().minusSeconds(60)))
                .kase();
    }

    /** The dealer's open general cases, by a direct query (a scan): the count's oracle. */
    private static Criteria openGeneralCases() {
        return Criteria.where("tenant")
                .is("demo-dealer")
                .and("level")
                .is("GENERAL")
                .and("state")
                .nin("CLOSED", "CLOSED_NOT_ESTABLISHED");
    }

    private long openGeneral() {
        return repository
                .openByTenantAndLevel(List.of("demo-dealer"))
                .getOrDefault("demo-dealer", java.util.Map.of())
                .getOrDefault("GENERAL", 0L);
    }

    private static CallerIdentity staff(Set<String> regions) {
        return new CallerIdentity(
                "dealer.director",
                CallerIdentity.Kind.STAFF,
                "demo-dealer",
                regions,
                Set.of(),
                Set.of("service-director"),
                Set.of(),
                "Director");
    }

    private static CallerIdentity staff(String tenant) {
        return new CallerIdentity(
                "retail.supervisor",
                CallerIdentity.Kind.STAFF,
                tenant,
                Set.of("east"),
                Set.of(),
                Set.of("cs-supervisor"),
                Set.of(),
                "Supervisor");
    }
}
