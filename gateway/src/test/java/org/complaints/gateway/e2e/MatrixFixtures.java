package org.complaints.gateway.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.complaints.gateway.e2e.AuthorizationMatrix.Place;
import org.complaints.gateway.e2e.MatrixCatalogue.Fixture;
import org.complaints.gateway.e2e.MatrixCatalogue.Target;
import tools.jackson.databind.JsonNode;

/**
 * Builds the state a matrix call needs through the gateway, as permitted users of the target's
 * tenant do: the tenant's administrator (every role) files, accepts, contacts, resolves and records
 * the customer's answer; the proposer (the lowest rung of the approval ladder) proposes, so an option
 * above its authority waits for the next rung. Every step must succeed, or the fixture fails loudly.
 */
final class MatrixFixtures {

    private final RunningSuite suite;
    private final AuthorizationMatrix matrix;
    private final String month;
    private final String run = String.format("%05X", System.nanoTime() & 0xFFFFF);
    private final AtomicLong counter = new AtomicLong();
    private final Map<String, Api> staff = new ConcurrentHashMap<>();

    MatrixFixtures(RunningSuite suite, AuthorizationMatrix matrix, String month) {
        this.suite = suite;
        this.matrix = matrix;
        this.month = month;
    }

    /** Unique per call (11 characters): customer, subject, idempotency key and references of one request. */
    String nonce() {
        return run + String.format("%06d", counter.incrementAndGet());
    }

    Api admin(String tenant) {
        return staff(matrix.admins.get(tenant).credential());
    }

