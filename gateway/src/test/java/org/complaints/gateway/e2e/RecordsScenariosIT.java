package org.complaints.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaints.gateway.e2e.Await.text;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 15, records and reports through the gateway on the dealer tenant {@code e2e-records}
 * (e2e-tenants.yml: two sites, months in Asia/Shanghai, retention cut to 20 s): DOMAIN §15
 * scenarios 10 (the monthly report), 11 (retention), 21 (dual-track follow-up) and 9 (rework
 * follow-up).
 */
class RecordsScenariosIT {

    static final String TENANT = "e2e-records";
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    static RunningSuite suite;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = RunningSuite.get();
    }

    @Test
    @DisplayName(
            "scenario 10 / LC-11 / KP-01 / KP-07: the scheduler freezes the month before per dealer site with review tasks to 服务总监 and 总经理, who sign it off; the running month's report counts the filed cases by channel, severity and responsible person with SLA, escalations, satisfaction and CAPA; a future month is 422")
    void monthlyReport() throws Exception {
        var director = Api.staff(suite, "records.director");
        var gm = Api.staff(suite, "records.gm");
        var thisMonth = YearMonth.now(ZONE);
        var before = thisMonth.minusMonths(1);

        // the scheduler's run for the month before (LC-11: on the 1st, in the tenant's zone)
        var frozen = poll(
                director,
                "/api/v1/reports/monthly?month=" + before + "&site=rec-north",
                r -> "FINAL".equals(text(r, "status")));
        assertThat(frozen.get("version").asInt()).isEqualTo(1);
        assertThat(text(frozen, "generatedBy")).isEqualTo("SCHEDULER");
        assertThat(text(frozen, "author")).isEqualTo("customer-care-department");
        assertThat(frozen.get("scope").get("region").asText()).isEqualTo("north");
        assertThat(frozen.get("reviews").findValuesAsString("role"))
                .containsExactly("service-director", "general-manager");
        for (var reviewer : java.util.List.of(director, gm)) {
            var inbox = poll(reviewer, "/api/v1/notifications?limit=200", page -> reviewTask(page) != null);
            var task = reviewTask(inbox);
            assertThat(text(task, "text")).contains(before.toString());
        }
        var signed = director.post("/api/v1/reports/monthly/sign-offs?month=" + before + "&site=rec-north", Map.of());
        assertThat(signed.status()).as(signed.toString()).isEqualTo(200);
        assertThat(signed.json().get("reviews").get(0).get("status").asText()).isEqualTo("SIGNED_OFF");
        var tech = Api.staff(suite, "records.tech");
        var notReviewer = tech.post("/api/v1/reports/monthly/sign-offs?month=" + before + "&site=rec-north", Map.of());
        assertThat(notReviewer.status()).isEqualTo(403);

        // this month's cases, handled, then counted from the data (not echoed)
        // on rec-north, where no other scenario files: this month's counts are this test's
        var walkIns = new java.util.ArrayList<String>();
        for (var i = 0; i < 2; i++) {
            walkIns.add(file(director, "WALK_IN", "TECHNICAL", "发动机异响 " + i, "rec-north"));
        }
        var reception = file(director, "SERVICE_ADVISOR_RECEPTION", "SERVICE", "保养等待时间过长", "rec-north");
        for (var caseId : walkIns) {
            accept(director, caseId);
            respond(tech, caseId);
            resolve(tech, caseId, "Loose heat shield found at inspection", false);
        }
        var survey = poll(
                director,
                "/api/v1/follow-ups?caseId=" + walkIns.getFirst(),
                list -> list.size() == 1 && "PLANNED".equals(text(list.get(0), "status")));
        var care = Api.staff(suite, "records.care");
        var outcome = care.post(
                "/api/v1/follow-ups/" + text(survey.get(0), "followUpId") + "/outcome",
                Map.of(
                        "satisfaction",
                        5,
                        "resolved",
                        true,
                        "valuableFeedback",
                        "Heat shield clips break easily; suggest a metal clip"));
        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(200);

        var report = poll(
                director,
                "/api/v1/reports/monthly?month=" + thisMonth + "&site=rec-north",
                r -> r.get("cases").get("total").asInt() == 3
                        && r.get("followUps").get("satisfied").asInt() == 1);
        assertThat(text(report, "status")).isEqualTo("PROVISIONAL");
        assertThat(report.get("complaints").get("byChannel").get("WALK_IN").asInt())
                .isEqualTo(2);
        assertThat(report.get("complaints")
                        .get("byChannel")
                        .get("SERVICE_ADVISOR_RECEPTION")
                        .asInt())
                .isEqualTo(1);
        assertThat(report.get("cases").get("byLevel").get("GENERAL").asInt()).isEqualTo(3);
        var zhang = report.get("responsiblePersons").get("张诚");
        assertThat(zhang.get("cases").asInt()).as("TECHNICAL → 张诚").isEqualTo(2);
        assertThat(zhang.get("satisfaction").get("satisfied").asInt()).isEqualTo(1);
        assertThat(report.get("responsiblePersons").get("钱城").get("cases").asInt())
                .isEqualTo(1);
        var met = 0;
        var breached = 0;
        for (var clock : report.get("cases").get("slaCompliance")) {
            met += clock.get("met").asInt();
            breached += clock.get("breached").asInt();
        }
        assertThat(met).as("the handled cases' clocks").isGreaterThanOrEqualTo(2);
        assertThat(breached).isZero();
        assertThat(report.get("cases").get("escalations").asInt()).isZero();
        assertThat(report.get("cases").get("capa").get("open").asInt())
                .as("resolved, not yet closed")
                .isEqualTo(2);
        assertThat(report.get("followUps").get("satisfactionRate").asDouble()).isEqualTo(1.0);
        assertThat(report.get("valuableFeedback").get("items").findValuesAsString("text"))
                .containsExactly("Heat shield clips break easily; suggest a metal clip");
        assertThat(report.get("rootCauses").findValuesAsString("trend")).containsOnly("NEW");
        assertThat(reception).isNotBlank();

        var future = director.get("/api/v1/reports/monthly?month=" + thisMonth.plusMonths(1));
        assertThat(future.status()).isEqualTo(422);
        assertThat(future.contentType()).startsWith("application/problem+json");
    }

    @Test
    @DisplayName(
            "scenario 11 / LC-12 / OT-50: retentionUntil = archived + 2 years (demo dealer) and + 20 s (e2e-records); an erasure before is 409 naming the date; after it intake, routing and follow-up anonymise their data; a legal hold stops it everywhere")
    void retention() throws Exception {
        // the demo dealer keeps two years from archiving (closure)
        var demoDirector = Api.staff(suite, "dealer.director");
        var demoCase = file(demoDirector, "WALK_IN", "TECHNICAL", "车门异响", "sh-minhang");
        var demoComplaint =
                close(demoDirector, Api.staff(suite, "dealer.tech"), Api.staff(suite, "dealer.care"), demoCase);
        var demo = poll(demoDirector, "/api/v1/complaints/" + demoComplaint, c -> text(c, "archivedAt") != null);
        assertThat(instant(demo, "retentionUntil"))
                .isEqualTo(instant(demo, "archivedAt").atZone(ZONE).plusYears(2).toInstant());

        var director = Api.staff(suite, "records.director");
        var tech = Api.staff(suite, "records.tech");
        var kept = file(director, "WALK_IN", "TECHNICAL", "客户王先生 13800138000 投诉雨刮异响", "rec-east");
        var held = file(director, "WALK_IN", "TECHNICAL", "客户李女士 13900139000 投诉空调异味", "rec-east");
        var heldComplaint = complaintOf(director, held);
        var hold = director.post(
                "/api/v1/complaints/" + heldComplaint + "/legal-hold", Map.of("hold", true, "reason", "诉讼保全"));
        assertThat(hold.status()).as(hold.toString()).isEqualTo(200);
        var care = Api.staff(suite, "records.care");
        var keptComplaint = close(director, tech, care, kept);
        close(director, tech, care, held);

        var archived = poll(director, "/api/v1/complaints/" + keptComplaint, c -> text(c, "archivedAt") != null);
        assertThat(instant(archived, "retentionUntil"))
                .isEqualTo(instant(archived, "archivedAt").plusSeconds(20));
        var early = director.delete("/api/v1/complaints/" + keptComplaint);
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.contentType()).startsWith("application/problem+json");
        assertThat(early.body()).contains("retention-period").contains(text(archived, "retentionUntil"));
        assertThat(director.get("/api/v1/complaints/" + keptComplaint)
                        .json()
                        .get("content")
                        .asText())
                .as("nothing changed")
                .contains("13800138000");

        var anonymised = poll(
                director,
                "/api/v1/complaints/" + keptComplaint,
                c -> c.get("anonymised").asBoolean());
        assertThat(anonymised.get("content").asText()).isEqualTo("[anonymised]");
        assertThat(anonymised.get("customer").get("phone").isNull()).isTrue();
        assertThat(text(anonymised, "channel")).as("statistics stay").isEqualTo("WALK_IN");
        var routed = poll(
                director,
                "/api/v1/cases/" + kept,
                c -> "[anonymised]".equals(text(c.get("contacts").get(0), "note")));
        assertThat(routed.get("contacts").get(0).get("channel").asText()).isEqualTo("PHONE");
        var followUps = poll(
                director,
                "/api/v1/follow-ups?caseId=" + kept,
                list -> "[anonymised]".equals(text(list.get(0).get("outcome"), "comment")));
        assertThat(followUps.get(0).get("outcome").get("satisfaction").asInt())
                .as("the score stays")
                .isEqualTo(5);

        var heldUntil = instant(
                poll(director, "/api/v1/complaints/" + heldComplaint, c -> text(c, "retentionUntil") != null),
                "retentionUntil");
        while (Instant.now().isBefore(heldUntil.plusSeconds(6))) {
            Thread.sleep(500); // the held complaint's 20 s run out; the purge runs every 2 s meanwhile
        }
        var stillHeld = director.get("/api/v1/complaints/" + heldComplaint).json();
        assertThat(stillHeld.get("anonymised").asBoolean())
                .as("LC-12: the legal hold stops the purge")
                .isFalse();
        assertThat(stillHeld.get("content").asText()).contains("13900139000");
        var heldCase = director.get("/api/v1/cases/" + held).json();
        assertThat(text(heldCase.get("contacts").get(0), "note")).isEqualTo("called the customer back");
        var refused = director.delete("/api/v1/complaints/" + heldComplaint);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("legal-hold").contains("诉讼保全");
    }

    @Test
    @DisplayName(
            "scenario 9 / LC-09 / FU-01: a rework resolution plans one call-back due D+1 that only 服务经理/服务总监 record, with the customer's feedback required; closure is refused until it is recorded")
    void reworkFollowUp() throws Exception {
        var director = Api.staff(suite, "records.director");
        var tech = Api.staff(suite, "records.tech");
        var caseId = file(director, "WALK_IN", "TECHNICAL", "返修后仍漏油");
        accept(director, caseId);
        respond(tech, caseId);
        var resolved = resolve(tech, caseId, "Oil seal fitted crooked at the first repair", true);
        var plan = poll(director, "/api/v1/follow-ups?caseId=" + caseId, list -> list.size() == 1);
        var callback = plan.get(0);
        assertThat(text(callback, "type")).isEqualTo("REWORK_CALLBACK");
        assertThat(callback.get("roles").toString())
                .contains("service-manager")
                .contains("service-director")
                .doesNotContain("customer-care-officer");
        assertThat(instant(callback, "dueAt"))
                .as("D+1 after the rework")
                .isEqualTo(instant(resolved.get("resolution"), "at")
                        .plus(java.time.Duration.ofDays(1))
                        .truncatedTo(java.time.temporal.ChronoUnit.MILLIS));

        var blocked = director.post("/api/v1/cases/" + caseId + "/closure", Map.of("reason", "done"));
        assertThat(blocked.status()).isEqualTo(409);
        assertThat(blocked.body()).contains("follow-up-required");
        var path = "/api/v1/follow-ups/" + text(callback, "followUpId") + "/outcome";
        var careOfficer = Api.staff(suite, "records.care").post(path, Map.of("satisfaction", 5, "resolved", true));
        assertThat(careOfficer.status())
                .as("LC-09: the rework call-back is the service manager's or director's")
                .isEqualTo(403);
        var manager = Api.staff(suite, "records.manager");
        var noFeedback = manager.post(path, Map.of("comment", "called"));
        assertThat(noFeedback.status())
                .as("the customer's feedback is required")
                .isEqualTo(422);
        var recorded = manager.post(path, Map.of("satisfaction", 5, "resolved", true, "comment", "漏油已解决"));
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(200);

        poll(
                director,
                "/api/v1/cases/" + caseId,
                c -> c.path("followUpSatisfied").asBoolean(false));
        var closure = director.post("/api/v1/cases/" + caseId + "/closure", Map.of("reason", "customer satisfied"));
        assertThat(closure.status()).as(closure.toString()).isEqualTo(200);
        assertThat(text(closure.json(), "state")).isEqualTo("CLOSED");
    }

    // --- helpers

    /**
     * Accepts, responds, resolves, records the care call (its comment names the customer) and closes
     * the case as the service director; returns the complaint id.
     */
    static String close(Api director, Api tech, Api care, String caseId) throws Exception {
        accept(director, caseId);
        respond(tech, caseId);
        resolve(tech, caseId, "Wiper arm loose after service", false);
        var plan = poll(director, "/api/v1/follow-ups?caseId=" + caseId, list -> list.size() == 1);
        var outcome = care.post(
                "/api/v1/follow-ups/" + text(plan.get(0), "followUpId") + "/outcome",
                Map.of("satisfaction", 5, "resolved", true, "comment", "王先生表示满意,电话13800138000"));
        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(200);
        var closed = director.post("/api/v1/cases/" + caseId + "/closure", Map.of("reason", "customer satisfied"));
        assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
        return text(closed.json(), "complaintId");
    }

    static String complaintOf(Api api, String caseId) throws Exception {
        return text(poll(api, "/api/v1/cases/" + caseId, c -> text(c, "complaintId") != null), "complaintId");
    }

    /** Reads until {@code done}, riding out the loaded machine's slow answers (a timeout is read again). */
    static JsonNode poll(Api api, String path, java.util.function.Predicate<JsonNode> done) throws Exception {
        var deadline = Instant.now().plusSeconds(180);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                var answer = api.get(path);
                if (answer.status() == 200) {
                    last = answer.json();
                    if (done.test(last)) {
                        return last;
                    }
                }
            } catch (java.net.http.HttpTimeoutException slow) {
                // read again
            }
            Thread.sleep(500);
        }
        throw new AssertionError(path + " did not reach the expected state: " + last);
    }

    private static JsonNode reviewTask(JsonNode page) {
        for (var n : page.get("items")) {
            if ("REPORT_REVIEW".equals(text(n, "kind")) && "rec-north".equals(text(n, "site"))) {
                return n;
            }
        }
        return null;
    }

    /** Files a complaint as the service director (LC-03 recorder) and returns its case id once routed. */
    static String file(Api recorder, String channel, String domain, String content) throws Exception {
        return file(recorder, channel, domain, content, "rec-east");
    }

    static String file(Api recorder, String channel, String domain, String content, String site) throws Exception {
        var body = Complaints.with(
                Complaints.with(Complaints.walkIn(site, content), "channel", channel),
                "category",
                Map.of("subjectType", "PRODUCT_QUALITY", "responsibleDomain", domain));
        var filed = recorder.with("Idempotency-Key", Complaints.key()).post("/api/v1/complaints", body);
        assertThat(filed.status()).as(filed.toString()).isEqualTo(201);
        return ComplaintJourneyIT.awaitRouted(recorder, filed.json().get("id").asText())
                .json()
                .get("routing")
                .get("caseId")
                .asText();
    }

    static void accept(Api director, String caseId) throws Exception {
        var accepted = director.post("/api/v1/cases/" + caseId + "/acceptance", Map.of());
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
    }

    static void respond(Api handler, String caseId) throws Exception {
        var contact = handler.post(
                "/api/v1/cases/" + caseId + "/contacts",
                Map.of("channel", "PHONE", "note", "called the customer back"));
        assertThat(contact.status()).as(contact.toString()).isEqualTo(200);
    }

    static JsonNode resolve(Api handler, String caseId, String rootCause, boolean rework) throws Exception {
        var resolved = handler.post(
                "/api/v1/cases/" + caseId + "/resolution",
                Map.of(
                        "resolution",
                        Map.of(
                                "rootCause",
                                rootCause,
                                "defectCorrection",
                                "Part refitted",
                                "rework",
                                rework,
                                "longTermMeasure",
                                Map.of(
                                        "action",
                                        "Heat-shield clip torque added to the 10,000 km inspection sheet",
                                        "owner",
                                        "张诚",
                                        "dueDate",
                                        "2027-06-30"))));
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
        return resolved.json();
    }

    static Instant instant(JsonNode node, String field) {
        return Instant.parse(text(node, field));
    }
}
