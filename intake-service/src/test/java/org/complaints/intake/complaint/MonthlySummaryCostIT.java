package org.complaints.intake.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.Document;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.identity.IdentityTokens;
import org.complaints.support.lookup.HourIndex;
import org.complaints.support.store.CountingMongoBackend;
import org.complaints.support.web.Months;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 14 / LC-11 (ADR 0602): the month's complaint summary costs what the month holds, not what
 * history holds. 100,000 complaints recorded over the two years before the month (every tenth with
 * a promise settled then) are written directly with their lookup entries; the month's complaints
 * and promises go through filing, fulfilment and the sweep. The store counts the documents it
 * examines: the aggregations this replaces read every complaint twice.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "complaints.services.routing.url=http://127.0.0.1:1")
@ActiveProfiles("test")
class MonthlySummaryCostIT {

    static final int HISTORY = 100_000;
    static final String TENANT = "demo-retail";
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** Mid-March 2026 in the tenant's zone: the month of the filings. */
    static final AtomicReference<Instant> NOW = new AtomicReference<>(Instant.parse("2026-03-10T04:00:00Z"));

    static final Months MONTH = Months.parse("2026-03", SHANGHAI);
    static final CountingMongoBackend store = new CountingMongoBackend();
    static final MongoServer server = new MongoServer(store);
    static final JsonMapper JSON = JsonMapper.builder().build();
    static boolean seeded;

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

    @LocalServerPort
    int port;

    @Autowired
    IdentityTokens tokens;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    PromiseSweep sweep;

    @Autowired
    PromiseSettlements settlements;

    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void seedOnce() {
        if (!seeded) {
            seedHistory();
            seeded = true;
        }
    }

    @Test
    @DisplayName(
            "issue 14 / LC-11: with 100,000 complaints of earlier months stored, the month's summary equals the figures of"
                    + " the month's complaints and settled promises, reads no collection whole and examines a bounded number of documents")
    void monthlySummaryReadsTheMonthByKey() throws Exception {
        var east = file("sh-xujiahui", "COMPANY_HOTLINE");
        var eastToo = file("sh-xujiahui", "WALK_IN");
        file("gz-tianhe", "COMPANY_HOTLINE");
        var kept = promise(east, "ann", "PT1H");
        assertThat(fulfil(east, kept).statusCode()).isEqualTo(200);
        promise(eastToo, "bob", "PT1M");
        // a complaint of two years ago whose promise is kept this month: counted in this month
        var old = "old-0";
        mongo.updateFirst(
                new Query(Criteria.where("_id").is(old)),
                new Update()
                        .push(
                                "promises",
                                new Document("promiseId", "p-old")
                                        .append("text", "Call back")
                                        .append("dueAt", Date.from(NOW.get().plus(Duration.ofDays(1))))
                                        .append("owner", "ann")
                                        .append("status", "OPEN")
                                        .append("recordedBy", "ann")
                                        .append("recordedAt", Date.from(NOW.get()))),
                "complaints");
        assertThat(fulfil(old, "p-old").statusCode()).isEqualTo(200);
        NOW.set(NOW.get().plus(Duration.ofMinutes(2)));
        assertThat(sweep.sweep()).as("bob's promise broken by the sweep").isEqualTo(1);
        // an entry listed twice, and one whose complaint settled nothing this month: each counted as it is
        settlements.record(mongo.findById(east, Complaint.class), NOW.get());
        settlements.record(mongo.findById("old-10", Complaint.class), NOW.get());

        store.reset();
        var all = summary(Set.of());
        assertThat(store.scans("complaints"))
                .as("reads of the whole collection")
                .isZero();
        assertThat(store.examined("complaints"))
                .as("complaints examined: the month's 3 and the 2 with settlement entries, a scan would be %d", HISTORY)
                .isLessThanOrEqualTo(10);
        assertThat(store.examined(ComplaintLookups.COLLECTION) + store.examined(PromiseSettlements.COLLECTION))
                .as("lookup documents examined: the month's hours that hold entries")
                .isLessThan(40);

        assertThat(all.get("total").asLong()).isEqualTo(3);
        assertThat(figures(all)).isEqualTo(expected(Set.of()));
        assertThat(all.get("promises").get("byOwner").get("ann").get("kept").asLong())
                .as("kept on a complaint filed this month and on one of two years ago, each once")
                .isEqualTo(2);
        assertThat(all.get("promises").get("byOwner").get("bob").get("broken").asLong())
                .isEqualTo(1);

        var eastOnly = summary(Set.of("east"));
        assertThat(eastOnly.get("total").asLong()).isEqualTo(2);
        assertThat(figures(eastOnly)).isEqualTo(expected(Set.of("east")));
    }

