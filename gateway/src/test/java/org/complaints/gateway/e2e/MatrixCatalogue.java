package org.complaints.gateway.e2e;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.complaints.gateway.e2e.AuthorizationMatrix.Place;
import org.complaints.gateway.e2e.AuthorizationMatrix.Position;
import org.complaints.gateway.e2e.AuthorizationMatrix.Presets;
import org.complaints.gateway.e2e.AuthorizationMatrix.Principal;
import org.complaints.gateway.e2e.AuthorizationMatrix.Terms;
import tools.jackson.databind.JsonNode;

/**
 * Per service, which public endpoint and request exercises each table action, the state it needs
 * ({@link Fixture}, built through the API by a permitted user first), and the gates the call passes
 * in the order the service checks them (read from the controllers): the gateway's partner scope,
 * a table row, the caller's scope (404: "not found" outside it, ADR 0021), authority and ladder
 * rules. The expected answers come from the tables; nothing here names a role.
 *
 * <p>Routing and follow-up have no {@code permissions:} table yet: their writes are listed now and
 * generated once a table is present ({@code scopeOnlyWithoutTable} false); their reads are checked
 * for scope meanwhile. Their check order (scope before role, as routing's closure rule does today)
 * is to be confirmed against the table's enforcement point when it lands.
 */
final class MatrixCatalogue {

    private MatrixCatalogue() {}

    enum Shape {
        /** A command: allowed → its success status; denied → the status, and nothing changed. */
        WRITE,
        /** A read by id. */
        READ,
        /** A list: 200 with the target only when the caller may see it, and nothing outside the caller's scope. */
        LIST,
        /** A summary or report for a region: the caller's share equals the administrator's narrowed to it. */
        SUMMARY
    }

    /** A state a call needs; {@link MatrixFixtures} builds it through the API as a permitted user. */
    enum Fixture {
        /** A filed and routed complaint; its case is registered. */
        COMPLAINT(null),
        /** A complaint with an open promise. */
        PROMISE(null),
        /** A case accepted, the customer not contacted yet. */
        ACCEPTED(null),
        /** A case accepted and contacted (RESPONDED): options may be proposed. */
        RESPONDED(null),
        /** A compensation whose options wait for the rung above the proposer. */
        PENDING("PENDING_APPROVAL"),
        /** A compensation with an option approved at once and offered. */
        APPROVED("AWAITING_CUSTOMER_CONSENT"),
        /** As APPROVED, then rejected once by the customer: the case waits for a new offer. */
        REJECTED("SOLUTION_PROPOSED"),
        /** As APPROVED, then agreed: the remedy waits for delivery. */
        AGREED("AGREED"),
        /** A resolved case. */
        RESOLVED(null),
        /** A resolved case with its follow-ups planned. */
        FOLLOW_UP(null),
        /** Three complaints on one product at one site: a group-complaint incident (RT-06). */
        INCIDENT(null),
        /** A promise left to fall due: intake's sweep breaks it and routing notifies its owner's supervisor role (OT-21). */
        NOTIFICATION(null);

        /**
         * The case state routing shows once compensation's events reached it (compensation flushes
         * them before its own checks; routing's public steps do not wait).
         */
        final String caseState;

        Fixture(String caseState) {
            this.caseState = caseState;
        }
    }

    sealed interface Gate {
        String describe();

        /** The gateway: a partner key needs {@code <area>:read|write} (403 insufficient-scope). */
        record PartnerScope(String scope) implements Gate {
            public String describe() {
                return "key scope " + scope;
            }
        }

        /** A row of the entry's service table (403). */
        record Role(String action) implements Gate {
            public String describe() {
                return "table " + action;
            }
        }

        /** The target must lie in the caller's tenant, regions and sites (404; a list just leaves it out). */
        record InScope() implements Gate {
            public String describe() {
                return "scope";
            }
        }

        /** The target must be of the caller's tenant (404). */
        record SameTenant() implements Gate {
            public String describe() {
                return "tenant";
            }
        }

        /** A summary's region parameter outside the caller's regions is not found (404, ADR 0021). */
        record RegionParam() implements Gate {
            public String describe() {
                return "region scope";
            }
        }

        /** LC-03: the channel's recorder roles, or partnerAllowed (403); null = the channel the caller may file. */
        record Recorder(String channel) implements Gate {
            public String describe() {
                return "recorder of " + (channel == null ? "the caller's channel" : channel);
            }
        }

        /** Filing: a site of another tenant is unknown (422), one outside the caller's scope is refused (403). */
        record FilingSite() implements Gate {
            public String describe() {
                return "filing site";
            }
        }

        /** CP-01: approving needs authority for the pending amount (403). */
        record ApproveAuthority() implements Gate {
            public String describe() {
                return "authority";
            }
        }

        /** ESC-04: rejecting needs a ladder rung at or above the option's required role (403). */
        record RejectRung() implements Gate {
            public String describe() {
                return "ladder rung";
            }
        }

        /** The approvals inbox shows an option only to holders of its required role. */
        record HoldsRequiredRole() implements Gate {
            public String describe() {
                return "required role";
            }
        }

        /**
         * A notification is its recipient's: the supervisor role of the promise owner's roles
         * (intake's {@code promises}); anyone else is answered 404, and a list leaves it out.
         */
        record Recipient() implements Gate {
            public String describe() {
                return "recipient";
            }
        }

        /** A work list shows the fixture's task to its owner only (a person, or a holder of its {@code role:}). */
        record Owner() implements Gate {
            public String describe() {
                return "task owner";
            }
        }

        /** LC-09: a follow-up's outcome is recorded by the roles of its task (403). */
        record TaskRole() implements Gate {
            public String describe() {
                return "task roles";
            }
        }
    }

    record Request(String method, String path, Object body, Map<String, String> headers) {
        static Request get(String path) {
            return new Request("GET", path, null, Map.of());
        }

        static Request post(String path, Object body) {
            return new Request("POST", path, body, Map.of());
        }

        static Request put(String path, Object body) {
            return new Request("PUT", path, body, Map.of());
        }
    }

    /** What a request is built from: who calls, where the target is, the fixture there, and a unique nonce. */
    record Target(
            Principal principal, Place place, Map<String, String> fixture, Terms terms, String month, String nonce) {
        String get(String key) {
            var value = fixture.get(key);
            if (value == null) {
                throw new IllegalStateException("fixture has no " + key + ": " + fixture);
            }
            return value;
        }
    }

    interface Requester {
        Request build(Target target);
    }

    /**
     * What a denied write must leave unchanged, read by the administrator of the target's tenant:
     * the fixture it targets, or what the call alone would have created: then {@code nothing} is
     * what the snapshot reads before the call by construction (its customer is new).
     */
    record Snapshot(String name, String nothing, Reader reader) {
        interface Reader {
            String take(Target target, Function<String, Api> adminOf) throws Exception;
        }