    Api staff(String user) {
        return staff.computeIfAbsent(user, u -> {
            try {
                return Api.staff(suite, u);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    Map<String, String> build(Fixture fixture, Place place) throws Exception {
        return switch (fixture) {
            case COMPLAINT -> complaint(place);
            case PROMISE -> promise(complaint(place));
            case ACCEPTED -> accepted(place);
            case RESPONDED -> responded(place);
            case PENDING -> propose(responded(place), false);
            case APPROVED -> propose(responded(place), true);
            case REJECTED -> consent(propose(responded(place), true), false);
            case AGREED -> consent(propose(responded(place), true), true);
            case RESOLVED -> resolved(responded(place));
            case FOLLOW_UP -> followUps(resolved(responded(place)));
            case INCIDENT -> incident(place);
            case NOTIFICATION -> duePromise(place);
        };
    }

    /** Routing's owner of the fixture: an incident's first task's owner, else the case's owner. */
    String owner(Fixture fixture, Map<String, String> data) throws Exception {
        var admin = admin(data.get("tenant"));
        if (fixture == Fixture.INCIDENT) {
            var incident =
                    admin.get("/api/v1/incidents/" + data.get("incidentId")).json();
            return incident.path("tasks").get(0).path("owner").asText(null);
        }
        if (data.get("caseId") == null) {
            return null;
        }
        return admin.get("/api/v1/cases/" + data.get("caseId"))
                .json()
                .path("owner")
                .asText(null);
    }

    /** Waits until routing shows the case in the state compensation's events lead to. */
    void awaitCase(Fixture fixture, Map<String, String> data) throws Exception {
        if (fixture.caseState == null) {
            return;
        }
        var admin = admin(data.get("tenant"));
        var deadline = Instant.now().plus(Duration.ofSeconds(60));
        JsonNode kase = null;
        while (Instant.now().isBefore(deadline)) {
            kase = admin.get("/api/v1/cases/" + data.get("caseId")).json();
            if (fixture.caseState.equals(kase.path("state").asText())) {
                return;
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException("fixture: case " + data.get("caseId") + " not " + fixture.caseState + ": "
                + (kase == null ? null : kase.path("state")));
    }

    /** Waits for what the services do after the calls (a due promise's notification). */
    void settle(Fixture fixture, Map<String, String> data) throws Exception {
        if (fixture != Fixture.NOTIFICATION) {
            return;
        }
        var admin = admin(data.get("tenant"));
        var deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            // Every page: the inbox puts unread first, then newest, and a suite-wide run fills it past one page.
            String cursor = null;
            do {
                var page = admin.get("/api/v1/notifications?limit=200" + (cursor == null ? "" : "&cursor=" + cursor))
                        .json();
                for (var n : page.path("items")) {
                    if (data.get("complaintId").equals(n.path("complaintId").asText())) {
                        if (!data.get("recipient").equals(n.path("recipient").asText())) {
                            throw new IllegalStateException("the promise rules and the service disagree: expected "
                                    + data.get("recipient") + ", got " + n);
                        }
                        data.put("notificationId", n.path("id").asText());
                        return;
                    }
                }
                cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
            } while (cursor != null);
            Thread.sleep(1000);
        }
        throw new IllegalStateException("no notification for the broken promise of " + data.get("complaintId"));
    }

    private Map<String, String> complaint(Place place) throws Exception {
        return complaint(place, Map.of());
    }

    private Map<String, String> complaint(Place place, Map<String, Object> extra) throws Exception {
        var admin = matrix.admins.get(place.tenant());
        var preset = matrix.tenant(place.tenant()).preset();
        var target = new Target(admin, place, Map.of(), matrix.terms(place.tenant()), month, nonce());
        var request = MatrixCatalogue.filing(target, MatrixCatalogue.channelFor(matrix.presets, preset, admin), extra);
        var filed = admin(place.tenant())
                .with("Idempotency-Key", request.headers().get("Idempotency-Key"))
                .post(request.path(), request.body());
        var complaint = expect(filed, 201, "file a complaint at " + place.site());
        var data = new LinkedHashMap<String, String>();
        data.put("tenant", place.tenant());
        data.put("region", place.region());
        data.put("site", place.site());
        data.put("complaintId", complaint.get("id").asText());
        data.put("customerId", "mx-" + target.nonce());
        var routing = complaint.get("routing");
        var caseId = routing != null && routing.hasNonNull("caseId")
                ? routing.get("caseId").asText()
                : ComplaintJourneyIT.awaitRouted(admin(place.tenant()), data.get("complaintId"))
                        .json()
                        .get("routing")
                        .get("caseId")
                        .asText();
        data.put("caseId", caseId);
        return data;
    }

    private Map<String, String> promise(Map<String, String> data) throws Exception {
        Api.Answer promised = null;
        // The case-state mirror may write the complaint at the same moment: a 409 concurrent-change
        // says "read it and retry", which is what a client does.
        for (var attempt = 0; attempt < 3 && (promised == null || promised.status() == 409); attempt++) {
            promised = admin(data.get("tenant"))
                    .post(
                            "/api/v1/complaints/" + data.get("complaintId") + "/promises",
                            Map.of("text", "明天上午回电", "dueIn", "P2D"));
        }
        data.put(
                "promiseId",
                expect(promised, 201, "record a promise").get("promiseId").asText());
        return data;
    }

    /** RT-06: the tenant's threshold of complaints on one product at one site forms an incident. */
    private Map<String, String> incident(Place place) throws Exception {
        var product = Map.<String, Object>of("product", Map.of("sku", "GROUP-" + nonce(), "name", "热水器"));
        var rule = AuthorizationMatrix.map(matrix.presets
                .of("routing", matrix.tenant(place.tenant()).preset())
                .get("groupComplaint"));
        var threshold = ((Number) rule.get("threshold")).intValue();
        Map<String, String> data = null;
        for (var i = 0; i < threshold; i++) {
            data = complaint(place, product);
        }
        var kase =
                admin(place.tenant()).get("/api/v1/cases/" + data.get("caseId")).json();
        if (!kase.hasNonNull("incidentId")) {
            throw new IllegalStateException("fixture: " + threshold + " complaints on one product formed no incident");
        }
        data.put("incidentId", kase.get("incidentId").asText());
        var tasks = new java.util.ArrayList<String>();
        admin(place.tenant())
                .get("/api/v1/incidents/" + data.get("incidentId"))
                .json()
                .path("tasks")
                .forEach(task -> tasks.add(task.path("id").asText()));
        if (tasks.isEmpty()) {
            throw new IllegalStateException("fixture: incident " + data.get("incidentId") + " has no tasks");
        }
        data.put("taskId", tasks.getFirst());
        data.put("taskIds", String.join(",", tasks));
        return data;
    }

    /** OT-20/21: a promise due in two seconds, owned by the administrator; {@link #settle} waits for its notification. */
    private Map<String, String> duePromise(Place place) throws Exception {
        var data = complaint(place);
        var promised = expect(
                admin(place.tenant())
                        .post(
                                "/api/v1/complaints/" + data.get("complaintId") + "/promises",
                                Map.of("text", "两秒内回电", "dueIn", "PT2S")),
                201,
                "record a promise due at once");
        var expected = matrix.presets.promiseSupervisor(
                matrix.tenant(place.tenant()).preset(),
                matrix.admins.get(place.tenant()).roles());
        if (!expected.equals(promised.get("supervisorRole").asText())) {
            throw new IllegalStateException(
                    "the promise rules and the service disagree: expected " + expected + ", got " + promised);
        }
        data.put("recipient", "role:" + expected);
        return data;
    }

    private Map<String, String> accepted(Place place) throws Exception {
        var data = complaint(place);
        expect(
                admin(place.tenant()).post("/api/v1/cases/" + data.get("caseId") + "/acceptance", Map.of()),
                200,
                "accept the case");
        return data;
    }

    private Map<String, String> responded(Place place) throws Exception {
        var data = accepted(place);
        var admin = admin(place.tenant());
        expect(
                admin.post(
                        "/api/v1/cases/" + data.get("caseId") + "/contacts",
                        Map.of("channel", "PHONE", "note", "called the customer")),
                200,
                "contact the customer");
        return data;
    }

    /**
     * Options within the proposer's authority (one, approved at once) or just above it (three,
     * pending for the next rung: each serves one decision; {@code optionIds} lists them).
     */
    private Map<String, String> propose(Map<String, String> data, boolean withinAuthority) throws Exception {
        var terms = matrix.terms(data.get("tenant"));
        var amount = withinAuthority ? terms.approvedAmount() : terms.pendingAmount();
        var option = Map.of("kind", terms.kind(), "amount", Map.of("amount", amount, "currency", "CNY"));
        var proposer = staff(matrix.proposers.get(data.get("tenant")).credential());
        var proposed = expect(
                proposer.post(
                        "/api/v1/compensations",
                        Map.of(
                                "caseId",
                                data.get("caseId"),
                                "options",
                                withinAuthority ? List.of(option) : List.of(option, option, option))),
                201,
                "propose " + amount);
        var status = withinAuthority ? "APPROVED" : "PENDING_APPROVAL";
        var ids = new java.util.ArrayList<String>();
        for (var proposedOption : proposed.get("options")) {
            if (!status.equals(proposedOption.get("status").asText())
                    || (!withinAuthority
                            && !terms.requiredRole()
                                    .equals(proposedOption.get("requiredRole").asText()))) {
                throw new IllegalStateException("the authority matrix and the service disagree: expected " + status
                        + " for " + terms.requiredRole() + ", got " + proposedOption);
            }
            ids.add(proposedOption.get("optionId").asText());
        }
        data.put("compensationId", proposed.get("compensationId").asText());
        data.put("optionId", ids.getFirst());
        data.put("optionIds", String.join(",", ids));
        return data;
    }

    private Map<String, String> consent(Map<String, String> data, boolean accepted) throws Exception {
        var body = new LinkedHashMap<String, Object>();
        body.put("optionId", data.get("optionId"));
        body.put("accepted", accepted);
        if (!accepted) {
            body.put("customerWants", "希望延长保修");
        }
        expect(
                admin(data.get("tenant"))
                        .post("/api/v1/compensations/" + data.get("compensationId") + "/consent", body),
                200,
                accepted ? "record the agreement" : "record the rejection");
        return data;
    }

    private Map<String, String> resolved(Map<String, String> data) throws Exception {
        expect(
                admin(data.get("tenant"))
                        .post(
                                "/api/v1/cases/" + data.get("caseId") + "/resolution",
                                Map.of("resolution", MatrixCatalogue.resolution())),
                200,
                "resolve the case");
        return data;
    }

    /** The follow-ups routing asks for when the case is resolved (FU-*), delivered by its relay. */
    private Map<String, String> followUps(Map<String, String> data) throws Exception {
        var admin = admin(data.get("tenant"));
        var deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            var planned = admin.get("/api/v1/follow-ups?caseId=" + data.get("caseId"));
            if (planned.status() == 200 && !planned.json().isEmpty()) {
                var ids = new java.util.ArrayList<String>();
                planned.json().forEach(f -> ids.add(f.path("followUpId").asText()));
                data.put("followUpId", ids.getFirst());
                data.put("followUpIds", String.join(",", ids));
                return data;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("no follow-up planned for case " + data.get("caseId"));
    }

    private static JsonNode expect(Api.Answer answer, int status, String what) {
        if (answer.status() != status) {
            throw new IllegalStateException("fixture: " + what + " answered " + answer);
        }
        return answer.json();
    }
}
