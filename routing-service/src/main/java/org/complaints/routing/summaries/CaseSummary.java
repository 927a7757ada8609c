package org.complaints.routing.summaries;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.complaints.routing.cases.Case;
import org.complaints.routing.cases.State;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.scope.CallerScope;
import org.complaints.support.web.Months;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.aggregation.AggregationOperation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Repository;

/**
 * The routing part of the monthly report (LC-11, KP-01): each figure one MongoDB aggregation over
 * the month's cases in the caller's scope, the month counted in the tenant's zone (ADR 0520). A
 * read-side repository of the case store.
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

    private final MongoTemplate mongo;
    private final org.complaints.support.tenant.TenantDirectory tenants;

    CaseSummary(MongoTemplate mongo, org.complaints.support.tenant.TenantDirectory tenants) {
        this.mongo = mongo;
        this.tenants = tenants;
    }

    Summary summary(CallerIdentity caller, String month, String region, String site, String department) {
        var range = Months.parse(month, tenants.monthZone(caller.tenant()));
        var match = CallerScope.of(caller)
                .within(region, site)
                .criteria()
                .and("receivedAt")
                .gte(range.start())
                .lt(range.end());
        if (department != null) {
            match.and("department").is(department);
        }
        var byLevel = count(match, List.of(), "level");
        var compliance = new LinkedHashMap<String, Compliance>();
        for (var row : rows(
                match,
                List.of(
                        Aggregation.unwind("deadlines"),
                        Aggregation.match(Criteria.where("deadlines.action").is("BREACH"))),
                "deadlines.clock",
                "deadlines.status")) {
            var id = (Document) row.get("_id");
            var clock = id.getString("clock");
            var status = id.getString("status");
            var n = ((Number) row.get("n")).longValue();
            var current = compliance.getOrDefault(clock, new Compliance(0, 0));
            compliance.put(
                    clock,
                    switch (status == null ? "" : status) {
                        case "MET" -> new Compliance(current.met() + n, current.breached());
                        case "BREACHED" -> new Compliance(current.met(), current.breached() + n);
                        default -> current;
                    });
        }
        var causes = new ArrayList<RootCause>();
        var causeAggregation = Aggregation.newAggregation(
                Aggregation.match(match),
                Aggregation.match(Criteria.where("resolution").ne(null)),
                Aggregation.group("resolution.rootCauseCode").count().as("n"),
                Aggregation.sort(Sort.Direction.DESC, "n"),
                Aggregation.limit(10));
        for (var row : mongo.aggregate(causeAggregation, Case.class, Document.class)) {
            var cause = row.get("_id");
            causes.add(
                    new RootCause(cause == null ? "UNCODED" : cause.toString(), ((Number) row.get("n")).longValue()));
        }
        var resolvedStates = count(
                new Criteria().andOperator(match, Criteria.where("resolution").ne(null)), List.of(), "state");
        var closed = resolvedStates.getOrDefault(State.CLOSED.name(), 0L);
        var open = resolvedStates.values().stream().mapToLong(Long::longValue).sum() - closed;
        var escalationsByRule = count(match, List.of(Aggregation.unwind("escalations")), "escalations.rule");
        return new Summary(
                month,
                byLevel.values().stream().mapToLong(Long::longValue).sum(),
                byLevel,
                count(match, List.of(), "department"),
                count(match, List.of(), "responsibilityCategory"),
                perPerson(match),
                compliance,
                escalationsByRule,
                escalationsByRule.values().stream().mapToLong(Long::longValue).sum(),
                sum(match, "reopenCount"),
                causes,
                new Capa(open, closed));
    }

    /** The month's cases per owner: three grouped counts merged, never the cases loaded. */
    private Map<String, PersonFigures> perPerson(Criteria match) {
        var cases = count(match, List.of(), "owner");
        var breached = count(
                match,
                List.of(
                        Aggregation.match(Criteria.where("deadlines.status").is("BREACHED")),
                        Aggregation.project("owner")),
                "owner");
        var escalated = count(
                match,
                List.of(Aggregation.match(Criteria.where("escalations.0").exists(true)), Aggregation.project("owner")),
                "owner");
        var figures = new java.util.TreeMap<String, PersonFigures>();
        cases.forEach((owner, n) -> figures.put(
                owner, new PersonFigures(n, breached.getOrDefault(owner, 0L), escalated.getOrDefault(owner, 0L))));
        return figures;
    }

    private Map<String, Long> count(Criteria match, List<AggregationOperation> before, String field) {
        var result = new LinkedHashMap<String, Long>();
        for (var row : rows(match, before, field)) {
            var key = row.get("_id");
            result.put(key == null ? "UNSPECIFIED" : key.toString(), ((Number) row.get("n")).longValue());
        }
        return result;
    }

    private List<Document> rows(Criteria match, List<AggregationOperation> before, String... fields) {
        var ops = new ArrayList<AggregationOperation>();
        ops.add(Aggregation.match(match));
        ops.addAll(before);
        ops.add(Aggregation.group(fields).count().as("n"));
        return mongo.aggregate(Aggregation.newAggregation(ops), Case.class, Document.class)
                .getMappedResults();
    }

    private long sum(Criteria match, String field) {
        var aggregation = Aggregation.newAggregation(
                Aggregation.match(match), Aggregation.group().sum(field).as("n"));
        var result = mongo.aggregate(aggregation, Case.class, Document.class).getUniqueMappedResult();
        return result == null ? 0 : ((Number) result.get("n")).longValue();
    }
}