        static Snapshot of(String name, Reader reader) {
            return new Snapshot(name, null, reader);
        }

        String take(Target target, Function<String, Api> adminOf) throws Exception {
            return reader.take(target, adminOf);
        }
    }

    /** The fixture state an allowed call leaves behind, for a later call that needs it (an allowed APPROVE leaves an APPROVED option). */
    record Produced(Fixture fixture, Map<String, String> data) {}

    interface Producer {
        Optional<Produced> after(Target target, JsonNode answer);
    }

    /** Where a list's items are ({@code itemsField} null = the answer is the array) and which fixture id to look for. */
    record Lister(String itemsField, String idField, String fixtureKey) {
        List<JsonNode> items(JsonNode answer) {
            var array = itemsField == null ? answer : answer.get(itemsField);
            var items = new ArrayList<JsonNode>();
            if (array != null) {
                array.forEach(items::add);
            }
            return items;
        }
    }

    interface SummaryPath {
        String path(String month, String region, String site);
    }

    record Entry(
            String service,
            String action,
            boolean scopeOnlyWithoutTable,
            String label,
            Shape shape,
            List<Position> positions,
            Fixture fixture,
            boolean consumes,
            int ok,
            List<Gate> gates,
            Requester request,
            Snapshot snapshot,
            Lister lister,
            SummaryPath summary,
            Producer produces) {

        /** An allowed call leaves the fixture usable for the next (it only adds or repeats a fact). */
        Entry nonConsuming() {
            return new Entry(
                    service,
                    action,
                    scopeOnlyWithoutTable,
                    label,
                    shape,
                    positions,
                    fixture,
                    false,
                    ok,
                    gates,
                    request,
                    snapshot,
                    lister,
                    summary,
                    produces);
        }

        /** Permitted callers get {@code status}: the step's own rule refuses what the fixture cannot give. */
        Entry succeedingWith(int status) {
            return new Entry(
                    service,
                    action,
                    scopeOnlyWithoutTable,
                    label,
                    shape,
                    positions,
                    fixture,
                    consumes,
                    status,
                    gates,
                    request,
                    snapshot,
                    lister,
                    summary,
                    produces);
        }

        Entry at(List<Position> where) {
            return new Entry(
                    service,
                    action,
                    scopeOnlyWithoutTable,
                    label,
                    shape,
                    where,
                    fixture,
                    consumes,
                    ok,
                    gates,
                    request,
                    snapshot,
                    lister,
                    summary,
                    produces);
        }

        /** Until the service has a table, check the entry for scope only (reads); otherwise it is skipped. */
        Entry scopeOnlyUntilTable() {
            return new Entry(
                    service, action, true, label, shape, positions, fixture, consumes, ok, gates, request, snapshot,
                    lister, summary, produces);
        }

        Entry producing(Producer producer) {
            return new Entry(
                    service,
                    action,
                    scopeOnlyWithoutTable,
                    label,
                    shape,
                    positions,
                    fixture,
                    consumes,
                    ok,
                    gates,
                    request,
                    snapshot,
                    lister,
                    summary,
                    producer);
        }
    }

    static final List<Position> EVERYWHERE =
            List.of(Position.OWN_SITE, Position.SAME_REGION, Position.OTHER_REGION, Position.OTHER_TENANT);
    static final List<Position> REGIONS = List.of(Position.OWN_SITE, Position.OTHER_REGION, Position.NONE);
    static final List<Position> NOWHERE = List.of(Position.NONE);
    /** Channel.external() in intake: these weigh on the level, so the level entries prefer other channels. */
    static final Set<String> EXTERNAL_CHANNELS =
            Set.of("MEDIA", "CONSUMER_ASSOCIATION", "REGULATOR", "COURT", "HQ_EXECUTIVE_LETTER");

    /** Public endpoints the catalogue leaves out, and why (printed in the report). */
    static final List<String> NOT_IN_THE_MATRIX = List.of(
            "POST /api/v1/cases/{id}/tasks/{taskId}/completion: a case's side-route tasks (ESC-01, ESC-03, SLA-X2,"
                    + " CH-03) need channel- and level-specific complaints; COMPLETE_TASK is tried on incident tasks",
            "GET|POST /api/v1/operations/<service>/relay/parked...: the operator roles are configuration"
                    + " (complaints.relay.operator-roles, defaults in SupportAutoConfiguration), not a preset's"
                    + " permissions table",
            "GET|POST|DELETE /api/v1/webhooks/subscriptions...: partner keys by scope webhooks:read|write and"
                    + " tenant administrators by configuration (complaints.webhooks.admin-roles, as the relay"
                    + " operators), not a preset's permissions table; covered by routing's WebhooksIT and the"
                    + " end-to-end WebhooksIT (ADR 0260)",
            "GET /api/v1/openapi.json and the local profile's /dev/**: public by design (no data)");

    static List<Entry> entries(Presets presets, String preset) {
        var entries = new ArrayList<Entry>();
        entries.addAll(intake(presets, preset));
        entries.addAll(compensation());
        entries.addAll(routing());
        entries.addAll(followup());
        entries.addAll(reference());
        return entries;
    }

    // ---------------------------------------------------------------- intake

