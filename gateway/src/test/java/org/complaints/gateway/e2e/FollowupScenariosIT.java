package org.complaints.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** DOMAIN.md §15 scenario 21 through the gateway: resolution → follow-up plan → outcome → routing. */
class FollowupScenariosIT {

    static RunningSuite suite;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = RunningSuite.get();
    }

    @Test
    @DisplayName(
            "scenario 21 / SLA-X3 / ESC-08: resolution plans survey + day-7 call; unsatisfied reopens the case, satisfied makes it closable")
    void followUpAfterResolution() throws Exception {
        var caseId = RemedyScenariosIT.respondedCase(suite);
        var agent = Api.staff(suite, "generic.agent");
        var resolved = agent.post(
                "/api/v1/cases/" + caseId + "/resolution",
                Map.of(
                        "resolution",
                        Map.of(
                                "rootCause", "Only one counter open at lunch time",
                                "defectCorrection", "Second counter opened the same day",
                                "longTermMeasure",
                                        Map.of(
                                                "action",
                                                "Lunch-time rota keeps two counters open from 11:30 to 13:30",
                                                "owner",
                                                "branch manager",
                                                "dueDate",
                                                "2026-12-31"))));
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);

        var plan = await(agent, "/api/v1/follow-ups?caseId=" + caseId, list -> list.size() == 2);
        assertThat(plan.findValuesAsString("type")).containsExactly("SATISFACTION_SURVEY", "PHONE_CALL");

        var call = plan.get(1).get("followUpId").asText();
        var unsatisfied = agent.post(
                "/api/v1/follow-ups/" + call + "/outcome",
                Map.of("satisfaction", 2, "resolved", false, "comment", "still waiting"));
        assertThat(unsatisfied.status()).as(unsatisfied.toString()).isEqualTo(200);
        var reopened = await(
                agent, "/api/v1/cases/" + caseId, c -> c.get("state").asText().equals("REOPENED"));
        assertThat(reopened.get("reopenCount").asInt()).isEqualTo(1);
        assertThat(reopened.get("escalations").toString()).contains("ESC-08");
    }

    private static JsonNode await(Api api, String path, java.util.function.Predicate<JsonNode> done) throws Exception {
        var deadline = Instant.now().plus(Duration.ofSeconds(40));
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            var answer = api.get(path);
            if (answer.status() == 200) {
                last = answer.json();
                if (done.test(last)) {
                    return last;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError(path + " did not reach the expected state: " + last);
    }
}