    @Test
    @DisplayName(
            "ADR 0602: promises settled before the settlement index existed are filed once at start, each counted once")
    void settledPromisesStoredBeforeAreFiledOnce() throws Exception {
        var id = "legacy-" + UUID.randomUUID();
        mongo.insert(
                new Document("_id", id)
                        .append("version", 0L)
                        .append("tenant", TENANT)
                        .append("region", "east")
                        .append("site", "sh-xujiahui")
                        .append("channel", "COMPANY_HOTLINE")
                        .append("idempotencyKey", id)
                        .append("createdAt", Date.from(Instant.parse("2025-06-01T00:00:00Z")))
                        .append(
                                "promises",
                                List.of(new Document("promiseId", "p-1")
                                        .append("owner", "legacy-owner")
                                        .append("status", "KEPT")
                                        .append(
                                                "fulfilledAt",
                                                Date.from(MONTH.start().plusSeconds(60))))),
                "complaints");
        assertThat(summary(Set.of()).get("promises").get("byOwner").has("legacy-owner"))
                .as("not counted before it is filed")
                .isFalse();

        mongo.remove(new Query(Criteria.where("_id").is(PromiseSettlements.INDEXED)), PromiseSettlements.COLLECTION);
        settlements.indexHistory();
        settlements.indexHistory();

        var byOwner = summary(Set.of()).get("promises").get("byOwner");
        assertThat(byOwner.get("legacy-owner").get("kept").asLong()).isEqualTo(1);
    }

    // --- the month's figures as the whole collection holds them (the oracle)

    /** Every figure but the promises, and the promises per owner, from one read of every complaint. */
    private Map<String, Object> expected(Set<String> regions) {
        var total = 0L;
        var byChannel = new TreeMap<String, Long>();
        var byLevel = new TreeMap<String, Long>();
        var byCategory = new TreeMap<String, Long>();
        var repeats = 0L;
        var invalid = 0L;
        var promises = new TreeMap<String, String>();
        var kept = new TreeMap<String, Long>();
        var broken = new TreeMap<String, Long>();
        for (var c : mongo.findAll(Document.class, "complaints")) {
            if (!TENANT.equals(c.getString("tenant"))
                    || !(regions.isEmpty() || regions.contains(c.getString("region")))) {
                continue;
            }
            if (ComplaintMonths.within(c.getDate("createdAt"), MONTH)) {
                total++;
                byChannel.merge(key(c.get("channel")), 1L, Long::sum);
                byLevel.merge(key(c.get("level")), 1L, Long::sum);
                byCategory.merge(
                        key(c.get("category") instanceof Document d ? d.get("subjectType") : null), 1L, Long::sum);
                repeats += Boolean.TRUE.equals(c.get("repeat")) ? 1 : 0;
                invalid += "NOT_ESTABLISHED".equals(c.get("status")) ? 1 : 0;
            }
            for (var p : c.getList("promises", Document.class, List.of())) {
                if (ComplaintSummary.settled(p.getString("status"))
                        && ComplaintMonths.within(p.getDate("fulfilledAt"), MONTH)) {
                    (p.getString("status").equals("KEPT") ? kept : broken).merge(key(p.get("owner")), 1L, Long::sum);
                }
            }
        }
        kept.forEach((owner, n) -> promises.put(owner, n + "/" + broken.getOrDefault(owner, 0L)));
        broken.forEach((owner, n) -> promises.putIfAbsent(owner, "0/" + n));
        return Map.of(
                "total", total,
                "byChannel", byChannel,
                "byLevel", byLevel,
                "byCategory", byCategory,
                "repeats", repeats,
                "invalid", invalid,
                "promises", promises);
    }

    private static String key(Object value) {
        return value == null ? "UNSPECIFIED" : value.toString();
    }

    private static Map<String, Object> figures(JsonNode summary) {
        var promises = new TreeMap<String, String>();
        summary.get("promises")
                .get("byOwner")
                .properties()
                .forEach(e -> promises.put(
                        e.getKey(),
                        e.getValue().get("kept").asLong() + "/"
                                + e.getValue().get("broken").asLong()));
        return Map.of(
                "total", summary.get("total").asLong(),
                "byChannel", counts(summary.get("byChannel")),
                "byLevel", counts(summary.get("byLevel")),
                "byCategory", counts(summary.get("byCategory")),
                "repeats", summary.get("repeats").asLong(),
                "invalid", summary.get("invalid").asLong(),
                "promises", promises);
    }