    static List<Entry> intake(Presets presets, String preset) {
        var entries = new ArrayList<Entry>();
        var writeScope = new Gate.PartnerScope("complaints:write");
        var readScope = new Gate.PartnerScope("complaints:read");
        // One filing per distinct recorder rule: channels sharing a rule are the same case.
        var byRule = new LinkedHashMap<String, List<String>>();
        presets.channels(preset)
                .forEach((channel, rule) -> byRule.computeIfAbsent(
                                new TreeSet<>(AuthorizationMatrix.strings(rule.get("recorderRoles"))) + "/"
                                        + rule.get("partnerAllowed"),
                                k -> new ArrayList<>())
                        .add(channel));
        for (var channels : byRule.values()) {
            var channel = channels.getFirst();
            entries.add(write(
                    "intake",
                    null,
                    "POST /complaints " + channels,
                    EVERYWHERE,
                    null,
                    201,
                    List.of(writeScope, new Gate.Recorder(channel), new Gate.FilingSite()),
                    t -> filing(t, channel, Map.of()),
                    NEW_COMPLAINT));
        }
        entries.add(write(
                "intake",
                "LEVEL_RAISE",
                "POST /complaints requestedLevel above",
                EVERYWHERE,
                null,
                201,
                List.of(writeScope, new Gate.Recorder(null), new Gate.FilingSite(), new Gate.Role("LEVEL_RAISE")),
                t -> filing(t, channelFor(presets, preset, t.principal()), Map.of("requestedLevel", "MAJOR")),
                NEW_COMPLAINT));
        entries.add(write(
                "intake",
                "LEVEL_LOWER",
                "POST /complaints requestedLevel below",
                EVERYWHERE,
                null,
                201,
                List.of(writeScope, new Gate.Recorder(null), new Gate.FilingSite(), new Gate.Role("LEVEL_LOWER")),
                t -> filing(
                        t,
                        channelFor(presets, preset, t.principal()),
                        Map.of("circumstances", List.of("DEADLINE_DEMANDED"), "requestedLevel", "GENERAL")),
                NEW_COMPLAINT));
        entries.add(write(
                        "intake",
                        "VALIDITY",
                        "POST /complaints/{id}/validity",
                        EVERYWHERE,
                        Fixture.COMPLAINT,
                        200,
                        List.of(writeScope, new Gate.Role("VALIDITY"), new Gate.InScope()),
                        t -> Request.post(
                                "/api/v1/complaints/" + t.get("complaintId") + "/validity",
                                Map.of("valid", true, "reason", "checked by the matrix", "reply", "感谢您的反馈")),
                        COMPLAINT_STATE)
                .nonConsuming());
        entries.add(write(
                        "intake",
                        "LEGAL_HOLD",
                        "POST /complaints/{id}/legal-hold",
                        EVERYWHERE,
                        Fixture.COMPLAINT,
                        200,
                        List.of(writeScope, new Gate.Role("LEGAL_HOLD"), new Gate.InScope()),
                        t -> Request.post(
                                "/api/v1/complaints/" + t.get("complaintId") + "/legal-hold",
                                Map.of("hold", true, "reason", "matrix")),
                        COMPLAINT_STATE)
                .nonConsuming());
        entries.add(write(
                        "intake",
                        "MALICIOUS_FLAG",
                        "POST /complaints/{id}/malicious-suspicion",
                        EVERYWHERE,
                        Fixture.COMPLAINT,
                        200,
                        List.of(writeScope, new Gate.Role("MALICIOUS_FLAG"), new Gate.InScope()),
                        t -> Request.post(
                                "/api/v1/complaints/" + t.get("complaintId") + "/malicious-suspicion",
                                Map.of("suspected", true, "reason", "matrix")),
                        COMPLAINT_STATE)
                .nonConsuming());
        entries.add(write(
                        "intake",
                        "PROMISE_CREATE",
                        "POST /complaints/{id}/promises",
                        EVERYWHERE,
                        Fixture.COMPLAINT,
                        201,
                        List.of(writeScope, new Gate.Role("PROMISE_CREATE"), new Gate.InScope()),
                        t -> Request.post(
                                "/api/v1/complaints/" + t.get("complaintId") + "/promises",
                                Map.of("text", "三天内回电", "dueIn", "P3D")),
                        PROMISES)
                .nonConsuming()
                .producing((t, answer) -> {
                    var data = new LinkedHashMap<>(t.fixture());
                    data.put("promiseId", answer.get("promiseId").asText());
                    return Optional.of(new Produced(Fixture.PROMISE, data));
                }));
        entries.add(write(
                "intake",
                "PROMISE_FULFIL",
                "POST /complaints/{id}/promises/{promiseId}/fulfilment",
                EVERYWHERE,
                Fixture.PROMISE,
                200,
                List.of(writeScope, new Gate.Role("PROMISE_FULFIL"), new Gate.InScope()),
                t -> Request.post(
                        "/api/v1/complaints/" + t.get("complaintId") + "/promises/" + t.get("promiseId")
                                + "/fulfilment",
                        Map.of("kept", true)),
                PROMISES));
        entries.add(read(
                "intake",
                null,
                "GET /complaints/{id}",
                Fixture.COMPLAINT,
                List.of(readScope, new Gate.InScope()),
                t -> Request.get("/api/v1/complaints/" + t.get("complaintId"))));
        entries.add(read(
                "intake",
                null,
                "GET /complaints/{id}/promises",
                Fixture.PROMISE,
                List.of(readScope, new Gate.InScope()),
                t -> Request.get("/api/v1/complaints/" + t.get("complaintId") + "/promises")));
        entries.add(list(
                "intake",
                null,
                "GET /complaints",
                EVERYWHERE,
                Fixture.COMPLAINT,
                List.of(readScope, new Gate.InScope()),
                t -> Request.get("/api/v1/complaints?limit=200"),
                new Lister("items", "id", "complaintId")));
        entries.add(list(
                "intake",
                null,
                "GET /customers/{id}/complaints",
                EVERYWHERE,
                Fixture.COMPLAINT,
                List.of(readScope, new Gate.InScope()),
                t -> Request.get("/api/v1/customers/" + t.get("customerId") + "/complaints"),
                new Lister("items", "id", "complaintId")));
        entries.add(summary(
                "intake",
                null,
                "GET /complaints/summary",
                List.of(readScope, new Gate.RegionParam()),
                (month, region, site) -> "/api/v1/complaints/summary?month=" + month + params(region, site)));
        return entries;
    }

    /** A complaint every preset accepts on any channel: all mandatory fields present, unique subject and customer. */
    static Request filing(Target t, String channel, Map<String, Object> extra) {
        var body = new LinkedHashMap<String, Object>();
        body.put("channel", channel);
        body.put("site", t.place().site());
        body.put("customer", Map.of("id", "mx-" + t.nonce(), "name", "矩阵客户", "phone", "13800000000"));
        body.put("vehicle", Map.of("vin", "LSVAA4" + t.nonce(), "plate", "沪A12345"));
        body.put("product", Map.of("sku", "SKU-" + t.nonce(), "name", "热水器"));
        body.put("order", Map.of("orderNumber", "ORD-" + t.nonce()));
        body.put("category", Map.of("subjectType", "PRODUCT_QUALITY", "responsibleDomain", "TECHNICAL"));
        body.put("content", "授权矩阵测试投诉");
        body.put("demand", Map.of("kind", "APOLOGY", "text", "要求道歉"));
        body.put("brandTicketNumber", "BT-" + t.nonce());
        body.putAll(extra);
        return new Request("POST", "/api/v1/complaints", body, Map.of("Idempotency-Key", "mx-" + t.nonce()));
    }

