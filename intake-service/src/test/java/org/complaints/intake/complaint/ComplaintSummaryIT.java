package org.complaints.intake.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.identity.IdentityTokens;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** LC-11: the month's complaint figures for the report, each counted from the month's complaints in scope. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ComplaintSummaryIT {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    IdentityTokens tokens;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    ComplaintLookups lookups;

    @Test
    @DisplayName("LC-11: totals by channel, level and category, repeats and invalid ones, of the month and scope only")
    void figuresOfTheMonthInScope() throws Exception {
        // 2025-01 in Shanghai (the retail tenant's month zone): 1 Jan 00:30 local is 31 Dec 16:30 UTC.
        insert("PHONE", "URGENT", "PRODUCT", true, "OPEN", "east", "2024-12-31T16:30:00Z");
        insert("PHONE", "GENERAL", "SERVICE", false, "NOT_ESTABLISHED", "east", "2025-01-10T02:00:00Z");
        insert("WALK_IN", "GENERAL", null, false, "OPEN", "east", "2025-01-20T02:00:00Z");
        insert("WALK_IN", "GENERAL", "PRODUCT", true, "NOT_ESTABLISHED", "south", "2025-01-21T02:00:00Z");
        // Outside the month (31 Jan 16:30 UTC is 1 Feb local) and so not counted.
        insert("PHONE", "URGENT", "PRODUCT", true, "NOT_ESTABLISHED", "east", "2025-01-31T16:30:00Z");

        var all = summary(Set.of(), "");
        assertThat(all.get("total").asLong()).isEqualTo(4);
        assertThat(all.get("byChannel").get("PHONE").asLong()).isEqualTo(2);
        assertThat(all.get("byChannel").get("WALK_IN").asLong()).isEqualTo(2);
        assertThat(all.get("byLevel").get("URGENT").asLong()).isEqualTo(1);
        assertThat(all.get("byLevel").get("GENERAL").asLong()).isEqualTo(3);
        assertThat(all.get("byCategory").get("PRODUCT").asLong()).isEqualTo(2);
        assertThat(all.get("byCategory").get("SERVICE").asLong()).isEqualTo(1);
        assertThat(all.get("byCategory").get("UNSPECIFIED").asLong()).isEqualTo(1);
        assertThat(all.get("repeats").asLong()).isEqualTo(2);
        assertThat(all.get("invalid").asLong()).isEqualTo(2);

        var east = summary(Set.of("east"), "");
        assertThat(east.get("total").asLong()).isEqualTo(3);
        assertThat(east.get("repeats").asLong()).isEqualTo(1);
        assertThat(east.get("invalid").asLong()).isEqualTo(1);
        assertThat(summary(Set.of(), "&site=gz-tianhe").get("total").asLong()).isEqualTo(1);
    }

    private void insert(
            String channel, String level, String subject, boolean repeat, String status, String region, String at) {
        var category = subject == null ? null : new Document("subjectType", subject);
        var id = UUID.randomUUID().toString();
        var site = region.equals("east") ? "sh-xujiahui" : "gz-tianhe";
        // listed by its recording hour first, as filing does (ADR 0106): the summary reads the month by key
        lookups.hourIndex().record("demo-retail", id, Instant.parse(at), region, site);
        mongo.getCollection("complaints")
                .insertOne(new Document("_id", id)
                        .append("tenant", "demo-retail")
                        .append("idempotencyKey", "summary-" + id)
                        .append("version", 0L)
                        .append("region", region)
                        .append("site", site)
                        .append("channel", channel)
                        .append("level", level)
                        .append("category", category)
                        .append("repeat", repeat)
                        .append("status", status)
                        .append("createdAt", Date.from(Instant.parse(at))));
    }

    private JsonNode summary(Set<String> regions, String filter) throws Exception {
        var identity = tokens.sign(new CallerIdentity(
                "key:summary",
                CallerIdentity.Kind.PARTNER,
                "demo-retail",
                regions,
                Set.of(),
                Set.of("partner"),
                Set.of("complaints:read"),
                "partner"));
        var response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://localhost:" + port + "/complaints/summary?month=2025-01" + filter))
                                .header(IdentityTokens.HEADER, identity)
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
