package org.complaints.gateway.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * One complaint of {@link LifecycleAcrossServicesIT} and the random legal path it is driven along.
 * A step reads the case, picks with the case's own seeded random a move its state allows (a staff
 * step routing lists in {@code allowedActions}, or the compensation, follow-up or intake command that
 * leads to one), performs it through the gateway, waits (bounded) for the case to show the move's
 * effect where another service's relay carries it, then for the complaint to mirror the case.
 */
final class SimulatedCase {

    static final Set<String> TERMINAL = Set.of("CLOSED", "CLOSED_NOT_ESTABLISHED");
    /** Bound of every wait for a relay or sweep (stretch on a machine shared with other builds). */
    static final Duration WAIT = Duration.ofSeconds(Long.getLong("lifecycle.wait-seconds", 60));

    private static final int MAX_STEPS = 80;
    private static final List<String> LEVELS = List.of("SERVICE_REQUEST", "GENERAL", "URGENT", "MAJOR", "CHANNEL");
    /** Routing's staff steps (sub-resource → action, docs/case-states.md). */
    private static final Map<String, String> STEPS = Map.of(
            "hand-over", "HAND_OVER",
            "acceptance", "ACCEPT",
            "contacts", "CONTACT",
            "urgings", "URGE",
            "investigation", "INVESTIGATE",
            "resolution", "RESOLVE",
            "closure", "CLOSE",
            "escalations", "ESCALATE",
            "level", "RAISE_LEVEL");

    /** What all cases did, counted across the workers. */
    static final class Tally {
        final Map<String, AtomicInteger> moves = new ConcurrentHashMap<>();
        final Queue<String> serverErrors = new ConcurrentLinkedQueue<>();
        final AtomicInteger steps = new AtomicInteger();
        /** Until then a 503 (a service still warming up after routing's restart) is retried, not a failure. */
        volatile java.time.Instant recoveringUntil = java.time.Instant.MIN;

        void count(String move) {
            moves.computeIfAbsent(move, m -> new AtomicInteger()).incrementAndGet();
        }
    }

    final SimTenant tenant;
    final String complaintId;
    /** The product (SKU, or VIN for the dealer); a group incident's complaints share it. */
    final String product;
    /** Filed while routing was stopped: intake answered PENDING and its relay opened the case later. */
    final boolean routedLate;

    private final SimTenant.Callers callers;
    private final Random random;
    private final Tally tally;
    private final Set<String> followUpsBefore = new HashSet<>();
    private String caseId;
    private JsonNode kase;
    private int steps;
    private long terminalVersion = -1;
    private java.time.Instant filedAt;

    SimulatedCase(
            SimTenant tenant,
            SimTenant.Callers callers,
            String complaintId,
            String product,
            String caseId,
            boolean routedLate,
            Random random,
            Tally tally) {
        this.tenant = tenant;
        this.callers = callers;
        this.complaintId = complaintId;
        this.product = product;
        this.caseId = caseId;
        this.routedLate = routedLate;
        this.random = random;
        this.tally = tally;
    }

    String caseId() {
        return caseId;
    }

    /** The version the case had when it was first seen terminal (nothing may change it afterwards). */
    long terminalVersion() {
        return terminalVersion;
    }

