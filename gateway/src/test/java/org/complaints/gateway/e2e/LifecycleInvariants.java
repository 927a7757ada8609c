package org.complaints.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * The end-of-run checks of {@link LifecycleAcrossServicesIT}, read through the gateway: issue 10's
 * invariants on every case and the complaint that mirrors it, the operators' parked lists, and a
 * late "not valid" on a closed complaint refused where routing would refuse it.
 */
final class LifecycleInvariants {

    private static final List<String> LEVELS = List.of("SERVICE_REQUEST", "GENERAL", "URGENT", "MAJOR", "CHANNEL");
    private static final List<String> SERVICES = List.of("intake", "routing", "compensation", "followup");

    private final Map<SimTenant, SimTenant.Callers> callers;

    LifecycleInvariants(Map<SimTenant, SimTenant.Callers> callers) {
        this.callers = callers;
    }

    /** Checks every case; answers what was counted on the way. */
    String verify(List<SimulatedCase> cases) throws Exception {
        var escalations = new TreeMap<String, Integer>();
        var relayed = new TreeMap<String, Integer>();
        var bornBreached = 0;
        var secondRounds = 0;
        var incidents = new HashMap<String, List<JsonNode>>();
        for (var c : cases) {
            var admin = callers.get(c.tenant).admin();
            var kase = read(admin, "/api/v1/cases/" + c.caseId());
            var complaint = read(admin, "/api/v1/complaints/" + c.complaintId);
            var state = Api.text(kase, "state");
            var what = c.tenant.tenant() + " case " + c.caseId() + " " + state;
            assertThat(SimulatedCase.TERMINAL)
                    .as("every case reaches a terminal state: " + what)
                    .contains(state);
            assertThat(SimulatedCase.mirrors(complaint, kase))
                    .as("the complaint mirrors its case's state, level, incident and round: " + complaint + " vs "
                            + kase)
                    .isTrue();
            assertThat(Api.text(complaint, "status")).isEqualTo(state.equals("CLOSED") ? "CLOSED" : "NOT_ESTABLISHED");
            assertThat(kase.get("version").asLong())
                    .as("nothing (no sweep) changed " + what + " after it ended")
                    .isEqualTo(c.terminalVersion());
            assertThat(kase.get("deadlines"))
                    .as("no clock of a terminal case is pending: " + what)
                    .allSatisfy(d -> assertThat(Api.text(d, "status")).isNotIn("PENDING", "ARMED"));
            var openedAt = audit(kase, "OPEN").getFirst();
            var endedAt = audit(kase, null).getLast();
            for (var e : kase.get("escalations")) {
                var at = Instant.parse(e.get("at").asText());
                assertThat(Api.text(e, "to"))
                        .as("every escalation names its recipient: " + e)
                        .isNotBlank();
                assertThat(at)
                        .as("no escalation after " + what + " ended: " + e)
                        .isBeforeOrEqualTo(endedAt);
                var kind = Api.text(e, "kind");
                escalations.merge(kind, 1, Integer::sum);
                if (Api.text(e, "clock") != null && (kind.equals("BREACH") || kind.equals("LEVEL_RAISE"))) {
                    assertThat(Api.text(e, "dueAt"))
                            .as("stamped at its due time: " + e)
                            .isEqualTo(e.get("at").asText());
                    assertThat(dueThen(kase, Api.text(e, "rule"), at))
                            .as("a clock of " + e.get("rule") + " was due at " + at + " in " + kase.get("deadlines"))
                            .isTrue();
                }
                if ("BREACH".equals(kind) && !at.isAfter(openedAt)) {
                    bornBreached++;
                    assertThat(c.routedLate)
                            .as("born breached only when routing opened the case after the due time: " + e)
                            .isTrue();
                }
            }
            relayed.merge("case-state → intake", kase.get("sequence").asInt(), Integer::sum);
            relayed.merge("plan → follow-up", audit(kase, "RESOLVE").size(), Integer::sum);
            relayed.merge("open-case → routing (late)", c.routedLate ? 1 : 0, Integer::sum);
            for (var entry : kase.get("audit")) {
                var by = Api.text(entry, "by");
                if (by != null && by.startsWith("system:") && !"OPEN".equals(Api.text(entry, "action"))) {
                    relayed.merge("events → routing", 1, Integer::sum);
                }
            }
            secondRounds += kase.get("round").asInt() > 1 ? 1 : 0;
            incidents
                    .computeIfAbsent(c.tenant.tenant() + "/" + c.product, k -> new ArrayList<>())
                    .add(kase);
        }
        var groups = 0;
        for (var group : incidents.values()) {
            if (group.size() < 2) {
                continue;
            }
            groups++;
            var incident = Api.text(group.getFirst(), "incidentId");
            assertThat(incident)
                    .as("RT-06: complaints on one product form an incident")
                    .isNotNull();
            assertThat(group).allSatisfy(k -> {
                assertThat(Api.text(k, "incidentId")).isEqualTo(incident);
                assertThat(LEVELS.indexOf(Api.text(k, "level"))).isGreaterThanOrEqualTo(LEVELS.indexOf("MAJOR"));
            });
        }
        assertThat(groups).as("one group incident per preset").isEqualTo(callers.size());
        var total = relayed.values().stream().mapToInt(Integer::intValue).sum();
        return String.format(
                "escalations %s, %d clocks born breached (all filed during the outage), %d second rounds, %d incidents,"
                        + " %d relayed events %s",
                escalations, bornBreached, secondRounds, groups, total, relayed);
    }

