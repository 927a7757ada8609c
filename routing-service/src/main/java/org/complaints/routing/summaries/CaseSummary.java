package org.complaints.routing.summaries;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.complaints.routing.cases.CaseReceipts;
import org.complaints.routing.cases.State;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.scope.CallerScope;
import org.complaints.support.web.Months;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * The routing part of the monthly report (LC-11, KP-01): the figures of the month's cases in the
 * caller's scope, the month counted in the tenant's zone (ADR 0520) on the customer's receipt, added
 * up from those cases' report fields, reached by key through {@link CaseReceipts}. A read-side
 * repository of the case store.
 */
@Repository
class CaseSummary {

    @io.swagger.v3.oas.annotations.media.Schema(name = "SlaCompliance")
    record Compliance(long met, long breached) {}

    @io.swagger.v3.oas.annotations.media.Schema(name = "RootCauseCount")
    record RootCause(String cause, long count) {}

    @io.swagger.v3.oas.annotations.media.Schema(name = "CapaCounts")
    record Capa(long open, long closed) {}

    /**
     * One responsible person's month (LC-11 "per responsible person"): the cases they own and how
     * many of those breached a clock or escalated (follow-up keeps their satisfaction, KP-07).
     */
    @io.swagger.v3.oas.annotations.media.Schema(name = "ResponsiblePersonFigures")
    record PersonFigures(long cases, long breached, long escalated) {}

    @io.swagger.v3.oas.annotations.media.Schema(name = "CaseMonthSummary")
    record Summary(
            String month,
            long total,
            Map<String, Long> byLevel,
            Map<String, Long> byDepartment,

            @io.swagger.v3.oas.annotations.media.Schema(
                    description = "RT-04: cases by responsibility category (a coded root cause attributes it, OT-31)")
            Map<String, Long> byResponsibilityCategory,

            Map<String, PersonFigures> byResponsiblePerson,
            Map<String, Compliance> slaCompliance,
            Map<String, Long> escalationsByRule,
            long escalations,
            long reopened,
            List<RootCause> topRootCauses,
            Capa capa) {}

    /** What a case's figures read, beside the fields the month and scope are checked on. */
    private static final String[] FIELDS = {
        "tenant",
        "region",
        "site",
        "receivedAt",
        "level",
        "department",
        "responsibilityCategory",
        "owner",
        "state",
        "resolution",
        "deadlines",
        "escalations",
        "reopenCount"
    };

    private final MongoTemplate mongo;
    private final CaseReceipts receipts;
    private final org.complaints.support.tenant.TenantDirectory tenants;

    CaseSummary(MongoTemplate mongo, CaseReceipts receipts, org.complaints.support.tenant.TenantDirectory tenants) {
        this.mongo = mongo;
        this.receipts = receipts;
        this.tenants = tenants;
    }

    Summary summary(CallerIdentity caller, String monthName, String region, String site, String department) {
        var range = Months.parse(monthName, tenants.monthZone(caller.tenant()));
        var scope = CallerScope.of(caller).within(region, site);
        var month = new Month();
        // The month's cases by key (ADR 0602): a query on receivedAt reads every case ever stored on
        // the embedded store, and the report's call to this has a 2 s budget. Each loaded case is
        // checked again, as an entry may be stale or listed twice (the index hands each id once).
        receipts.within(scope, range.start(), range.end(), ids -> {
            var query = new Query(Criteria.where("_id").in(ids));
            query.fields().include(FIELDS);
            for (var c : mongo.find(query, Document.class, "cases")) {
                var received = c.getDate("receivedAt");
                if (scope.covers(c.getString("tenant"), c.getString("region"), c.getString("site"))
                        && received != null
                        && !received.toInstant().isBefore(range.start())
                        && received.toInstant().isBefore(range.end())
                        && (department == null || department.equals(c.getString("department")))) {
                    month.add(c);
                }
            }
        });
        return month.summary(monthName);
    }

    /** The month's figures, added up case by case. */
    static final class Month {
        final Map<String, Long> byLevel = new LinkedHashMap<>();
        final Map<String, Long> byDepartment = new LinkedHashMap<>();
        final Map<String, Long> byCategory = new LinkedHashMap<>();
        final Map<String, Long> byOwner = new LinkedHashMap<>();
        final Map<String, Long> breachedByOwner = new LinkedHashMap<>();
        final Map<String, Long> escalatedByOwner = new LinkedHashMap<>();
        final Map<String, Compliance> compliance = new LinkedHashMap<>();
        final Map<String, Long> escalationsByRule = new LinkedHashMap<>();
        final Map<String, Long> causes = new LinkedHashMap<>();
        long total;
        long reopened;
        long resolved;
        long resolvedClosed;

        void add(Document c) {
            total++;
            var owner = key(c.get("owner"));
            byLevel.merge(key(c.get("level")), 1L, Long::sum);
            byDepartment.merge(key(c.get("department")), 1L, Long::sum);
            byCategory.merge(key(c.get("responsibilityCategory")), 1L, Long::sum);
            byOwner.merge(owner, 1L, Long::sum);
            if (c.get("reopenCount") instanceof Number n) {
                reopened += n.longValue();
            }
            if (c.get("resolution") instanceof Document resolution) {
                resolved++;
                resolvedClosed += State.CLOSED.name().equals(c.getString("state")) ? 1 : 0;
                var code = resolution.get("rootCauseCode");
                causes.merge(code == null ? "UNCODED" : code.toString(), 1L, Long::sum);
            }
            var breached = false;
            for (var d : c.getList("deadlines", Document.class, List.of())) {
                var status = d.getString("status");
                breached |= "BREACHED".equals(status);
                if ("BREACH".equals(d.getString("action"))) {
                    var current = compliance.getOrDefault(d.getString("clock"), new Compliance(0, 0));
                    compliance.put(
                            d.getString("clock"),
                            switch (status == null ? "" : status) {
                                case "MET" -> new Compliance(current.met() + 1, current.breached());
                                case "BREACHED" -> new Compliance(current.met(), current.breached() + 1);
                                default -> current;
                            });
                }
            }
            var escalations = c.getList("escalations", Document.class, List.of());
            escalations.forEach(e -> escalationsByRule.merge(key(e.get("rule")), 1L, Long::sum));
            if (breached) {
                breachedByOwner.merge(owner, 1L, Long::sum);
            }
            if (!escalations.isEmpty()) {
                escalatedByOwner.merge(owner, 1L, Long::sum);
            }
        }

        Summary summary(String month) {
            var persons = new java.util.TreeMap<String, PersonFigures>();
            byOwner.forEach((owner, n) -> persons.put(
                    owner,
                    new PersonFigures(
                            n, breachedByOwner.getOrDefault(owner, 0L), escalatedByOwner.getOrDefault(owner, 0L))));
            var top = causes.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue()
                            .reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .limit(10)
                    .map(e -> new RootCause(e.getKey(), e.getValue()))
                    .toList();
            return new Summary(
                    month,
                    total,
                    byLevel,
                    byDepartment,
                    byCategory,
                    persons,
                    compliance,
                    escalationsByRule,
                    escalationsByRule.values().stream()
                            .mapToLong(Long::longValue)
                            .sum(),
                    reopened,
                    top,
                    new Capa(resolved - resolvedClosed, resolvedClosed));
        }

        private static String key(Object value) {
            return value == null ? "UNSPECIFIED" : value.toString();
        }
    }
}
