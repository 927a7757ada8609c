package org.complaints.compensation.remedy;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoServer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.bson.Document;
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
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.aggregation.Fields;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 14 / LC-11 (ADR 0602): the month's remedy summary costs what the month holds. 100,000
 * compensations of the two years before the month are written directly with their hour entries; the
 * month's go through the repository's insert, which files them. The store counts the documents it
 * examines: the aggregation this replaces read every compensation.
 */
@SpringBootTest(properties = {"complaints.services.routing.url=http://127.0.0.1:1", "complaints.store.embedded=true"})
@ActiveProfiles("test")
class CompensationSummaryCostIT {

    static final int HISTORY = 100_000;
    static final String TENANT = "demo-generic";

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

    @Autowired
    CompensationSummary summaries;

    @Autowired
    TenantDirectory tenants;

    @Autowired
    org.complaints.compensation.budget.Budgets budgets;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry registry;

    @Test
    @DisplayName(
            "issue 14 / LC-11: with 100,000 compensations of earlier months stored, the month's summary equals the"
                    + " aggregation's figures, reads no collection whole and examines a bounded number of compensations;"
                    + " the queue-age and budget gauges read the waiting compensations and this month's budgets by key (ADR 0607)")
    void monthlySummaryReadsTheMonthByKey() {
        var zone = tenants.monthZone(TENANT);
        var now = Instant.now().minusSeconds(60);
        var month = Months.of(YearMonth.from(now.atZone(zone)), zone);
        seedHistory(month.start().minus(Duration.ofDays(1)));

        insert("west-voucher", now, "west", option("VOUCHER", "5.00", "APPROVED"));
        insert(
                "west-money",
                now.plusSeconds(1),
                "west",
                option("MONETARY_COMPENSATION", "120.50", "APPROVED"),
                option("VOUCHER", "30.00", "REJECTED"));
        insert("europe-pending", now.plusSeconds(2), "europe", option("VOUCHER", "7.00", "PENDING_APPROVAL"));
        // an entry whose compensation was created two years ago: loaded, checked and dropped
        new HourIndex(mongo, CompensationLists.LOOKUPS).record(TENANT, "old-9", now, "west", "cd-counter-1");

        var manager = manager(Set.of());
        store.reset();
        var summary = summaries.summary(manager, month.month().toString(), null, null);
        assertThat(store.scans(CompensationRepository.COLLECTION))
                .as("reads of the whole collection")
                .isZero();
        assertThat(store.examined(CompensationRepository.COLLECTION))
                .as("compensations examined: the month's 3 and one stale entry, a scan would be %d", HISTORY)
                .isLessThanOrEqualTo(6);
        assertThat(store.examined(CompensationLists.LOOKUPS))
                .as("lookup documents examined: the month's hours that hold entries")
                .isLessThan(30);

        assertThat(summary.count()).isEqualTo(2);
        assertThat(summary).isEqualTo(aggregated(manager, month, null));
        assertThat(summary.amountByKind().get("MONETARY_COMPENSATION"))
                .isEqualTo(new CompensationSummary.Amount(new BigDecimal("120.50"), "CNY"));
        var west = summaries.summary(manager(Set.of("west")), month.month().toString(), "west", null);
        assertThat(west.byOutcome()).doesNotContainKey("PENDING_APPROVAL");
        assertThat(west).isEqualTo(aggregated(manager(Set.of("west")), month, "west"));

        var siteMonth = tenants.find(TENANT)
                .orElseThrow()
                .siteMonth("cd-counter-1", Instant.now())
                .toString();
        budgets.set(TENANT, "west", "cd-counter-1", siteMonth, 10_000);
        assertThat(budgets.debit(TENANT, "cd-counter-1", siteMonth, 2_500)).isTrue();
        for (var m = 0; m < 24; m++) { // two years of earlier budgets, never read by the gauge
            budgets.ensure(
                    TENANT,
                    "west",
                    "cd-counter-1",
                    YearMonth.of(2023, 1).plusMonths(m).toString(),
                    1);
        }
        var sites = tenants.all().stream().mapToInt(t -> t.sites().size()).sum();
        store.reset();
        summaries.refreshGauges();
        assertThat(store.scans(CompensationRepository.COLLECTION)).isZero();
        assertThat(store.scans(org.complaints.compensation.budget.Budgets.COLLECTION))
                .isZero();
        assertThat(store.examined(CompensationRepository.COLLECTION))
                .as("the one waiting compensation (a scan would be %d)", HISTORY)
                .isLessThanOrEqualTo(2);
        assertThat(store.examined(org.complaints.compensation.budget.Budgets.COLLECTION))
                .as("this month's budgets of the configured sites")
                .isLessThanOrEqualTo(2L * sites);
        assertThat(registry.get("complaints.compensation.approval.queue.age")
                        .tag("tenant", TENANT)
                        .gauge()
                        .value())
                .as("seconds since europe-pending was created")
                .isBetween(0.0, 600.0);
        assertThat(registry.get("complaints.compensation.budget.used.ratio")
                        .tags("tenant", TENANT, "region", "west")
                        .gauge()
                        .value())
                .isEqualTo(0.25);
    }