    /** The channel a principal files on: one it may record, preferring one that does not weigh on the level. */
    static String channelFor(Presets presets, String preset, Principal p) {
        var channels = presets.channels(preset);
        var recordable = channels.entrySet().stream()
                .filter(e -> p.partner()
                        ? !Boolean.FALSE.equals(e.getValue().get("partnerAllowed"))
                        : AuthorizationMatrix.strings(e.getValue().get("recorderRoles"))
                                        .isEmpty()
                                || AuthorizationMatrix.strings(e.getValue().get("recorderRoles")).stream()
                                        .anyMatch(p.roles()::contains))
                .map(Map.Entry::getKey)
                .toList();
        return recordable.stream()
                .filter(c -> !EXTERNAL_CHANNELS.contains(c))
                .findFirst()
                .or(() -> recordable.stream().findFirst())
                .orElse(channels.keySet().iterator().next());
    }

    static final Snapshot NEW_COMPLAINT = new Snapshot("new complaint", "200 []", MatrixCatalogue::customerComplaints);
    static final Snapshot COMPLAINT_STATE = Snapshot.of("complaint", MatrixCatalogue::complaintState);
    static final Snapshot PROMISES = Snapshot.of("promises", MatrixCatalogue::promises);
    static final Snapshot COMPENSATION_STATE = Snapshot.of("compensation", MatrixCatalogue::compensationState);

    /** A denied filing stores nothing: the call's unique customer has no complaint in the caller's tenant. */
    static String customerComplaints(Target t, Function<String, Api> adminOf) throws Exception {
        var answer = adminOf.apply(t.principal().tenant()).get("/api/v1/customers/mx-" + t.nonce() + "/complaints");
        return answer.status() + " " + answer.json().get("items");
    }

    /** What validity, legal-hold and malicious-suspicion decisions change. */
    static String complaintState(Target t, Function<String, Api> adminOf) throws Exception {
        var complaint = adminOf.apply(t.place().tenant())
                .get("/api/v1/complaints/" + t.get("complaintId"))
                .json();
        return "validity=" + complaint.get("validity") + " legalHold=" + complaint.get("legalHold") + " flags="
                + complaint.get("flags") + " flagDecisions=" + complaint.get("flagDecisions");
    }

    static String promises(Target t, Function<String, Api> adminOf) throws Exception {
        return adminOf.apply(t.place().tenant())
                .get("/api/v1/complaints/" + t.get("complaintId") + "/promises")
                .body();
    }

    // ---------------------------------------------------------------- compensation

    static List<Entry> compensation() {
        var entries = new ArrayList<Entry>();
        var read = new Gate.PartnerScope("compensations:read");
        var write = new Gate.PartnerScope("compensations:write");
        var readRole = new Gate.Role("READ");
        var scope = new Gate.InScope();
        entries.add(read(
                "compensation",
                "READ",
                "GET /compensations/{id}",
                Fixture.PENDING,
                List.of(read, readRole, scope),
                t -> Request.get("/api/v1/compensations/" + t.get("compensationId"))));
        entries.add(list(
                "compensation",
                "READ",
                "GET /compensations?caseId",
                EVERYWHERE,
                Fixture.PENDING,
                List.of(read, readRole, scope),
                t -> Request.get("/api/v1/compensations?caseId=" + t.get("caseId")),
                new Lister(null, "compensationId", "compensationId")));
        entries.add(list(
                "compensation",
                "READ",
                "GET /compensations",
                EVERYWHERE,
                Fixture.PENDING,
                List.of(read, readRole, scope),
                t -> Request.get("/api/v1/compensations"),
                new Lister(null, "compensationId", "compensationId")));
        entries.add(list(
                "compensation",
                "READ",
                "GET /compensations/approvals/pending",
                EVERYWHERE,
                Fixture.PENDING,
                List.of(read, readRole, scope, new Gate.HoldsRequiredRole()),
                t -> Request.get("/api/v1/compensations/approvals/pending"),
                new Lister(null, "compensationId", "compensationId")));
        entries.add(read(
                        "compensation",
                        "READ",
                        "GET /authority-matrix",
                        null,
                        List.of(read, readRole),
                        t -> Request.get("/api/v1/authority-matrix"))
                .at(NOWHERE));
        entries.add(list(
                "compensation",
                "LEDGER_READ",
                "GET /compensations/ledger",
                EVERYWHERE,
                Fixture.APPROVED,
                List.of(read, new Gate.Role("LEDGER_READ"), scope),
                t -> Request.get("/api/v1/compensations/ledger"),
                new Lister(null, "compensationId", "compensationId")));
        entries.add(list(
                "compensation",
                "BUDGET_READ",
                "GET /budgets",
                EVERYWHERE,
                Fixture.APPROVED,
                List.of(read, new Gate.Role("BUDGET_READ"), scope),
                t -> Request.get("/api/v1/budgets?month=" + t.month()),
                new Lister(null, "site", "site")));
        entries.add(summary(
                "compensation",
                "SUMMARY_READ",
                "GET /compensations/summary",
                List.of(read, new Gate.Role("SUMMARY_READ"), new Gate.RegionParam()),
                (month, region, site) -> "/api/v1/compensations/summary?month=" + month + params(region, site)));
        entries.add(write(
                        "compensation",
                        "PROPOSE",
                        "POST /compensations",
                        EVERYWHERE,
                        Fixture.RESPONDED,
                        201,
                        List.of(write, new Gate.Role("PROPOSE"), scope),
                        t -> Request.post(
                                "/api/v1/compensations",
                                Map.of(
                                        "caseId",
                                        t.get("caseId"),
                                        "options",
                                        List.of(option(t, t.terms().approvedAmount())))),
                        Snapshot.of(
                                "compensations of the case",
                                (t, adminOf) -> adminOf.apply(t.place().tenant())
                                        .get("/api/v1/compensations?caseId=" + t.get("caseId"))
                                        .body()))
                .producing((t, answer) -> optionAs(t, answer, "APPROVED", Fixture.APPROVED)));
        var decided = List.<Gate>of(write, readRole, scope);
        entries.add(write(
                        "compensation",
                        "APPROVE",
                        "POST /compensations/{id}/approvals APPROVE",
                        EVERYWHERE,
                        Fixture.PENDING,
                        200,
                        append(decided, new Gate.Role("APPROVE"), new Gate.ApproveAuthority()),
                        t -> decision(t, Map.of("decision", "APPROVE")),
                        COMPENSATION_STATE)
                .producing((t, answer) -> optionAs(t, answer, "APPROVED", Fixture.APPROVED)));
        entries.add(write(
                        "compensation",
                        "MODIFY",
                        "POST /compensations/{id}/approvals MODIFY",
                        EVERYWHERE,
                        Fixture.PENDING,
                        200,
                        append(decided, new Gate.Role("MODIFY")),
                        t -> decision(
                                t,
                                Map.of(
                                        "decision",
                                        "MODIFY",
                                        "amount",
                                        Map.of(
                                                "amount",
                                                t.terms().pendingAmount().add(BigDecimal.ONE),
                                                "currency",
                                                "CNY"))),
                        COMPENSATION_STATE)
                .producing((t, answer) -> optionAs(t, answer, "APPROVED", Fixture.APPROVED)));
        entries.add(write(
                "compensation",
                "REJECT",
                "POST /compensations/{id}/approvals REJECT",
                EVERYWHERE,
                Fixture.PENDING,
                200,
                append(decided, new Gate.Role("REJECT"), new Gate.RejectRung()),
                t -> decision(t, Map.of("decision", "REJECT", "reason", "not justified")),
                COMPENSATION_STATE));
        entries.add(write(
                        "compensation",
                        "CONSENT",
                        "POST /compensations/{id}/consent declined",
                        EVERYWHERE,
                        Fixture.APPROVED,
                        200,
                        append(decided, new Gate.Role("CONSENT")),
                        t -> consent(t, false),
                        COMPENSATION_STATE)
                .producing((t, answer) -> answer.path("rejections").isEmpty()
                        ? Optional.empty()
                        : Optional.of(new Produced(Fixture.REJECTED, t.fixture()))));
        entries.add(write(
                        "compensation",
                        "AGREE",
                        "POST /compensations/{id}/consent accepted",
                        EVERYWHERE,
                        Fixture.APPROVED,
                        200,
                        append(decided, new Gate.Role("CONSENT"), new Gate.Role("AGREE")),
                        t -> consent(t, true),
                        COMPENSATION_STATE)
                .producing(MatrixCatalogue::agreed));
        entries.add(write(
                        "compensation",
                        "OFFER",
                        "POST /compensations/{id}/consent accepted after a rejection",
                        EVERYWHERE,
                        Fixture.REJECTED,
                        200,
                        append(decided, new Gate.Role("CONSENT"), new Gate.Role("AGREE"), new Gate.Role("OFFER")),
                        t -> consent(t, true),
                        COMPENSATION_STATE)
                .producing(MatrixCatalogue::agreed));
        entries.add(write(
                "compensation",
                "DELIVER",
                "POST /compensations/{id}/delivery",
                EVERYWHERE,
                Fixture.AGREED,
                200,
                append(decided, new Gate.Role("DELIVER")),
                t -> Request.post(
                        "/api/v1/compensations/" + t.get("compensationId") + "/delivery",
                        Map.of("reference", "PAY-" + t.nonce())),
                COMPENSATION_STATE));
        entries.add(write(
                        "compensation",
                        "BUDGET_SET",
                        "PUT /budgets/{site}/{month}",
                        EVERYWHERE,
                        null,
                        200,
                        List.of(write, new Gate.Role("BUDGET_SET"), scope),
                        t -> new Request(
                                "PUT",
                                "/api/v1/budgets/" + t.place().site() + "/" + t.month(),
                                Map.of("limit", BUDGET),
                                Map.of()),
                        Snapshot.of("budget", MatrixCatalogue::budgetLimit))
                .nonConsuming());
        return entries;
    }