    /** One move; false once the case is terminal. */
    boolean step() throws Exception {
        if (caseId == null && !routed()) {
            return true;
        }
        kase = read();
        var state = Api.text(kase, "state");
        if (TERMINAL.contains(state)) {
            terminalVersion = kase.get("version").asLong();
            return false;
        }
        if (++steps > MAX_STEPS) {
            throw new AssertionError("case " + caseId + " not terminal after " + MAX_STEPS + " steps: " + kase);
        }
        tally.steps.incrementAndGet();
        var r = random.nextInt(100);
        switch (state) {
            case "REGISTERED" -> {
                if (r < 15) {
                    staff("hand-over", Map.of());
                } else if (r < 25) {
                    staff("urgings", Map.of());
                } else {
                    staff("acceptance", Map.of());
                }
            }
            case "HANDED_OVER" -> staff(r < 15 ? "urgings" : "acceptance", Map.of());
            case "ACCEPTED", "SECOND_HANDLING" -> {
                if (r < 8) {
                    staff("urgings", Map.of());
                } else if (r < 12) {
                    notEstablished();
                } else if (r < 30) {
                    staff("investigation", Map.of());
                } else {
                    staff("contacts", Map.of("channel", "PHONE", "note", "called the customer"));
                }
            }
            case "RESPONDED", "INVESTIGATING" -> working(state, r);
            case "SOLUTION_PROPOSED" -> {
                if (r >= 55 || !consent(r < 35)) {
                    if (r < 80) {
                        propose();
                    } else {
                        resolve();
                    }
                }
            }
            case "PENDING_APPROVAL" -> decide(r < 65);
            case "AWAITING_CUSTOMER_CONSENT" -> {
                if (!consent(r < 65)) {
                    throw new AssertionError("case " + caseId + " awaits consent but no option can be offered");
                }
            }
            case "AGREED" -> {
                if (r < 10) {
                    resolve();
                } else {
                    deliver();
                }
            }
            case "IMPLEMENTING" -> resolve();
            case "RESOLVED", "FOLLOW_UP" -> followUpOrClose(r);
            default -> throw new AssertionError("unknown state " + state);
        }
        awaitMirror();
        return true;
    }

    /**
     * Whether intake's relay has opened the case of a complaint filed while routing was down; the
     * worker turns to other cases meanwhile (bounded).
     */
    private boolean routed() throws Exception {
        if (filedAt == null) {
            filedAt = java.time.Instant.now();
        }
        var complaint = expect(get("/api/v1/complaints/" + complaintId), "complaint", 200);
        caseId = Api.text(complaint.get("routing"), "caseId");
        if (caseId == null) {
            require(java.time.Instant.now().isBefore(filedAt.plus(WAIT.multipliedBy(3))), "routed in time", complaint);
            Thread.sleep(200);
        }
        return caseId != null;
    }

    /** The complaint shows the case's state, level, incident and round (ADR 0105). */
    static boolean mirrors(JsonNode complaint, JsonNode kase) {
        return Objects.equals(Api.text(complaint, "caseState"), Api.text(kase, "state"))
                && Objects.equals(Api.text(complaint, "canonicalLevel"), Api.text(kase, "level"))
                && Objects.equals(Api.text(complaint, "incidentId"), Api.text(kase, "incidentId"))
                && complaint.path("round").asInt() == kase.get("round").asInt();
    }

    private void working(String state, int r) throws Exception {
        if (r < 4) {
            notEstablished();
        } else if (r < 9) {
            raiseLevel();
        } else if (r < 14) {
            staff("escalations", Map.of("to", "role:" + tenant.preset() + "-duty-manager", "reason", "customer angry"));
        } else if (r < 20) {
            staff("contacts", Map.of("channel", "PHONE", "note", "progress call"));
        } else if (r < 28 && state.equals("RESPONDED")) {
            staff("investigation", Map.of());
        } else if (r < 68) {
            propose();
        } else {
            resolve();
        }
    }

    private JsonNode read() throws Exception {
        return expect(get("/api/v1/cases/" + caseId), "read case", 200);
    }

    /** A staff step on routing's case API; only one the case's {@code allowedActions} lists. */
    private void staff(String step, Map<String, Object> body) throws Exception {
        var action = STEPS.get(step);
        if (action.equals("CONTACT") && !allowed().contains(action)) {
            action = "LOG_CONTACT"; // a contact after the first response
        }
        assertAllowed(action);
        kase = expect(post(callers.admin(), "/api/v1/cases/" + caseId + "/" + step, body), step, 200);
        tally.count(action.toLowerCase());
    }

    private void raiseLevel() throws Exception {
        var next = LEVELS.indexOf(Api.text(kase, "level")) + 1;
        if (next >= LEVELS.size()) {
            staff("urgings", Map.of());
            return;
        }
        staff("level", Map.of("level", LEVELS.get(next), "reason", "customer threatens to go public"));
    }

    private void resolve() throws Exception {
        followUpsBefore.clear();
        followUps().forEach(f -> followUpsBefore.add(f.get("followUpId").asText()));
        var rework = random.nextInt(4) == 0;
        staff(
                "resolution",
                Map.of(
                        "resolution",
                        Map.of(
                                "rootCause",
                                "Supplier batch with a faulty seal",
                                "defectCorrection",
                                "Seal replaced and tested",
                                "rework",
                                rework,
                                "longTermMeasure",
                                Map.of(
                                        "action",
                                        "Incoming inspection tests every seal batch under pressure",
                                        "owner",
                                        "quality lead",
                                        "dueDate",
                                        "2027-06-30"))));
    }

