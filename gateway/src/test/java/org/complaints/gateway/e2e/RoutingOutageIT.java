package org.complaints.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Issue 2, "nothing lost": routing down while complaints arrive. */
class RoutingOutageIT {

    static RunningSuite suite;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = RunningSuite.get();
    }

    @Test
    @DisplayName("with routing stopped a complaint is accepted, and routed exactly once after routing is back")
    void complaintFiledWhileRoutingIsDownIsRoutedOnceItReturns() throws Exception {
        var partner = Api.partner(suite, "demo-dealer-crm-key");
        suite.stop("routing-service");
        String id;
        try {
            var key = Complaints.key();
            var body = Complaints.walkIn("sh-minhang", "routing outage: 空调不制冷");
            var filed = partner.with("Idempotency-Key", key).post("/api/v1/complaints", body);
            assertThat(filed.status()).as(filed.toString()).isIn(201, 202);
            id = filed.json().get("id").asText();
            assertThat(filed.json().get("routing").get("status").asText()).isEqualTo("PENDING");

            var retry = partner.with("Idempotency-Key", key).post("/api/v1/complaints", body);
            assertThat(retry.json().get("id").asText())
                    .as("a client retry during the outage")
                    .isEqualTo(id);
            assertThat(partner.get("/api/v1/complaints/" + id).status())
                    .as("stored while routing is down")
                    .isEqualTo(200);
        } finally {
            suite.start("routing-service");
            suite.awaitReady("routing-service");
        }

        var routed = ComplaintJourneyIT.awaitRouted(Api.staff(suite, "dealer.director"), id);
        var caseId = routed.json().get("routing").get("caseId").asText();

        var cases = Api.staff(suite, "dealer.director").get("/api/v1/cases?complaintId=" + id);
        assertThat(cases.status()).as(cases.toString()).isEqualTo(200);
        var items = cases.json().get("items");
        assertThat(items.size()).as("exactly one case for the complaint").isEqualTo(1);
        assertThat(items.get(0).get("caseId").asText()).isEqualTo(caseId);
    }
}