    /** The limit an allowed budget call sets; a denied one must leave the preset's default. */
    static final BigDecimal BUDGET = new BigDecimal("1000000");

    static Map<String, Object> option(Target t, BigDecimal amount) {
        return Map.of("kind", t.terms().kind(), "amount", Map.of("amount", amount, "currency", "CNY"));
    }

    /**
     * The answer's option in the given status (the fixture's option, or the proposal's only one) as
     * a fixture, when it is the compensation's only option in that status.
     */
    static Optional<Produced> optionAs(Target t, JsonNode answer, String status, Fixture as) {
        var optionId = t.fixture().get("optionId");
        var inStatus = 0;
        for (var option : answer.path("options")) {
            inStatus += status.equals(option.path("status").asText()) ? 1 : 0;
        }
        if (inStatus != 1) {
            return Optional.empty(); // only the compensation's first approved option is offered on
        }
        for (var option : answer.path("options")) {
            if ((optionId == null || optionId.equals(option.path("optionId").asText()))
                    && status.equals(option.path("status").asText())) {
                var data = new LinkedHashMap<>(t.fixture());
                data.put("compensationId", answer.get("compensationId").asText());
                data.put("optionId", option.get("optionId").asText());
                return Optional.of(new Produced(as, data));
            }
        }
        return Optional.empty();
    }

    static Optional<Produced> agreed(Target t, JsonNode answer) {
        return answer.path("agreement").isObject()
                ? Optional.of(new Produced(Fixture.AGREED, t.fixture()))
                : Optional.empty();
    }

    static Request decision(Target t, Map<String, Object> decision) {
        var body = new LinkedHashMap<String, Object>(decision);
        body.put("optionId", t.get("optionId"));
        return Request.post("/api/v1/compensations/" + t.get("compensationId") + "/approvals", body);
    }

    static Request consent(Target t, boolean accepted) {
        var body = new LinkedHashMap<String, Object>();
        body.put("optionId", t.get("optionId"));
        body.put("accepted", accepted);
        if (!accepted) {
            body.put("customerWants", "希望换成现金补偿");
        }
        return Request.post("/api/v1/compensations/" + t.get("compensationId") + "/consent", body);
    }

    static String compensationState(Target t, Function<String, Api> adminOf) throws Exception {
        var view =
                (tools.jackson.databind.node.ObjectNode) adminOf.apply(t.place().tenant())
                        .get("/api/v1/compensations/" + t.get("compensationId"))
                        .json();
        view.remove("version");
        return view.toString();
    }

    static String budgetLimit(Target t, Function<String, Api> adminOf) throws Exception {
        var budgets = adminOf.apply(t.place().tenant()).get("/api/v1/budgets?month=" + t.month());
        for (var budget : budgets.json()) {
            if (t.place().site().equals(budget.path("site").asText())) {
                return "limit " + budget.get("limitMinor");
            }
        }
        return "no budget";
    }

    // ---------------------------------------------------------------- routing

