package org.complaints.routing.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.scope.CallerScope;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.ActiveProfiles;

/** ADR 0602: cases are listed by the hour they were received, opened ones and those stored before the index. */
@SpringBootTest(properties = {"complaints.services.followup.url=http://127.0.0.1:1", "complaints.store.embedded=true"})
@ActiveProfiles("test")
class CaseReceiptsIT {

    static final Instant FROM = Instant.parse("2024-02-01T00:00:00Z");
    static final Instant TO = Instant.parse("2024-03-01T00:00:00Z");

    @Autowired
    MongoTemplate mongo;

    @Autowired
    CaseService service;

    @Autowired
    CaseReceipts receipts;

    @Test
    @DisplayName("a case opened today for a complaint received in a past month is listed in that month, not in today's")
    void openedCasesAreListedByReceipt() {
        var kase = service.open(
                        CallerIdentity.system("intake-service", "demo-generic"),
                        InMemoryRouting.request(
                                "ber-counter-1", "WALK_IN", "GENERAL", null, null, FROM.plusSeconds(3_600)))
                .kase();
        assertThat(received(FROM, TO)).contains(kase.id());
        assertThat(received(TO, Instant.now().plusSeconds(3_600))).doesNotContain(kase.id());
    }

    @Test
    @DisplayName(
            "cases stored before the receipt index existed are filed once at start, each listed once however often that runs")
    void casesStoredBeforeAreFiledOnce() {
        var id = "legacy-receipt-" + System.nanoTime();
        mongo.insert(
                new Document("_id", id)
                        .append("version", 1L)
                        .append("tenant", "demo-generic")
                        .append("complaintId", "c-" + id)
                        .append("region", "europe")
                        .append("site", "ber-counter-1")
                        .append("level", "GENERAL")
                        .append("receivedAt", Date.from(FROM.plusSeconds(7_200)))
                        .append("state", "CLOSED"),
                "cases");
        assertThat(received(FROM, TO)).as("not listed before it is filed").doesNotContain(id);

        mongo.remove(new Query(Criteria.where("_id").is(CaseReceipts.INDEXED)), CaseReceipts.COLLECTION);
        receipts.indexHistory();
        receipts.indexHistory();

        assertThat(received(FROM, TO)).containsOnlyOnce(id);
    }

    private List<String> received(Instant from, Instant to) {
        var ids = new ArrayList<String>();
        receipts.within(new CallerScope("demo-generic", List.of(), List.of()), from, to, ids::addAll);
        return ids;
    }
}