    /** The figures as the aggregation over every compensation computed them before (ADR 0602 keeps them). */
    private CompensationSummary.Summary aggregated(CallerIdentity caller, Months month, String region) {
        var match = CallerScope.of(caller)
                .within(region, null)
                .criteria()
                .and("createdAt")
                .gte(month.start())
                .lt(month.end());
        var byOutcome = new LinkedHashMap<String, Long>();
        var countByKind = new LinkedHashMap<String, Long>();
        var amountByKind = new LinkedHashMap<String, CompensationSummary.Amount>();
        for (var row : mongo.aggregate(
                Aggregation.newAggregation(
                        Aggregation.match(match),
                        Aggregation.unwind("options"),
                        // the group key as the summary meant it: Spring names a dotted field after its
                        // first dot, so the old summary read its currency as null
                        Aggregation.group(Fields.from(
                                        Fields.field("kind", "options.kind"),
                                        Fields.field("status", "options.status"),
                                        Fields.field("currency", "options.amount.currency")))
                                .count()
                                .as("n")
                                .sum("options.amountMinor")
                                .as("total")),
                Compensation.class,
                Document.class)) {
            var id = (Document) row.get("_id");
            var n = ((Number) row.get("n")).longValue();
            byOutcome.merge(id.getString("status"), n, Long::sum);
            if ("APPROVED".equals(id.getString("status"))) {
                countByKind.merge(id.getString("kind"), n, Long::sum);
                amountByKind.merge(
                        id.getString("kind"),
                        new CompensationSummary.Amount(
                                BigDecimal.valueOf(((Number) row.get("total")).longValue(), 2),
                                id.getString("currency")),
                        (a, b) -> new CompensationSummary.Amount(a.amount().add(b.amount()), a.currency()));
            }
        }
        return new CompensationSummary.Summary(
                month.month().toString(),
                countByKind.values().stream().mapToLong(Long::longValue).sum(),
                countByKind,
                amountByKind,
                byOutcome);
    }

    private void insert(String id, Instant created, String region, Compensation.Option... options) {
        var c = new Compensation();
        c.id = id;
        c.tenant = TENANT;
        c.caseId = "k-" + id;
        c.region = region;
        c.site = region.equals("west") ? "cd-counter-1" : "ber-counter-1";
        c.createdAt = created;
        c.options = List.of(options);
        compensations.insert(c);
    }

    private static Compensation.Option option(String kind, String amount, String status) {
        return new Compensation.Option(
                "o-" + kind + status,
                kind,
                new Money(new BigDecimal(amount), "CNY"),
                "goodwill",
                status,
                "cs-manager",
                null,
                List.of(),
                null);
    }

    /** 100,000 decided compensations over the two years up to {@code last}, in their creation hours. */
    private void seedHistory(Instant last) {
        var first = last.minus(Duration.ofDays(730));
        var step = Duration.between(first, last).toSeconds() / HISTORY;
        var hours = new TreeMap<Long, List<Document>>();
        var bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, CompensationRepository.COLLECTION);
        for (var i = 0; i < HISTORY; i++) {
            var west = i % 2 == 0;
            var created = Date.from(first.plusSeconds(step * i));
            var id = "old-" + i;
            bulk.insert(new Document("_id", id)
                    .append("version", 3L)
                    .append("tenant", TENANT)
                    .append("caseId", "k-" + id)
                    .append("region", west ? "west" : "europe")
                    .append("site", west ? "cd-counter-1" : "ber-counter-1")
                    .append("createdAt", created)
                    .append(
                            "options",
                            List.of(new Document("optionId", "o-1")
                                    .append("kind", "VOUCHER")
                                    .append("amount", new Document("amount", "10.00").append("currency", "CNY"))
                                    .append("amountMinor", 1_000L)
                                    .append("status", i % 3 == 0 ? "REJECTED" : "APPROVED"))));
            if (i % 20_000 == 19_999) {
                bulk.execute();
                bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, CompensationRepository.COLLECTION);
            }
            hours.computeIfAbsent(HourIndex.hourOf(created.toInstant()), h -> new ArrayList<>())
                    .add(new Document("id", id)
                            .append("at", created)
                            .append("region", west ? "west" : "europe")
                            .append("site", west ? "cd-counter-1" : "ber-counter-1"));
        }
        var lookups = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, CompensationLists.LOOKUPS);
        hours.forEach((hour, entries) ->
                lookups.insert(new Document("_id", HourIndex.hourKey(TENANT, hour)).append("entries", entries)));
        lookups.execute();
        mongo.upsert(
                new Query(Criteria.where("_id").is(HourIndex.spanKey(TENANT))),
                new Update().min("first", hours.firstKey()).max("last", hours.lastKey()),
                CompensationLists.LOOKUPS);
    }

    private static CallerIdentity manager(Set<String> regions) {
        return new CallerIdentity(
                "generic.manager",
                CallerIdentity.Kind.STAFF,
                TENANT,
                regions,
                Set.of(),
                Set.of("cs-manager"),
                Set.of(),
                "Manager");
    }
}