    private static TreeMap<String, Long> counts(JsonNode node) {
        var counts = new TreeMap<String, Long>();
        node.properties().forEach(e -> counts.put(e.getKey(), e.getValue().asLong()));
        return counts;
    }

    // --- data

    /**
     * 100,000 complaints over the two years before the month, east and (every 50th) south, each in
     * its recording hour; every tenth with a promise kept the day after, in its settlement hour.
     */
    private void seedHistory() {
        var first = MONTH.start().minus(Duration.ofDays(730));
        var step =
                Duration.between(first, MONTH.start().minus(Duration.ofDays(2))).toSeconds() / HISTORY;
        var bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, "complaints");
        var recorded = new TreeMap<Long, List<Document>>();
        var settled = new TreeMap<Long, List<Document>>();
        for (var i = 0; i < HISTORY; i++) {
            var south = i % 50 == 49;
            var id = "old-" + i;
            var region = south ? "south" : "east";
            var site = south ? "gz-tianhe" : "sh-xujiahui";
            var created = first.plusSeconds(step * i);
            var doc = new Document("_id", id)
                    .append("version", 0L)
                    .append("tenant", TENANT)
                    .append("region", region)
                    .append("site", site)
                    .append("channel", "COMPANY_HOTLINE")
                    .append("level", "GENERAL")
                    .append("status", "CLOSED")
                    .append("idempotencyKey", id)
                    .append("requestHash", "x")
                    .append("routing", new Document("status", "ROUTED"))
                    .append("receivedAt", Date.from(created))
                    .append("createdAt", Date.from(created));
            var entry = new Document("id", id).append("region", region).append("site", site);
            recorded.computeIfAbsent(HourIndex.hourOf(created), h -> new ArrayList<>())
                    .add(new Document(entry).append("at", Date.from(created)));
            if (i % 10 == 0) {
                var settledAt = created.plus(Duration.ofDays(1));
                doc.append(
                        "promises",
                        List.of(new Document("promiseId", "p-" + i)
                                .append("text", "Call back")
                                .append("owner", "ann")
                                .append("status", "KEPT")
                                .append("fulfilledAt", Date.from(settledAt))));
                settled.computeIfAbsent(HourIndex.hourOf(settledAt), h -> new ArrayList<>())
                        .add(new Document(entry).append("at", Date.from(settledAt)));
            }
            bulk.insert(doc);
            if (i % 10_000 == 9_999) {
                bulk.execute();
                bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, "complaints");
            }
        }
        hours(ComplaintLookups.COLLECTION, recorded);
        hours(PromiseSettlements.COLLECTION, settled);
    }

    /** The hour documents as {@link HourIndex} keeps them, and the tenant's span widened to cover them. */
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

    // --- requests

    private String file(String site, String channel) throws Exception {
        var body = IntakeRulesIT.retailBody(channel);
        body.put("site", site);
        var answer = send(partner(Set.of()), "POST", "/complaints", body, "k-" + UUID.randomUUID());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return json(answer).get("id").asText();
    }

    private String promise(String id, String owner, String dueIn) throws Exception {
        var answer = send(
                desk(owner),
                "POST",
                "/complaints/" + id + "/promises",
                Map.of("text", "Call back", "dueIn", dueIn),
                null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return json(answer).get("promiseId").asText();
    }

    private HttpResponse<String> fulfil(String id, String promiseId) throws Exception {
        return send(
                desk("ann"),
                "POST",
                "/complaints/" + id + "/promises/" + promiseId + "/fulfilment",
                Map.of("kept", true),
                null);
    }

    private JsonNode summary(Set<String> regions) throws Exception {
        var answer = send(partner(regions), "GET", "/complaints/summary?month=2026-03", null, null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json(answer);
    }

    private HttpResponse<String> send(String identity, String method, String path, Object body, String key)
            throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header(IdentityTokens.HEADER, identity)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String partner(Set<String> regions) {
        return tokens.sign(new CallerIdentity(
                "key:month",
                CallerIdentity.Kind.PARTNER,
                TENANT,
                regions,
                Set.of(),
                Set.of("partner"),
                Set.of("complaints:write", "complaints:read"),
                "partner"));
    }

    private String desk(String subject) {
        return tokens.sign(new CallerIdentity(
                subject,
                CallerIdentity.Kind.STAFF,
                TENANT,
                Set.of("east"),
                Set.of(),
                Set.of("service-desk"),
                Set.of(),
                "Staff"));
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