    static List<Entry> routing() {
        var entries = new ArrayList<Entry>();
        var read = new Gate.PartnerScope("cases:read");
        var caseRead = new Gate.Role("CASE_READ");
        var incidentRead = new Gate.Role("INCIDENT_READ");
        entries.add(read(
                        "routing",
                        "CASE_READ",
                        "GET /cases/{id}",
                        Fixture.COMPLAINT,
                        List.of(read, caseRead, new Gate.InScope()),
                        t -> Request.get("/api/v1/cases/" + t.get("caseId")))
                .scopeOnlyUntilTable());
        entries.add(list(
                        "routing",
                        "CASE_READ",
                        "GET /cases",
                        EVERYWHERE,
                        Fixture.COMPLAINT,
                        List.of(read, caseRead, new Gate.InScope()),
                        t -> Request.get("/api/v1/cases?limit=200"),
                        new Lister("items", "caseId", "caseId"))
                .scopeOnlyUntilTable());
        entries.add(list(
                        "routing",
                        "CASE_READ",
                        "GET /cases?complaintId",
                        EVERYWHERE,
                        Fixture.COMPLAINT,
                        List.of(read, caseRead, new Gate.InScope()),
                        t -> Request.get("/api/v1/cases?complaintId=" + t.get("complaintId")),
                        new Lister("items", "caseId", "caseId"))
                .scopeOnlyUntilTable());
        entries.add(summary(
                        "routing",
                        "SUMMARY_READ",
                        "GET /cases/summary",
                        List.of(read, new Gate.Role("SUMMARY_READ"), new Gate.RegionParam()),
                        (month, region, site) -> "/api/v1/cases/summary?month=" + month + params(region, site))
                .scopeOnlyUntilTable());
        // The tenant's effective policy: no table row, any caller of the tenant.
        entries.add(read(
                        "routing",
                        null,
                        "GET /policies/{tenant}",
                        null,
                        List.of(read, new Gate.SameTenant()),
                        t -> Request.get("/api/v1/policies/" + t.place().tenant()))
                .at(List.of(Position.OWN_SITE, Position.OTHER_TENANT)));
        entries.add(read(
                        "routing",
                        "INCIDENT_READ",
                        "GET /incidents/{id}",
                        Fixture.INCIDENT,
                        List.of(read, incidentRead, new Gate.InScope()),
                        t -> Request.get("/api/v1/incidents/" + t.get("incidentId")))
                .scopeOnlyUntilTable());
        entries.add(list(
                        "routing",
                        "INCIDENT_READ",
                        "GET /incidents",
                        EVERYWHERE,
                        Fixture.INCIDENT,
                        List.of(read, incidentRead, new Gate.InScope()),
                        t -> Request.get("/api/v1/incidents"),
                        new Lister(null, "incidentId", "incidentId"))
                .scopeOnlyUntilTable());
        // Inboxes and work lists are staff members' own (no table row); the gateway knows no partner
        // scope for them.
        entries.add(list(
                "routing",
                null,
                "GET /notifications",
                EVERYWHERE,
                Fixture.NOTIFICATION,
                List.of(new Gate.PartnerScope("notifications:read"), new Gate.InScope(), new Gate.Recipient()),
                t -> Request.get("/api/v1/notifications?limit=200"),
                new Lister("items", "id", "notificationId")));
        entries.add(write(
                        "routing",
                        null,
                        "POST /notifications/{id}/read",
                        EVERYWHERE,
                        Fixture.NOTIFICATION,
                        200,
                        List.of(new Gate.PartnerScope("notifications:write"), new Gate.InScope(), new Gate.Recipient()),
                        t -> Request.post("/api/v1/notifications/" + t.get("notificationId") + "/read", Map.of()),
                        Snapshot.of("notification", MatrixCatalogue::notificationState))
                .nonConsuming());
        entries.add(list(
                "routing",
                null,
                "GET /tasks",
                EVERYWHERE,
                Fixture.INCIDENT,
                List.of(new Gate.PartnerScope("tasks:read"), new Gate.InScope(), new Gate.Owner()),
                t -> Request.get("/api/v1/tasks?limit=200"),
                new Lister("items", "incidentId", "incidentId")));
        entries.add(write(
                "routing",
                "COMPLETE_TASK",
                "POST /incidents/{id}/tasks/{taskId}/completion",
                EVERYWHERE,
                Fixture.INCIDENT,
                200,
                List.of(new Gate.PartnerScope("cases:write"), new Gate.InScope(), new Gate.Role("COMPLETE_TASK")),
                t -> Request.post(
                        "/api/v1/incidents/" + t.get("incidentId") + "/tasks/" + t.get("taskId") + "/completion",
                        Map.of("evidence", "Special team formed, minutes MX-" + t.nonce())),
                Snapshot.of(
                        "incident",
                        (t, adminOf) -> adminOf.apply(t.place().tenant())
                                .get("/api/v1/incidents/" + t.get("incidentId"))
                                .json()
                                .path("tasks")
                                .toString())));
        entries.addAll(sites());
        // The steps (CaseController.STEPS): scope first (CaseService.get), then the table (Case.authorize).
        entries.add(step("ACCEPT", "acceptance", Fixture.COMPLAINT, true, t -> Map.of())
                .producing(leaves("ACCEPTED", Fixture.ACCEPTED)));
        entries.add(step("HAND_OVER", "hand-over", Fixture.COMPLAINT, true, t -> Map.of()));
        entries.add(step("ASSIGN", "assignment", Fixture.COMPLAINT, false, t -> Map.of("domain", "TECHNICAL")));
        entries.add(step("URGE", "urgings", Fixture.COMPLAINT, false, t -> Map.of()));
        entries.add(step("MESSAGE", "messages", Fixture.COMPLAINT, false, t -> Map.of("text", "您好，我们正在处理您的投诉")));
        entries.add(step(
                "ESCALATE",
                "escalations",
                Fixture.COMPLAINT,
                false,
                t -> Map.of("to", "role:" + t.terms().requiredRole(), "reason", "matrix")));
        entries.add(step(
                "RAISE_LEVEL",
                "level",
                Fixture.COMPLAINT,
                false,
                t -> Map.of("level", "URGENT", "reason", "customer called again")));
        entries.add(
                step("CONTACT", "contacts", Fixture.ACCEPTED, true, t -> Map.of("channel", "PHONE", "note", "called"))
                        .producing(leaves("RESPONDED", Fixture.RESPONDED)));
        // A contact after the first is LOG_CONTACT (CaseService.act).
        entries.add(step(
                "LOG_CONTACT",
                "contacts",
                Fixture.RESPONDED,
                false,
                t -> Map.of("channel", "PHONE", "note", "called again")));
        entries.add(step("INVESTIGATE", "investigation", Fixture.RESPONDED, true, t -> Map.of()));
        // SOLUTION_PROPOSED may be proposed again: the shared fixture serves every allowed call.
        entries.add(step("PROPOSE", "solution", Fixture.RESPONDED, false, t -> Map.of("reason", "a voucher")));
        entries.add(step("OFFER", "offer", Fixture.RESPONDED, true, t -> Map.of()));
        entries.add(step("RESOLVE", "resolution", Fixture.RESPONDED, true, t -> Map.of("resolution", resolution()))
                .producing(leaves("RESOLVED", Fixture.RESOLVED)));
        entries.add(step("AGREE", "agreement", Fixture.APPROVED, true, t -> Map.of()));
        entries.add(step("IMPLEMENT", "implementation", Fixture.AGREED, true, t -> Map.of()));
        entries.add(step("CLOSE", "closure", Fixture.RESOLVED, true, t -> Map.of("reason", "customer satisfied")));
        entries.add(step("REOPEN", "reopening", Fixture.RESOLVED, true, t -> Map.of("reason", "customer called back")));
        entries.addAll(conductSteps());
        return entries;
    }

