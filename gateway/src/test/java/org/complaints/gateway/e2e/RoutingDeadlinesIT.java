package org.complaints.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * More DOMAIN.md §15 routing scenarios through the gateway with the sample staff users (scenarios 1
 * and 4 are checked at their own times in {@link DealerScenariosIT}).
 */
class RoutingDeadlinesIT {

    static RunningSuite suite;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = RunningSuite.get();
    }

    @Test
    @DisplayName("scenario 6 / RT-01: the service director sets the domain and the responsible person follows")
    void domainAssignment() throws Exception {
        var kase = fileAndRead(Api.staff(suite, "dealer.advisor"), Complaints.walkIn("sh-minhang", "配件缺货"));
        var director = Api.staff(suite, "dealer.director");
        var parts = director.post(
                "/api/v1/cases/" + kase.get("caseId").asText() + "/assignment", Map.of("domain", "PARTS"));
        assertThat(parts.json().get("owner").asText()).isEqualTo("沈瑜");
        var service = director.post(
                "/api/v1/cases/" + kase.get("caseId").asText() + "/assignment", Map.of("domain", "SERVICE"));
        assertThat(service.json().get("owner").asText()).isEqualTo("钱城");
    }

    private static JsonNode fileAndRead(Api staff, Map<String, Object> body) throws Exception {
        var filed = staff.with("Idempotency-Key", Complaints.key()).post("/api/v1/complaints", body);
        assertThat(filed.status()).as(filed.toString()).isEqualTo(201);
        var caseId = ComplaintJourneyIT.awaitRouted(
                        staff, filed.json().get("id").asText())
                .json()
                .get("routing")
                .get("caseId")
                .asText();
        return Api.staff(suite, "dealer.director")
                .get("/api/v1/cases/" + caseId)
                .json();
    }
}