    /** LC-31 through intake: the complaint is not valid; intake's relay closes the case. */
    private void notEstablished() throws Exception {
        assertAllowed("NOT_ESTABLISHED");
        var before = audited(kase, "NOT_ESTABLISHED");
        expect(
                post(
                        callers.admin(),
                        "/api/v1/complaints/" + complaintId + "/validity",
                        Map.of("valid", false, "reason", "not our product", "reply", "explained politely")),
                "validity",
                200);
        tally.count("not_established");
        awaitEvent("NOT_ESTABLISHED", before, "CLOSED_NOT_ESTABLISHED");
    }

    /** CP-01/ESC-04: one option the proposer approves alone, one that waits for an approver, or both. */
    private void propose() throws Exception {
        assertAllowed("PROPOSE");
        var options = switch (random.nextInt(3)) {
            case 0 -> List.of(option("VOUCHER", tenant.withinAuthority()));
            case 1 -> List.of(option("VOUCHER", tenant.aboveAuthority()));
            default -> List.of(option("VOUCHER", tenant.withinAuthority()), option("GIFT", tenant.aboveAuthority()));
        };
        var offers = audited(kase, "OFFER");
        var requests = audited(kase, "REQUEST_APPROVAL");
        var proposed = expect(
                post(callers.proposer(), "/api/v1/compensations", Map.of("caseId", caseId, "options", options)),
                "propose",
                201);
        tally.count("compensation_proposed");
        if (statuses(proposed).contains("PENDING_APPROVAL")) {
            awaitEvent("REQUEST_APPROVAL", requests, "PENDING_APPROVAL");
        } else {
            awaitEvent("OFFER", offers, "AWAITING_CUSTOMER_CONSENT");
        }
    }

    /**
     * The approver decides one pending option. Approved → offered; rejected → the case waits for
     * the other pending options, goes to the customer with the approved ones, or back to drafting
     * when nothing is left (DOMAIN §2.8 S8a → S8/S9).
     */
    private void decide(boolean approve) throws Exception {
        var pending = new ArrayList<String[]>();
        for (var c : compensations()) {
            for (var o : c.get("options")) {
                if ("PENDING_APPROVAL".equals(Api.text(o, "status"))) {
                    pending.add(new String[] {
                        c.get("compensationId").asText(), o.get("optionId").asText()
                    });
                }
            }
        }
        if (pending.isEmpty()) {
            throw new AssertionError("case " + caseId + " waits for an approval but no option is pending");
        }
        var pick = pending.get(random.nextInt(pending.size()));
        var offers = audited(kase, "OFFER");
        var redrafts = audited(kase, "PROPOSE");
        var decided = expect(
                post(
                        callers.admin(),
                        "/api/v1/compensations/" + pick[0] + "/approvals",
                        Map.of(
                                "optionId",
                                pick[1],
                                "decision",
                                approve ? "APPROVE" : "REJECT",
                                "reason",
                                "simulation")),
                "decide",
                200);
        tally.count(approve ? "approval_approved" : "approval_rejected");
        var waiting = false;
        for (var c : compensations()) {
            waiting |= statuses(c).contains("PENDING_APPROVAL");
        }
        if (approve || !waiting && statuses(decided).contains("APPROVED")) {
            awaitEvent("OFFER", offers, "AWAITING_CUSTOMER_CONSENT");
        } else if (!waiting) {
            awaitEvent("PROPOSE", redrafts, "SOLUTION_PROPOSED");
        }
    }

