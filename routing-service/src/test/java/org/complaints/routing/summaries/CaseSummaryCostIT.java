package org.complaints.routing.summaries;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoServer;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.bson.Document;
import org.complaints.routing.cases.CaseReceipts;
import org.complaints.routing.cases.CaseService;
import org.complaints.routing.cases.OpenCaseRequest;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.lookup.HourIndex;
import org.complaints.support.scope.CallerScope;
import org.complaints.support.store.CountingMongoBackend;
import org.complaints.support.tenant.TenantDirectory;
import org.complaints.support.web.Months;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 14 / LC-11 (ADR 0602): the month's case summary costs what the month holds. 100,000 cases
 * received over the two years before the month before are written directly with their receipt
 * entries; this month's cases are opened through the service, one of them received last month. The
 * store counts the documents it examines: the query this replaces read every case.
 */
@SpringBootTest(properties = {"complaints.services.followup.url=http://127.0.0.1:1", "complaints.store.embedded=true"})
@ActiveProfiles("test")
class CaseSummaryCostIT {

    static final int HISTORY = 100_000;
    static final String TENANT = "demo-dealer";

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
    CaseSummary summaries;

    @Autowired
    TenantDirectory tenants;

    @Test
    @DisplayName(
            "issue 14 / LC-11: with 100,000 cases of earlier months stored, the month's case summary equals the figures of"
                    + " the cases received in the month, reads no collection whole and examines a bounded number of cases")
    void monthlySummaryReadsTheMonthByKey() {
        var zone = tenants.monthZone(TENANT);
        var received = Instant.now().minusSeconds(120);
        var month = Months.of(YearMonth.from(received.atZone(zone)), zone);
        var previous = month.previous(zone);
        seedHistory(previous.start().minus(Duration.ofDays(1)));

        open("sh-minhang", "GENERAL", received);
        open("sh-minhang", "MAJOR", received.plusSeconds(30));
        open("bj-chaoyang", "GENERAL", received.plusSeconds(60));
        // received last month, opened now: last month's case, whatever the case list's opening order says
        open("sh-minhang", "GENERAL", month.start().minus(Duration.ofHours(1)));
        // an entry whose case was received two years ago: loaded, checked and dropped
        new HourIndex(mongo, CaseReceipts.COLLECTION).record(TENANT, "old-7", received, "east", "sh-minhang");

        var all = director(Set.of());
        store.reset();
        var summary = summaries.summary(all, month.month().toString(), null, null, null);
        assertThat(store.scans("cases")).as("reads of the whole collection").isZero();
        assertThat(store.examined("cases"))
                .as("cases examined: the month's 3 and one stale entry, a scan would be %d", HISTORY)
                .isLessThanOrEqualTo(6);
        assertThat(store.examined(CaseReceipts.COLLECTION))
                .as("receipt documents examined: the month's hours that hold entries")
                .isLessThan(30);

        assertThat(summary.total()).isEqualTo(3);
        assertThat(summary).isEqualTo(expected(all, month, null, null));
        var east = summaries.summary(director(Set.of("east")), month.month().toString(), "east", null, null);
        assertThat(east.total()).isEqualTo(2);
        assertThat(east).isEqualTo(expected(director(Set.of("east")), month, "east", null));
        var lastMonth = summaries.summary(all, previous.month().toString(), null, null, null);
        assertThat(lastMonth.total()).isEqualTo(1);
        assertThat(lastMonth).isEqualTo(expected(all, previous, null, null));
    }

    /** The month's figures from the query the summary made before (every case read), added up the same way. */
    private CaseSummary.Summary expected(CallerIdentity caller, Months month, String region, String site) {
        var query = new Query(CallerScope.of(caller)
                .within(region, site)
                .criteria()
                .and("receivedAt")
                .gte(month.start())
                .lt(month.end()));
        var figures = new CaseSummary.Month();
        mongo.find(query, Document.class, "cases").forEach(figures::add);
        return figures.summary(month.month().toString());
    }

    private void open(String site, String level, Instant receivedAt) {
        service.open(
                CallerIdentity.system("intake-service", TENANT),
                new OpenCaseRequest(
                        UUID.randomUUID().toString(),
                        null,
                        null,
                        site,
                        "SERVICE_ADVISOR_RECEPTION",
                        level,
                        null,
                        null,
                        "TECHNICAL",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        receivedAt,
                        null,
                        null));
    }

    /** 100,000 closed cases received over the two years up to {@code last}, in their receipt hours. */
    private void seedHistory(Instant last) {
        var first = last.minus(Duration.ofDays(730));
        var step = Duration.between(first, last).toSeconds() / HISTORY;
        var hours = new TreeMap<Long, List<Document>>();
        var bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, "cases");
        for (var i = 0; i < HISTORY; i++) {
            var east = i % 2 == 0;
            var received = Date.from(first.plusSeconds(step * i));
            var id = "old-" + i;
            bulk.insert(new Document("_id", id)
                    .append("version", 3L)
                    .append("tenant", TENANT)
                    .append("complaintId", "c-" + id)
                    .append("region", east ? "east" : "north")
                    .append("site", east ? "sh-minhang" : "bj-chaoyang")
                    .append("level", "GENERAL")
                    .append("owner", "role:service-director")
                    .append("receivedAt", received)
                    .append("openedAt", received)
                    .append("state", "CLOSED"));
            if (i % 20_000 == 19_999) {
                bulk.execute();
                bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, "cases");
            }
            hours.computeIfAbsent(HourIndex.hourOf(received.toInstant()), h -> new ArrayList<>())
                    .add(new Document("id", id)
                            .append("at", received)
                            .append("region", east ? "east" : "north")
                            .append("site", east ? "sh-minhang" : "bj-chaoyang"));
        }
        var lookups = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, CaseReceipts.COLLECTION);
        hours.forEach((hour, entries) ->
                lookups.insert(new Document("_id", HourIndex.hourKey(TENANT, hour)).append("entries", entries)));
        lookups.execute();
        mongo.upsert(
                new Query(Criteria.where("_id").is(HourIndex.spanKey(TENANT))),
                new Update().min("first", hours.firstKey()).max("last", hours.lastKey()),
                CaseReceipts.COLLECTION);
    }

    private static CallerIdentity director(Set<String> regions) {
        return new CallerIdentity(
                "dealer.director",
                CallerIdentity.Kind.STAFF,
                TENANT,
                regions,
                Set.of(),
                Set.of("service-director"),
                Set.of(),
                "Director");
    }
}