    /**
     * The conduct steps (ConductStepController): the table decides before the step's own rules, so a
     * permitted caller meets the rule (liability before the facts is 409, an unknown statement 404)
     * where one without the row gets 403 and nothing changes.
     */
    static List<Entry> conductSteps() {
        return List.of(
                step(
                        "FLAG",
                        "flags",
                        Fixture.COMPLAINT,
                        false,
                        t -> Map.of("flag", "VIOLENCE_RISK", "reason", "matrix")),
                step("SAFETY_ALERT", "safety-alerts", Fixture.COMPLAINT, false, t -> Map.of("note", "matrix")),
                step(
                        "PARAPHRASE",
                        "paraphrases",
                        Fixture.COMPLAINT,
                        false,
                        t -> Map.of("text", "您的意思是冰箱送货晚了三天，对吗？", "confirmed", true)),
                step("LETTER", "letters", Fixture.COMPLAINT, false, t -> Map.of("letter", letter())),
                step("ACCEPT_LIABILITY", "liability", Fixture.COMPLAINT, false, t -> Map.of("reason", "matrix"))
                        .succeedingWith(409),
                step(
                                "APPROVE_STATEMENT",
                                "statement-approvals",
                                Fixture.COMPLAINT,
                                false,
                                t -> Map.of("messageId", "no-such-statement", "decision", "APPROVE"))
                        .succeedingWith(404));
    }

    static Map<String, Object> letter() {
        return Map.of(
                "receipt", "您反映的送货延误问题我们已收到。",
                "explanation", "延误来自仓库排班失误。",
                "adjustmentHow", "优先安排送货并上门安装",
                "adjustmentWhen", "明天上午十点前",
                "nonRecurrence", "仓库排班增加复核",
                "apology", "非常抱歉给您带来不便");
    }

    /**
     * A site's calendar and on-duty roster (SLA-G2, SLA-D4, LC-51) and a case's sanctions (KP-05):
     * the gateway routes {@code /sites/**} to routing for staff and for partners holding a cases scope.
     */
    static List<Entry> sites() {
        var entries = new ArrayList<Entry>();
        var read = new Gate.PartnerScope("cases:read");
        var write = new Gate.PartnerScope("cases:write");
        entries.add(read(
                "routing",
                "CALENDAR_READ",
                "GET /sites/{site}/calendar",
                null,
                List.of(read, new Gate.Role("CALENDAR_READ"), new Gate.InScope()),
                t -> Request.get("/api/v1/sites/" + t.place().site() + "/calendar")));
        entries.add(read(
                "routing",
                "ROSTER_READ",
                "GET /sites/{site}/roster",
                null,
                List.of(read, new Gate.Role("ROSTER_READ"), new Gate.InScope()),
                t -> Request.get("/api/v1/sites/" + t.place().site() + "/roster")));
        entries.add(write(
                        "routing",
                        "ROSTER_WRITE",
                        "PUT /sites/{site}/roster",
                        EVERYWHERE,
                        null,
                        200,
                        List.of(write, new Gate.InScope(), new Gate.Role("ROSTER_WRITE")),
                        t -> Request.put(
                                "/api/v1/sites/" + t.place().site() + "/roster",
                                Map.of(
                                        "windows",
                                        List.of(Map.of(
                                                "days",
                                                List.of(
                                                        "MONDAY",
                                                        "TUESDAY",
                                                        "WEDNESDAY",
                                                        "THURSDAY",
                                                        "FRIDAY",
                                                        "SATURDAY",
                                                        "SUNDAY"),
                                                "start",
                                                "00:00",
                                                "end",
                                                "24:00",
                                                "acceptors",
                                                List.of("matrix.acceptor"))))),
                        Snapshot.of(
                                "roster",
                                (t, adminOf) -> adminOf.apply(t.place().tenant())
                                        .get("/api/v1/sites/" + t.place().site() + "/roster")
                                        .body()))
                .nonConsuming());
        entries.add(write(
                        "routing",
                        "SANCTION",
                        "POST /cases/{id}/sanctions",
                        EVERYWHERE,
                        Fixture.COMPLAINT,
                        201,
                        List.of(write, new Gate.InScope(), new Gate.Role("SANCTION")),
                        t -> Request.post(
                                "/api/v1/cases/" + t.get("caseId") + "/sanctions",
                                Map.of("person", "matrix.handler", "text", "late first contact")),
                        Snapshot.of("sanctions", MatrixCatalogue::sanctions))
                .nonConsuming());
        entries.add(read(
                "routing",
                "SANCTION_READ",
                "GET /cases/{id}/sanctions",
                Fixture.COMPLAINT,
                List.of(read, new Gate.Role("SANCTION_READ"), new Gate.InScope()),
                t -> Request.get("/api/v1/cases/" + t.get("caseId") + "/sanctions")));
        return entries;
    }

    static String sanctions(Target t, Function<String, Api> adminOf) throws Exception {
        return adminOf.apply(t.place().tenant())
                .get("/api/v1/cases/" + t.get("caseId") + "/sanctions")
                .body();
    }

    /** Whether the notification is read, as its recipient (the administrator holds every role) sees it. */
    static String notificationState(Target t, Function<String, Api> adminOf) throws Exception {
        for (var n : adminOf.apply(t.place().tenant())
                .get("/api/v1/notifications?limit=200")
                .json()
                .path("items")) {
            if (t.get("notificationId").equals(n.path("id").asText())) {
                return "read=" + n.path("read") + " readAt=" + n.path("readAt");
            }
        }
        return "not in the inbox";
    }

    /** A step's answer (the case) in the given state is a fixture of that kind for a later call. */
    static Producer leaves(String state, Fixture as) {
        return (t, answer) -> state.equals(answer.path("state").asText())
                ? Optional.of(new Produced(as, t.fixture()))
                : Optional.empty();
    }

    static Entry step(String action, String step, Fixture fixture, boolean consumes, Function<Target, Object> body) {
        var entry = write(
                "routing",
                action,
                "POST /cases/{id}/" + step + (action.equals("LOG_CONTACT") ? " again" : ""),
                EVERYWHERE,
                fixture,
                200,
                List.of(new Gate.PartnerScope("cases:write"), new Gate.InScope(), new Gate.Role(action)),
                t -> Request.post("/api/v1/cases/" + t.get("caseId") + "/" + step, body.apply(t)),
                Snapshot.of("case", MatrixCatalogue::caseState));
        return consumes ? entry : entry.nonConsuming();
    }

