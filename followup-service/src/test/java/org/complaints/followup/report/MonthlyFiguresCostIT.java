package org.complaints.followup.report;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.Document;
import org.complaints.followup.followup.FollowUpService;
import org.complaints.followup.followup.StoredFollowUps;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.lookup.HourIndex;
import org.complaints.support.store.CountingMongoBackend;
import org.complaints.support.tenant.TenantDirectory;
import org.complaints.support.web.Months;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 14 / LC-11 (ADR 0602): the report's own follow-up figures cost what the month holds. 100,000
 * follow-ups due and completed over the two years before the month are written directly with their
 * hour entries; the month's are planned and completed through the service, and a follow-up due two
 * years ago is completed this month (its feedback is this month's). The store counts the documents
 * it examines: the aggregations and queries this replaces read every follow-up five times.
 */
@SpringBootTest(
        properties = {
            "complaints.services.routing.url=http://127.0.0.1:1",
            "complaints.services.intake.url=http://127.0.0.1:1",
            "complaints.services.compensation.url=http://127.0.0.1:1",
            "complaints.store.embedded=true"
        })
@ActiveProfiles("test")
class MonthlyFiguresCostIT {

    static final int HISTORY = 100_000;
    static final String TENANT = "demo-generic";
    static final AtomicReference<Instant> NOW = new AtomicReference<>(Instant.parse("2026-03-20T04:00:00Z"));

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
        Clock steppingClock() {
            return new org.complaints.support.testing.SteppingClock(NOW::get);
        }
    }

    @Autowired
    MongoTemplate mongo;

    @Autowired
    FollowUpService service;

    @Autowired
    MonthlyFigures figures;

    @Autowired
    TenantDirectory tenants;

    @Test
    @DisplayName(
            "issue 14 / LC-11: with 100,000 follow-ups of earlier months stored, the month's satisfaction figures and valuable"
                    + " feedback are those of the month's follow-ups, read without a scan from a bounded number of documents")
    void monthlyFiguresReadTheMonthByKey() {
        var month = Months.parse("2026-03", tenants.monthZone(TENANT));
        seedHistory(month.start().minus(Duration.ofDays(2)));
        var resolved = Instant.parse("2026-03-05T02:00:00Z");
        plan("k-west", "cd-counter-1", null, "li", resolved);
        plan("k-europe", "ber-counter-1", "quality", "max", resolved);
        record(survey("k-west"), 5, true, "sturdier box");
        NOW.set(NOW.get().plusSeconds(60));
        record(survey("k-europe"), 2, false, null);
        NOW.set(NOW.get().plusSeconds(60));
        record("old-5", 4, true, "faster parts");
        // entries whose follow-ups were due or completed two years ago: loaded, checked and dropped
        new HourIndex(mongo, StoredFollowUps.BY_DUE).record(TENANT, "old-7", NOW.get(), "west", "cd-counter-1");
        new HourIndex(mongo, StoredFollowUps.BY_COMPLETION).record(TENANT, "old-9", NOW.get(), "west", "cd-counter-1");

        var all = new MonthlyReports.Scope(null, null, null);
        store.reset();
        var followUps = figures.followUps(TENANT, month, all);
        var feedback = figures.valuableFeedback(TENANT, month, all, List.of("R&D"));
        assertThat(store.scans("followups")).as("reads of the whole collection").isZero();
        assertThat(store.examined("followups"))
                .as(
                        "follow-ups examined: the month's 4 due, 3 completed and 2 stale entries, a scan would be %d",
                        HISTORY)
                .isLessThanOrEqualTo(12);
        assertThat(store.examined(StoredFollowUps.BY_DUE) + store.examined(StoredFollowUps.BY_COMPLETION))
                .as("lookup documents examined: the month's hours that hold entries")
                .isLessThan(60);

        assertThat(followUps.getLong("total")).isEqualTo(4);
        assertThat(followUps.get("byStatus", Document.class))
                .isEqualTo(new Document(Map.of("DONE", 2L, "PLANNED", 2L)));
        assertThat(followUps.getDouble("completionRate")).isEqualTo(0.5);
        assertThat(followUps.getLong("scored")).isEqualTo(2);
        assertThat(followUps.getDouble("averageSatisfaction")).isEqualTo(3.5);
        assertThat(followUps.getLong("satisfied")).isEqualTo(1);
        assertThat(followUps.getDouble("satisfactionRate")).isEqualTo(0.5);
        var staff = followUps.get("satisfactionByStaff", Document.class);
        assertThat(staff.keySet()).containsExactly("li", "max");
        assertThat(staff.get("li", Document.class)).isEqualTo(person(1, 1, 0, 5.0, 1.0));
        assertThat(staff.get("max", Document.class)).isEqualTo(person(1, 0, 1, 2.0, 0.0));

        assertThat(feedback.getLong("count"))
                .as("this month's outcomes with feedback, whenever due")
                .isEqualTo(2);
        assertThat(feedback.getList("items", Document.class))
                .extracting(d -> d.getString("text"))
                .containsExactly("sturdier box", "faster parts");

        var quality = new MonthlyReports.Scope(null, null, "quality");
        assertThat(figures.followUps(TENANT, month, quality).getLong("total")).isEqualTo(2);
        assertThat(figures.valuableFeedback(TENANT, month, quality, List.of()).getLong("count"))
                .isZero();
        var westOnly = figures.followUps(TENANT, month, new MonthlyReports.Scope("west", null, null));
        assertThat(westOnly.get("satisfactionByStaff", Document.class).keySet()).containsExactly("li");
    }

    private static Document person(long followUps, long satisfied, long unsatisfied, double average, double rate) {
        return new Document("followUps", followUps)
                .append("satisfied", satisfied)
                .append("unsatisfied", unsatisfied)
                .append("averageScore", average)
                .append("satisfactionRate", rate);
    }

    private void plan(String caseId, String site, String department, String responsible, Instant resolved) {
        var planned = service.plan(
                CallerIdentity.system("routing-service", TENANT),
                new FollowUpService.PlanRequest(
                        null,
                        caseId,
                        "c-" + caseId,
                        TENANT,
                        null,
                        site,
                        department,
                        "GENERAL",
                        null,
                        resolved,
                        false,
                        1,
                        responsible));
        assertThat(planned).as("a survey the same day and a call a week later").hasSize(2);
    }

    private String survey(String caseId) {
        return mongo.findOne(
                        new Query(
                                Criteria.where("caseId").is(caseId).and("type").is("SATISFACTION_SURVEY")),
                        Document.class,
                        "followups")
                .getString("_id");
    }

    private void record(String id, int satisfaction, boolean resolved, String feedback) {
        var visitor = new CallerIdentity(
                "agent-1",
                CallerIdentity.Kind.STAFF,
                TENANT,
                Set.of(),
                Set.of(),
                Set.of("cs-specialist"),
                Set.of(),
                "a");
        service.record(visitor, id, new FollowUpService.OutcomeRequest(satisfaction, resolved, null, null, feedback));
    }

    /**
     * 100,000 follow-ups due over the two years up to {@code last}, in their due hours; nine in ten
     * done an hour after, in their completion hours, every hundredth with feedback; the rest planned.
     */
    private void seedHistory(Instant last) {
        var first = last.minus(Duration.ofDays(730));
        var step = Duration.between(first, last).toSeconds() / HISTORY;
        var due = new TreeMap<Long, List<Document>>();
        var done = new TreeMap<Long, List<Document>>();
        var bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, "followups");
        for (var i = 0; i < HISTORY; i++) {
            var west = i % 2 == 0;
            var id = "old-" + i;
            var dueAt = first.plusSeconds(step * i);
            var region = west ? "west" : "europe";
            var site = west ? "cd-counter-1" : "ber-counter-1";
            var doc = new Document("_id", id)
                    .append("version", 1L)
                    .append("tenant", TENANT)
                    .append("caseId", "k-" + id)
                    .append("round", 1)
                    .append("type", "PHONE_CALL")
                    .append("roles", List.of("cs-specialist"))
                    .append("region", region)
                    .append("site", site)
                    .append("responsible", "li")
                    .append("dueAt", Date.from(dueAt))
                    .append("deliveries", List.of());
            var entry = new Document("id", id).append("region", region).append("site", site);
            due.computeIfAbsent(HourIndex.hourOf(dueAt), h -> new ArrayList<>())
                    .add(new Document(entry).append("at", Date.from(dueAt)));
            if (i % 10 == 5) {
                doc.append("status", "PLANNED");
            } else {
                var completed = dueAt.plus(Duration.ofHours(1));
                doc.append("status", "DONE")
                        .append("completedAt", Date.from(completed))
                        .append(
                                "outcome",
                                new Document("satisfaction", 4)
                                        .append("satisfied", true)
                                        .append("valuableFeedback", i % 100 == 0 ? "old feedback" : null));
                done.computeIfAbsent(HourIndex.hourOf(completed), h -> new ArrayList<>())
                        .add(new Document(entry).append("at", Date.from(completed)));
            }
            bulk.insert(doc);
            if (i % 20_000 == 19_999) {
                bulk.execute();
                bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, "followups");
            }
        }
        hours(StoredFollowUps.BY_DUE, due);
        hours(StoredFollowUps.BY_COMPLETION, done);
    }

    private void hours(String collection, TreeMap<Long, List<Document>> hours) {
        var lookups = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection);
        hours.forEach((hour, entries) ->
                lookups.insert(new Document("_id", HourIndex.hourKey(TENANT, hour)).append("entries", entries)));
        lookups.execute();
        mongo.upsert(
                new Query(Criteria.where("_id").is(HourIndex.spanKey(TENANT))),
                new Update().min("first", hours.firstKey()).max("last", hours.lastKey()),
                collection);
    }
}
