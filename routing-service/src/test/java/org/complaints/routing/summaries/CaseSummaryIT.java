package org.complaints.routing.summaries;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.complaints.routing.cases.CaseReceipts;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.lookup.HourIndex;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.ActiveProfiles;

/** LC-11 / KP-01: each figure of the routing part of the monthly report, from the month's cases in scope. */
@SpringBootTest(properties = {"complaints.services.followup.url=http://127.0.0.1:1", "complaints.store.embedded=true"})
@ActiveProfiles("test")
class CaseSummaryIT {

    static final String TENANT = "demo-generic";

    @Autowired
    MongoTemplate mongo;

    @Autowired
    CaseSummary summaries;

    @Test
    @DisplayName(
            "LC-11: levels, departments, categories, owners, SLA compliance, escalations, reopenings, root causes and CAPA")
    void everyFigureOfTheMonth() {
        insert(
                TENANT,
                "2025-01-10T10:00:00Z",
                new Document("level", "GENERAL")
                        .append("department", "quality")
                        .append("responsibilityCategory", "supplier")
                        .append("owner", "alice")
                        .append("state", "CLOSED")
                        .append("resolution", new Document("rootCauseCode", "RC1").append("rootCause", "bad part"))
                        .append(
                                "deadlines",
                                List.of(
                                        deadline("RESOLUTION", "MET", "BREACH"),
                                        deadline("ACKNOWLEDGEMENT", "BREACHED", "BREACH")))
                        .append("escalations", List.of(new Document("rule", "SLA-B1")))
                        .append("reopenCount", 1));
        insert(
                TENANT,
                "2025-01-15T10:00:00Z",
                new Document("level", "URGENT")
                        .append("department", "quality")
                        .append("owner", "alice")
                        .append("state", "RESOLVED")
                        .append("resolution", new Document("rootCause", "not coded"))
                        .append("deadlines", List.of(deadline("RESOLUTION", "BREACHED", "BREACH"))));
        insert(
                TENANT,
                "2025-01-20T10:00:00Z",
                new Document("level", "GENERAL")
                        .append("owner", "bob")
                        .append("state", "REGISTERED")
                        .append(
                                "deadlines",
                                List.of(
                                        deadline("RESOLUTION", "PENDING", "BREACH"),
                                        deadline("FOLLOW_UP", "MET", "NOTIFY")))
                        .append(
                                "escalations",
                                List.of(new Document("rule", "ESC-01"), new Document("rule", "ESC-01"))));
        // Another month and another tenant: not counted.
        insert(TENANT, "2025-02-20T10:00:00Z", new Document("level", "URGENT").append("owner", "alice"));
        insert("demo-retail", "2025-01-20T10:00:00Z", new Document("level", "URGENT").append("owner", "alice"));

        var s = summaries.summary(caller(), "2025-01", null, null, null);

        assertThat(s.total()).isEqualTo(3);
        assertThat(s.byLevel()).containsExactlyInAnyOrderEntriesOf(Map.of("GENERAL", 2L, "URGENT", 1L));
        assertThat(s.byDepartment()).containsExactlyInAnyOrderEntriesOf(Map.of("quality", 2L, "UNSPECIFIED", 1L));
        assertThat(s.byResponsibilityCategory())
                .containsExactlyInAnyOrderEntriesOf(Map.of("supplier", 1L, "UNSPECIFIED", 2L));
        assertThat(s.byResponsiblePerson())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "alice",
                        new CaseSummary.PersonFigures(2, 2, 1),
                        "bob",
                        new CaseSummary.PersonFigures(1, 0, 1)));
        assertThat(s.slaCompliance())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "RESOLUTION", new CaseSummary.Compliance(1, 1),
                        "ACKNOWLEDGEMENT", new CaseSummary.Compliance(0, 1)));
        assertThat(s.escalationsByRule()).containsExactlyInAnyOrderEntriesOf(Map.of("SLA-B1", 1L, "ESC-01", 2L));
        assertThat(s.escalations()).isEqualTo(3);
        assertThat(s.reopened()).isEqualTo(1);
        assertThat(s.topRootCauses())
                .containsExactlyInAnyOrder(
                        new CaseSummary.RootCause("RC1", 1), new CaseSummary.RootCause("UNCODED", 1));
        assertThat(s.capa()).isEqualTo(new CaseSummary.Capa(1, 1));
        assertThat(summaries.summary(caller(), "2025-01", null, null, "quality").total())
                .isEqualTo(2);
    }

    private static Document deadline(String clock, String status, String action) {
        return new Document("clock", clock).append("status", status).append("action", action);
    }

    private void insert(String tenant, String receivedAt, Document fields) {
        var id = UUID.randomUUID().toString();
        var c = new Document("_id", id)
                .append("tenant", tenant)
                .append("complaintId", "c-" + id)
                .append("region", "europe")
                .append("site", "ber-counter-1")
                .append("receivedAt", Date.from(Instant.parse(receivedAt)))
                .append("version", 0L);
        c.putAll(fields);
        // listed by its receipt hour first, as opening a case does (ADR 0602)
        new HourIndex(mongo, CaseReceipts.COLLECTION)
                .record(tenant, id, Instant.parse(receivedAt), "europe", "ber-counter-1");
        mongo.getCollection("cases").insertOne(c);
    }

    private static CallerIdentity caller() {
        return new CallerIdentity(
                "generic.supervisor",
                CallerIdentity.Kind.STAFF,
                TENANT,
                Set.of(),
                Set.of(),
                Set.of("supervisor"),
                Set.of(),
                "Supervisor",
                null);
    }
}
