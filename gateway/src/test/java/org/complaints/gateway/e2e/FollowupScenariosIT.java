package org.complaints.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * DOMAIN.md §15 scenario 21 through the gateway: resolution → dual-track follow-up plan → an
 * unsatisfied call sends the case to second handling → its second round closes once satisfied.
 */
class FollowupScenariosIT {

    /** The generic demo tenant's counter cd-counter-1 is in Chengdu. */
    private static final ZoneId SITE_ZONE = ZoneId.of("Asia/Shanghai");

    static RunningSuite suite;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = RunningSuite.get();
    }

    @Test
    @DisplayName(
            "scenario 21 / FU-05 / SLA-X3 / ESC-08: resolution plans a same-day survey and a day-7 call; UNSATISFIED → SECOND_HANDLING, reopenCount 1, a new resolution clock, complaints_reopened_total +1; SATISFIED → CLOSE offered and allowed")
    void dualTrackFollowUpAndSecondHandling() throws Exception {
        var caseId = RemedyScenariosIT.respondedCase(suite);
        var agent = Api.staff(suite, "generic.agent");
        var resolvedFrom = Instant.now();
        resolve(agent, caseId, "Second counter opened the same day");
        var resolvedBy = Instant.now();

        var plan = Await.until(agent, "/api/v1/follow-ups?caseId=" + caseId, list -> list.size() == 2);
        assertThat(plan.findValuesAsString("type")).containsExactly("SATISFACTION_SURVEY", "PHONE_CALL");
        var resolutionDay = resolvedBy.atZone(SITE_ZONE).toLocalDate();
        assertThat(Instant.parse(plan.get(0).get("dueAt").asText()))
                .as("the survey goes out on the day of resolution")
                .isEqualTo(resolutionDay
                        .atTime(LocalTime.of(23, 59, 59))
                        .atZone(SITE_ZONE)
                        .toInstant());
        assertThat(Instant.parse(plan.get(1).get("dueAt").asText()))
                .as("the phone call is due 7 days after resolution")
                .isBetween(resolvedFrom.plus(Duration.ofDays(7)), resolvedBy.plus(Duration.ofDays(7)));

        var reopenedBefore = reopenedTotal();
        var reopenFrom = Instant.now();
        var unsatisfied = agent.post(
                "/api/v1/follow-ups/" + plan.get(1).get("followUpId").asText() + "/outcome",
                Map.of("satisfaction", 2, "resolved", false, "comment", "still waiting"));
        assertThat(unsatisfied.status()).as(unsatisfied.toString()).isEqualTo(200);
        var reopened = Await.until(
                agent, "/api/v1/cases/" + caseId, c -> c.get("state").asText().equals("SECOND_HANDLING"));
        assertThat(reopened.get("reopenCount").asInt()).isEqualTo(1);
        assertThat(reopened.get("round").asInt()).isEqualTo(2);
        assertThat(reopened.get("escalations").toString()).contains("ESC-08");
        assertThat(resolutionDeadlines(reopened, 2))
                .as("the resolution clock restarts for round 2")
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.get("status").asText()).isIn("PENDING", "ARMED");
                    assertThat(Instant.parse(d.get("dueAt").asText())).isAfter(reopenFrom);
                });
        assertThat(reopenedTotal()).as("complaints_reopened_total").isEqualTo(reopenedBefore + 1);
        assertThat(allowedActions(reopened)).doesNotContain("CLOSE");

        var supervisor = Api.staff(suite, "generic.supervisor");
        resolve(agent, caseId, "A second counter now opens whenever more than five customers wait");
        var both = Await.until(agent, "/api/v1/follow-ups?caseId=" + caseId, list -> list.size() == 4);
        var waiting = Await.until(
                supervisor,
                "/api/v1/cases/" + caseId,
                c -> "RESOLVED".equals(text(c, "state")) && c.get("round").asInt() == 2);
        assertThat(allowedActions(waiting))
                .as("round 2 is not eligible for closure before its satisfied follow-up")
                .doesNotContain("CLOSE");
        for (var followUp : both) {
            if ("PLANNED".equals(text(followUp, "status")) || "OVERDUE".equals(text(followUp, "status"))) {
                var satisfied = agent.post(
                        "/api/v1/follow-ups/" + followUp.get("followUpId").asText() + "/outcome",
                        Map.of("satisfaction", 5, "resolved", true));
                assertThat(satisfied.status()).as(satisfied.toString()).isEqualTo(200);
            }
        }
        var closable = Await.until(
                supervisor,
                "/api/v1/cases/" + caseId,
                c -> c.get("followUpSatisfied").asBoolean(false));
        assertThat(allowedActions(closable)).as("eligible for closure").contains("CLOSE");
        var closed =
                supervisor.post("/api/v1/cases/" + caseId + "/closure", Map.of("reason", "second round satisfied"));
        assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
        assertThat(closed.json().get("state").asText()).isEqualTo("CLOSED");
        assertThat(reopenedTotal()).as("closing reopens nothing").isEqualTo(reopenedBefore + 1);
    }

    private static void resolve(Api agent, String caseId, String correction) throws Exception {
        var resolved = agent.post(
                "/api/v1/cases/" + caseId + "/resolution",
                Map.of(
                        "resolution",
                        Map.of(
                                "rootCause",
                                "Only one counter open at lunch time",
                                "defectCorrection",
                                correction,
                                "longTermMeasure",
                                Map.of(
                                        "action",
                                        "Lunch-time rota keeps two counters open from 11:30 to 13:30",
                                        "owner",
                                        "branch manager",
                                        "dueDate",
                                        "2026-12-31"))));
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
    }

    private static double reopenedTotal() throws Exception {
        return Metrics.sum(suite, "routing-service", "complaints_reopened_total", "tenant=\"demo-generic\"");
    }

    private static List<JsonNode> resolutionDeadlines(JsonNode kase, int round) {
        var found = new ArrayList<JsonNode>();
        kase.get("deadlines").forEach(d -> {
            if ("RESOLUTION".equals(text(d, "clock")) && d.get("round").asInt() == round) {
                found.add(d);
            }
        });
        return found;
    }

    private static List<String> allowedActions(JsonNode kase) {
        var actions = new ArrayList<String>();
        kase.get("allowedActions").forEach(a -> actions.add(a.asText()));
        return actions;
    }

    private static String text(JsonNode node, String field) {
        var value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
