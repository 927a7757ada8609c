package org.complaints.intake.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.bson.Document;
import org.complaints.intake.complaint.ComplaintRetention;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.ActiveProfiles;

/** LC-12: past its retention a complaint is anonymised, unless on legal hold; statistics stay. */
@SpringBootTest
@ActiveProfiles("test")
class RetentionPurgeIT {

    @Autowired
    MongoTemplate mongo;

    @Autowired
    RetentionPurge purge;

    @Test
    @DisplayName(
            "LC-12 / OT-50: expired archived complaints lose personal data and order the other services to anonymise theirs; a legal hold keeps it, unexpired or unarchived ones are untouched")
    void expiredComplaintsAreAnonymisedUnlessOnHold() {
        insert("expired", Instant.parse("2020-01-01T00:00:00Z"), false);
        insert("held", Instant.parse("2020-01-01T00:00:00Z"), true);
        insert("current", Instant.parse("2999-01-01T00:00:00Z"), false);
        insert("unarchived", Instant.parse("2020-01-01T00:00:00Z"), false);
        mongo.getCollection("complaints")
                .updateOne(new Document("_id", "unarchived"), new Document("$set", new Document("archivedAt", null)));

        assertThat(purge.purge()).isEqualTo(1);
        assertThat(purge.purge()).as("idempotent").isZero();

        var expired = mongo.findById("expired", Document.class, "complaints");
        assertThat(expired.get("customer", Document.class).getString("phone")).isNull();
        assertThat(expired.get("customer", Document.class).getString("name")).isEqualTo(ComplaintRetention.REDACTED);
        assertThat(expired.getString("content")).isEqualTo(ComplaintRetention.REDACTED);
        assertThat(expired.getString("channel")).as("statistics stay").isEqualTo("PHONE");
        assertThat(expired.getList("deliveries", Document.class).stream().map(d -> d.getString("kind")))
                .containsExactlyInAnyOrderElementsOf(ComplaintRetention.ORDERS);
        assertThat(mongo.findById("unarchived", Document.class, "complaints").getString("content"))
                .as("the retention runs from archiving")
                .isEqualTo("手机号 13800138000");
        assertThat(mongo.findById("held", Document.class, "complaints").getString("content"))
                .isEqualTo("手机号 13800138000");
        assertThat(mongo.findById("current", Document.class, "complaints").getString("content"))
                .isEqualTo("手机号 13800138000");
    }

    private void insert(String id, Instant retentionUntil, boolean hold) {
        mongo.insert(
                new Document("_id", id)
                        .append("tenant", "demo-generic")
                        .append("version", 0L)
                        .append("idempotencyKey", "purge-" + id)
                        .append("channel", "PHONE")
                        .append("customer", new Document("name", "张三").append("phone", "13800138000"))
                        .append("content", "手机号 13800138000")
                        .append("archivedAt", java.util.Date.from(retentionUntil.minusSeconds(63_072_000)))
                        .append("retentionUntil", java.util.Date.from(retentionUntil))
                        .append("legalHold", hold)
                        .append("anonymised", false),
                "complaints");
    }
}
