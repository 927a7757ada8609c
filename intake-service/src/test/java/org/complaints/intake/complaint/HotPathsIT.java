package org.complaints.intake.complaint;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import de.bwaldvogel.mongo.MongoServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.bson.Document;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.identity.IdentityTokens;
import org.complaints.support.lookup.HourIndex;
import org.complaints.support.store.CountingMongoBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.MongoPersistentEntityIndexResolver;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 14: with 100,000 complaints stored, filing (idempotency, repeat and subject lookups), a
 * read by id, a replay, a scoped list page and a customer's history each make the embedded store
 * examine a bounded number of documents. The store itself counts (a scan counts the whole
 * collection), so a query that is not by key fails here however fast it runs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class HotPathsIT {

    static final int HISTORY = 100_000;
    static final CountingMongoBackend store = new CountingMongoBackend();
    static final MongoServer server = new MongoServer(store);
    static final WireMockServer routing = new WireMockServer(wireMockConfig().dynamicPort());
    static final JsonMapper JSON = JsonMapper.builder().build();
    static boolean seeded;

    static {
        server.bind("127.0.0.1", 0);
        routing.start();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri",
                () -> "mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        registry.add("complaints.services.routing.url", routing::baseUrl);
    }

    @AfterAll
    static void stop() {
        routing.stop();
        server.shutdown();
    }

    @LocalServerPort
    int port;

    @Autowired
    IdentityTokens tokens;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    MongoMappingContext mapping;

    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void seedOnce() {
        routing.resetAll();
        routing.stubFor(post("/internal/v1/cases")
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"caseId\":\"k-1\",\"state\":\"REGISTERED\",\"deadlines\":[]}")));
        if (seeded) {
            return;
        }
        seed();
        seeded = true;
    }

    @Test
    @DisplayName(
            "filing with 100,000 stored: idempotency, repeat (OT-03) and subject lookups examine a bounded number of documents")
    void filingReachesItsDocumentsByKey() throws Exception {
        var body = body("sh-xujiahui", "bulk-cust-7");
        store.reset();

        var answer = file(partner(Set.of()), body, "hot-" + UUID.randomUUID());

        assertThat(answer.statusCode()).isEqualTo(201);
        assertThat(json(answer).get("linkedComplaints").size())
                .as("the customer's five earlier complaints are linked")
                .isEqualTo(5);
        assertThat(json(answer).get("repeat").asBoolean()).isTrue();
        assertThat(store.examined("complaints"))
                .as("complaints examined while filing (a scan would be >= %d)", HISTORY)
                .isLessThan(50);
        assertThat(store.examinedTotal()).isLessThan(100);
    }

    @Test
    @DisplayName("a read by id and an idempotent replay examine a handful of documents")
    void readsAndReplaysAreByKey() throws Exception {
        var key = "hot-" + UUID.randomUUID();
        var body = body("sh-xujiahui", "c-" + UUID.randomUUID());
        var id = json(file(partner(Set.of()), body, key)).get("id").asText();
        assertThat(UUID.fromString(id).version())
                .as("ADR 0616: a complaint's id is time-ordered (UUID version 7), inserted beside the newest")
                .isEqualTo(7);

        store.reset();
        assertThat(get(partner(Set.of()), "/complaints/" + id).statusCode()).isEqualTo(200);
        assertThat(store.examinedTotal()).isLessThan(5);

        store.reset();
        var replay = file(partner(Set.of()), body, key);
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(store.examinedTotal()).isLessThan(5);
    }

    @Test
    @DisplayName("issue 12 + 14: a south-only key pages through exactly the 2,000 south complaints, each page by key")
    void scopedListPagesByKey() throws Exception {
        var south = partner(Set.of("south"));
        String cursor = null;
        var seen = new HashSet<String>();
        var pages = 0;
        Instant previous = null;
        do {
            store.reset();
            var page = json(get(south, "/complaints?limit=200" + (cursor == null ? "" : "&cursor=" + cursor)));
            assertThat(store.examinedTotal())
                    .as("documents examined for one page")
                    .isLessThan(600);
            for (var item : page.get("items")) {
                assertThat(item.get("region").asText()).isEqualTo("south");
                var created = Instant.parse(item.get("createdAt").asText());
                if (previous != null) {
                    assertThat(created).isBefore(previous);
                }
                previous = created;
                seen.add(item.get("id").asText());
            }
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 50);

        assertThat(seen).hasSize(HISTORY / 50);
        assertThat(pages).isLessThanOrEqualTo(11);
    }

    @Test
    @DisplayName("issue 12: a customer's history shows a region-limited key only its region's complaints, by key")
    void customerHistoryIsScopedAndByKey() throws Exception {
        // bulk-cust-0 filed at i = 0, 20,000, 40,000, 60,000, 80,000: all multiples of 50, all south.
        store.reset();
        var south = json(get(partner(Set.of("south")), "/customers/bulk-cust-0/complaints"));
        assertThat(store.examinedTotal()).isLessThan(20);
        assertThat(south.get("items").size()).isEqualTo(5);

        var east = json(get(partner(Set.of("east")), "/customers/bulk-cust-0/complaints"));
        assertThat(east.get("items").size())
                .as("no south complaint for an east-only key")
                .isZero();
    }

    @Test
    @DisplayName("declared indexes: idempotency and the (_id, version) compare-and-set are unique")
    void conditionalWritesUseUniqueIndexes() {
        var resolver = new MongoPersistentEntityIndexResolver(mapping);
        var unique = new ArrayList<List<String>>();
        resolver.resolveIndexFor(Complaint.class).forEach(i -> {
            if (Boolean.TRUE.equals(i.getIndexOptions().get("unique"))) {
                unique.add(new ArrayList<>(i.getIndexKeys().keySet()));
            }
        });
        assertThat(unique).contains(List.of("tenant", "idempotencyKey"), List.of("_id", "version"));
    }

    // --- data

    private void seed() {
        var now = Instant.now();
        var base = now.minusSeconds(HISTORY * 30L + 3600);
        var bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, "complaints");
        var hours = new TreeMap<Long, List<Document>>();
        var customers = new LinkedHashMap<String, List<Document>>();
        for (var i = 0; i < HISTORY; i++) {
            var south = i % 50 == 0;
            var id = "bulk-" + i;
            var created = Date.from(base.plusSeconds(i * 30L));
            var customerKey = "id:bulk-cust-" + (i % 20_000);
            bulk.insert(new Document("_id", id)
                    .append("version", 0L)
                    .append("tenant", "demo-retail")
                    .append("region", south ? "south" : "east")
                    .append("site", south ? "gz-tianhe" : "sh-xujiahui")
                    .append("channel", "COMPANY_HOTLINE")
                    .append("level", "GENERAL")
                    .append("status", "OPEN")
                    .append("customerKey", customerKey)
                    .append("idempotencyKey", id)
                    .append("requestHash", "x")
                    .append("routing", new Document("status", "ROUTED"))
                    .append("caseSequence", 0L)
                    .append("receivedAt", created)
                    .append("createdAt", created));
            if (i % 10_000 == 9_999) {
                bulk.execute();
                bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, "complaints");
            }
            var region = south ? "south" : "east";
            var site = south ? "gz-tianhe" : "sh-xujiahui";
            hours.computeIfAbsent(HourIndex.hourOf(created.toInstant()), h -> new ArrayList<>())
                    .add(new Document("id", id)
                            .append("at", created)
                            .append("region", region)
                            .append("site", site));
            customers
                    .computeIfAbsent(customerKey, k -> new ArrayList<>())
                    .add(new Document("id", id).append("receivedAt", created).append("createdAt", created));
        }
        var lookups = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, ComplaintLookups.COLLECTION);
        hours.forEach((hour, entries) ->
                lookups.insert(new Document("_id", HourIndex.hourKey("demo-retail", hour)).append("entries", entries)));
        customers.forEach((key, entries) ->
                lookups.insert(new Document("_id", ComplaintLookups.subjectKey("customer", "demo-retail", key))
                        .append("entries", entries)));
        lookups.insert(new Document("_id", HourIndex.spanKey("demo-retail"))
                .append("first", hours.firstKey())
                .append("last", hours.lastKey()));
        lookups.execute();
    }

    private static Map<String, Object> body(String site, String customer) {
        var body = new LinkedHashMap<String, Object>();
        body.put("channel", "COMPANY_HOTLINE");
        body.put("site", site);
        body.put("customer", Map.of("id", customer, "name", "李女士", "phone", "13900000000"));
        body.put("content", "冰箱送货延误");
        return body;
    }

    // --- helpers

    private String partner(Set<String> regions) {
        return tokens.sign(new CallerIdentity(
                "key:hot",
                CallerIdentity.Kind.PARTNER,
                "demo-retail",
                regions,
                Set.of(),
                Set.of("partner"),
                Set.of("complaints:write", "complaints:read"),
                "partner"));
    }

    private HttpResponse<String> file(String identity, Map<String, Object> body, String key) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/complaints"))
                        .header("Content-Type", "application/json")
                        .header(IdentityTokens.HEADER, identity)
                        .header("Idempotency-Key", key)
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String identity, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header(IdentityTokens.HEADER, identity)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