    /**
     * CP-06/CP-11: the customer accepts or rejects an approved option not yet rejected; false when
     * no option can be offered.
     */
    private boolean consent(boolean accept) throws Exception {
        var offerable = new ArrayList<String[]>();
        for (var c : compensations()) {
            if (c.hasNonNull("agreement")) {
                continue;
            }
            var rejected = new HashSet<String>();
            c.get("rejections").forEach(x -> rejected.add(x.get("optionId").asText()));
            for (var o : c.get("options")) {
                var id = o.get("optionId").asText();
                if ("APPROVED".equals(Api.text(o, "status")) && !rejected.contains(id)) {
                    offerable.add(new String[] {c.get("compensationId").asText(), id});
                }
            }
        }
        if (offerable.isEmpty()) {
            return false;
        }
        var pick = offerable.get(random.nextInt(offerable.size()));
        var before = audited(kase, accept ? "AGREE" : "OFFER_REJECTED");
        var body = accept
                ? Map.<String, Object>of("optionId", pick[1], "accepted", true)
                : Map.<String, Object>of("optionId", pick[1], "accepted", false, "customerWants", "更换新品");
        expect(post(callers.admin(), "/api/v1/compensations/" + pick[0] + "/consent", body), "consent", 200);
        tally.count(accept ? "consent_agreed" : "consent_rejected");
        awaitEvent(accept ? "AGREE" : "OFFER_REJECTED", before, accept ? "AGREED" : "SOLUTION_PROPOSED");
        return true;
    }

    /** LC-35: the agreed remedy is delivered. */
    private void deliver() throws Exception {
        for (var c : compensations()) {
            if (c.hasNonNull("agreement") && !c.hasNonNull("deliveredAt")) {
                var before = audited(kase, "IMPLEMENT");
                expect(
                        post(
                                callers.admin(),
                                "/api/v1/compensations/"
                                        + c.get("compensationId").asText() + "/delivery",
                                Map.of("reference", "SIM-" + caseId)),
                        "delivery",
                        200);
                tally.count("remedy_delivered");
                awaitEvent("IMPLEMENT", before, "IMPLEMENTING");
                return;
            }
        }
        throw new AssertionError("case " + caseId + " is AGREED but no agreement waits for delivery");
    }

    /**
     * FU-05/ESC-08: this round's follow-ups (planned by routing's relay after the resolution)
     * record satisfied or, once per case, unsatisfied (a second round); or the case closes, which
     * routing refuses without a satisfied follow-up after rework, a remedy or a reopening (LC-09).
     */
    private void followUpOrClose(int r) throws Exception {
        var open = new ArrayList<String>();
        for (var f : roundFollowUps()) {
            if (!"DONE".equals(Api.text(f, "status"))) {
                open.add(f.get("followUpId").asText());
            }
        }
        var satisfied = kase.path("followUpSatisfied").asBoolean(false);
        if (!open.isEmpty() && r >= 85 && !satisfied) {
            var refused = post(callers.admin(), "/api/v1/cases/" + caseId + "/closure", Map.of("reason", "done"));
            if (refused.status() == 409) {
                expect(refused, "closure without follow-up", 409);
                require(refused.body().contains("follow-up-required"), "a 409 on closure names the follow-up", refused);
                tally.count("closure_refused_follow_up_required");
                return;
            }
            kase = expect(refused, "closure", 200);
            tally.count("close");
            return;
        }
        if (!open.isEmpty() && (!satisfied || r < 25)) {
            var reopen = kase.get("reopenCount").asInt() == 0 && r < 30;
            var outcome = reopen ? "FOLLOW_UP_UNSATISFIED" : "FOLLOW_UP_SATISFIED";
            var before = audited(kase, outcome);
            expect(
                    post(
                            callers.admin(),
                            "/api/v1/follow-ups/" + open.get(random.nextInt(open.size())) + "/outcome",
                            reopen
                                    ? Map.of("satisfaction", 2, "resolved", false, "comment", "still broken")
                                    : Map.of("satisfaction", 5, "resolved", true)),
                    "follow-up outcome",
                    200);
            tally.count(reopen ? "follow_up_unsatisfied" : "follow_up_satisfied");
            awaitEvent(outcome, before, reopen ? "SECOND_HANDLING" : "FOLLOW_UP");
            return;
        }
        require(satisfied || open.isEmpty(), "closable", kase);
        staff("closure", Map.of("reason", "customer satisfied"));
    }

    /** The follow-ups planned for the latest resolution (waits for routing's relay to plan them). */
    private List<JsonNode> roundFollowUps() throws Exception {
        var round = new ArrayList<JsonNode>();
        var all = callers.admin()
                .await(
                        "/api/v1/follow-ups?caseId=" + caseId,
                        list -> list.size() >= followUpsBefore.size() + tenant.followUpsPerRound(),
                        WAIT);
        all.forEach(f -> {
            if (!followUpsBefore.contains(f.get("followUpId").asText())) {
                round.add(f);
            }
        });
        return round;
    }