    static Map<String, Object> resolution() {
        return Map.of(
                "rootCause", "Installer skipped the pressure test",
                "defectCorrection", "Valve replaced and pressure tested",
                "longTermMeasure",
                        Map.of(
                                "action", "Pressure test added to the installation checklist, signed by the installer",
                                "owner", "安装主管",
                                "dueDate", "2026-12-31"));
    }

    static String caseState(Target t, Function<String, Api> adminOf) throws Exception {
        var c = adminOf.apply(t.place().tenant())
                .get("/api/v1/cases/" + t.get("caseId"))
                .json();
        var keep = List.of(
                "state",
                "level",
                "owner",
                "department",
                "round",
                "urgings",
                "contacts",
                "messages",
                "resolution",
                "closedBy",
                "reopenCount",
                "flags",
                "safetyAlerts",
                "paraphrases",
                "liability");
        var projection = new LinkedHashMap<String, Object>();
        keep.forEach(k -> projection.put(k, String.valueOf(c.get(k))));
        projection.put("escalations", c.path("escalations").size());
        return projection.toString();
    }

    // ---------------------------------------------------------------- follow-up

    static List<Entry> followup() {
        var entries = new ArrayList<Entry>();
        var read = new Gate.PartnerScope("follow-ups:read");
        var readRole = new Gate.Role("READ");
        entries.add(list(
                        "followup",
                        "READ",
                        "GET /follow-ups?caseId",
                        EVERYWHERE,
                        Fixture.FOLLOW_UP,
                        List.of(read, readRole, new Gate.InScope()),
                        t -> Request.get("/api/v1/follow-ups?caseId=" + t.get("caseId")),
                        new Lister(null, "followUpId", "followUpId"))
                .scopeOnlyUntilTable());
        entries.add(read(
                        "followup",
                        "READ",
                        "GET /follow-ups/{id}",
                        Fixture.FOLLOW_UP,
                        List.of(read, readRole, new Gate.InScope()),
                        t -> Request.get("/api/v1/follow-ups/" + t.get("followUpId")))
                .scopeOnlyUntilTable());
        entries.add(summary(
                        "followup",
                        "REPORT_READ",
                        "GET /reports/monthly",
                        List.of(
                                new Gate.PartnerScope("reports:read"),
                                new Gate.Role("REPORT_READ"),
                                new Gate.RegionParam()),
                        (month, region, site) -> "/api/v1/reports/monthly?month=" + month + params(region, site))
                .scopeOnlyUntilTable());
        // LC-09: scope first (FollowUpService.find), then the table's row, then the visit's roles.
        var visit = List.<Gate>of(
                new Gate.PartnerScope("follow-ups:write"),
                new Gate.InScope(),
                new Gate.Role("RECORD_OUTCOME"),
                new Gate.TaskRole());
        var followUpState = Snapshot.of(
                "follow-up",
                (t, adminOf) -> adminOf.apply(t.place().tenant())
                        .get("/api/v1/follow-ups/" + t.get("followUpId"))
                        .body());
        entries.add(write(
                "followup",
                "RECORD_OUTCOME",
                "POST /follow-ups/{id}/outcome",
                EVERYWHERE,
                Fixture.FOLLOW_UP,
                200,
                visit,
                t -> Request.post(
                        "/api/v1/follow-ups/" + t.get("followUpId") + "/outcome",
                        Map.of("satisfaction", 5, "resolved", true)),
                followUpState));
        entries.add(write(
                        "followup",
                        "RECORD_OUTCOME",
                        "POST /follow-ups/{id}/attempts",
                        EVERYWHERE,
                        Fixture.FOLLOW_UP,
                        201,
                        visit,
                        t -> Request.post(
                                "/api/v1/follow-ups/" + t.get("followUpId") + "/attempts",
                                Map.of("reached", true, "channel", "PHONE", "note", "customer answered")),
                        followUpState)
                .nonConsuming());
        return entries;
    }

    // ---------------------------------------------------------------- building entries

    static Entry write(
            String service,
            String action,
            String label,
            List<Position> positions,
            Fixture fixture,
            int ok,
            List<Gate> gates,
            Requester request,
            Snapshot snapshot) {
        return new Entry(
                service,
                action,
                false,
                label,
                Shape.WRITE,
                positions,
                fixture,
                true,
                ok,
                gates,
                request,
                snapshot,
                null,
                null,
                null);
    }

    /** The tenant's reference sections (ADR 0283): no table row and no scope, every caller of the tenant. */
    static List<Entry> reference() {
        return List.of(
                read(
                                "intake",
                                null,
                                "GET /reference/complaints",
                                null,
                                List.of(),
                                t -> Request.get("/api/v1/reference/complaints"))
                        .at(NOWHERE),
                read(
                                "routing",
                                null,
                                "GET /reference/cases",
                                null,
                                List.of(),
                                t -> Request.get("/api/v1/reference/cases"))
                        .at(NOWHERE),
                read(
                                "compensation",
                                null,
                                "GET /reference/compensations",
                                null,
                                List.of(),
                                t -> Request.get("/api/v1/reference/compensations"))
                        .at(NOWHERE),
                read(
                                "followup",
                                null,
                                "GET /reference/follow-ups",
                                null,
                                List.of(),
                                t -> Request.get("/api/v1/reference/follow-ups"))
                        .at(NOWHERE));
    }

    static Entry read(
            String service, String action, String label, Fixture fixture, List<Gate> gates, Requester request) {
        return new Entry(
                service,
                action,
                false,
                label,
                Shape.READ,
                EVERYWHERE,
                fixture,
                false,
                200,
                gates,
                request,
                null,
                null,
                null,
                null);
    }

    static Entry list(
            String service,
            String action,
            String label,
            List<Position> positions,
            Fixture fixture,
            List<Gate> gates,
            Requester request,
            Lister lister) {
        return new Entry(
                service,
                action,
                false,
                label,
                Shape.LIST,
                positions,
                fixture,
                false,
                200,
                gates,
                request,
                null,
                lister,
                null,
                null);
    }

    static Entry summary(String service, String action, String label, List<Gate> gates, SummaryPath path) {
        return new Entry(
                service,
                action,
                false,
                label,
                Shape.SUMMARY,
                REGIONS,
                null,
                false,
                200,
                gates,
                t -> Request.get(path.path(
                        t.month(), t.place() == null ? null : t.place().region(), null)),
                null,
                null,
                path,
                null);
    }

    private static List<Gate> append(List<Gate> gates, Gate... more) {
        var all = new ArrayList<>(gates);
        all.addAll(List.of(more));
        return List.copyOf(all);
    }

    private static String params(String region, String site) {
        return (region == null ? "" : "&region=" + region) + (site == null ? "" : "&site=" + site);
    }
}