    /** Every service's parked list, as each tenant's operator sees it, is empty. */
    void parkedListsEmpty(List<SimTenant> tenants) throws Exception {
        for (var tenant : tenants) {
            for (var service : SERVICES) {
                var parked = read(callers.get(tenant).admin(), "/api/v1/operations/" + service + "/relay/parked");
                assertThat(parked.get("parked"))
                        .as(service + " parked for " + tenant.tenant())
                        .isEmpty();
            }
        }
    }

    /**
     * LC-31 comes before handling: a closed complaint declared not valid afterwards is refused
     * (409 problem details) and stays closed, instead of relaying an event routing must refuse.
     */
    void closedComplaintRefusesLateInvalidity(List<SimulatedCase> cases) throws Exception {
        var probed = 0;
        for (var tenant : callers.keySet()) {
            var admin = callers.get(tenant).admin();
            for (var c : cases) {
                if (c.tenant != tenant
                        || !"CLOSED".equals(Api.text(read(admin, "/api/v1/cases/" + c.caseId()), "state"))) {
                    continue;
                }
                var late = admin.post(
                        "/api/v1/complaints/" + c.complaintId + "/validity",
                        Map.of("valid", false, "reason", "found out later", "reply", "sorry"));
                assertThat(late.status()).as("not valid after closure: " + late).isEqualTo(409);
                assertThat(late.contentType()).startsWith("application/problem+json");
                assertThat(Api.text(read(admin, "/api/v1/complaints/" + c.complaintId), "status"))
                        .isEqualTo("CLOSED");
                probed++;
                break;
            }
        }
        assertThat(probed).as("a closed case per preset to probe").isEqualTo(callers.size());
    }

    /** A clock of {@code rule} (or its repetition {@code rule#n}) that fell due, or was urged into firing, then. */
    private static boolean dueThen(JsonNode kase, String rule, Instant at) {
        for (var d : kase.get("deadlines")) {
            var name = Api.text(d, "rule");
            var base = name.contains("#") ? name.substring(0, name.indexOf('#')) : name;
            if (!base.equals(rule)) {
                continue;
            }
            var settled = Api.text(d, "settledAt");
            if (Instant.parse(d.get("dueAt").asText()).equals(at)
                    || "FIRED".equals(Api.text(d, "status"))
                            && settled != null
                            && Instant.parse(settled).equals(at)) {
                return true;
            }
        }
        return false;
    }

    /** When the case's audit recorded {@code action} (every entry when null), oldest first. */
    private static List<Instant> audit(JsonNode kase, String action) {
        var times = new ArrayList<Instant>();
        for (var entry : kase.get("audit")) {
            if (action == null || action.equals(Api.text(entry, "action"))) {
                times.add(Instant.parse(entry.get("at").asText()));
            }
        }
        return times;
    }

    private static JsonNode read(Api api, String path) throws Exception {
        var answer = api.get(path);
        assertThat(answer.status()).as(path + ": " + answer).isEqualTo(200);
        return answer.json();
    }
}