    private List<JsonNode> followUps() throws Exception {
        var list = new ArrayList<JsonNode>();
        expect(get("/api/v1/follow-ups?caseId=" + caseId), "follow-ups", 200).forEach(list::add);
        return list;
    }

    private List<JsonNode> compensations() throws Exception {
        var list = new ArrayList<JsonNode>();
        expect(get("/api/v1/compensations?caseId=" + caseId), "compensations", 200)
                .forEach(list::add);
        return list;
    }

    /**
     * Waits until routing applied one more event of {@code action} (its audit shows it) and the
     * case is in {@code state}: the next move must not overtake an event still on its way.
     */
    private void awaitEvent(String action, long before, String state) throws Exception {
        Predicate<JsonNode> done = c -> audited(c, action) > before && state.equals(Api.text(c, "state"));
        kase = callers.admin().await("/api/v1/cases/" + caseId, done, WAIT);
    }

    static long audited(JsonNode kase, String action) {
        var count = 0L;
        for (var entry : kase.get("audit")) {
            if (action.equals(Api.text(entry, "action"))) {
                count++;
            }
        }
        return count;
    }

    /** The complaint catches up with the case (re-read both: a sweep may move the case meanwhile). */
    private void awaitMirror() throws Exception {
        var deadline = java.time.Instant.now().plus(WAIT);
        while (true) {
            var complaint = expect(get("/api/v1/complaints/" + complaintId), "complaint", 200);
            if (mirrors(complaint, kase)) {
                return;
            }
            if (java.time.Instant.now().isAfter(deadline)) {
                throw new AssertionError("complaint " + complaintId + " does not mirror case " + caseId + " within "
                        + WAIT + ": " + complaint + " vs " + kase);
            }
            Thread.sleep(250);
            kase = read();
        }
    }

    private void assertAllowed(String action) {
        require(allowed().contains(action), action + " is in allowedActions", kase);
    }

    private List<String> allowed() {
        var allowed = new ArrayList<String>();
        kase.get("allowedActions").forEach(a -> allowed.add(a.asText()));
        return allowed;
    }

    /**
     * A command as a client sends it: one that found the document changed meanwhile (409
     * concurrent-change, nothing stored) is sent again, at most three times; a 503 right after
     * routing's restart is sent again too (bounded by the recovery window).
     */
    private Api.Answer post(Api api, String path, Object body) throws Exception {
        for (var attempt = 1; ; attempt++) {
            var answer = api.post(path, body);
            if (answer.status() == 409 && answer.body().contains("concurrent-") && attempt < 3) {
                tally.count("resent_after_concurrent_change");
            } else if (!recovering(answer)) {
                return answer;
            }
        }
    }

    private Api.Answer get(String path) throws Exception {
        while (true) {
            var answer = callers.admin().get(path);
            if (!recovering(answer)) {
                return answer;
            }
        }
    }

    /** A 503 while the suite recovers from routing's restart: counted, waited for, asked again. */
    private boolean recovering(Api.Answer answer) throws InterruptedException {
        if (answer.status() != 503 || !java.time.Instant.now().isBefore(tally.recoveringUntil)) {
            return false;
        }
        tally.count("retried_503_after_routing_restart");
        Thread.sleep(1_000);
        return true;
    }

    private JsonNode expect(Api.Answer answer, String what, int status) {
        if (answer.status() >= 500) {
            tally.serverErrors.add(what + ": " + answer);
        }
        require(answer.status() == status, what + " answered " + status + " for case " + caseId, answer);
        return answer.json();
    }

    private static Set<String> statuses(JsonNode compensation) {
        var all = new HashSet<String>();
        compensation.get("options").forEach(o -> all.add(Api.text(o, "status")));
        return all;
    }

    private static Map<String, Object> option(String kind, String amount) {
        return Map.of("kind", kind, "amount", Map.of("amount", amount, "currency", "CNY"));
    }

    private static void require(boolean holds, String what, Object subject) {
        if (!holds) {
            throw new AssertionError(what + ": " + subject);
        }
    }
}
