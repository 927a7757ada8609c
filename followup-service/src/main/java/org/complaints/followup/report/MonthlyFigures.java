package org.complaints.followup.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.bson.Document;
import org.complaints.followup.followup.FollowUp;
import org.complaints.followup.routing.CompensationClient;
import org.complaints.followup.routing.IntakeClient;
import org.complaints.followup.routing.RoutingClient;
import org.complaints.support.web.Months;
import org.complaints.support.web.ProblemException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The figures of one month's report (LC-11, KP-01..03, KP-07, RC-06/07, RT-09), every one computed
 * from data: the summaries intake, routing and compensation aggregate, routing's sanctions per
 * person (KP-05), and this service's own follow-up aggregations. If any summary is unavailable the
 * report is refused (503 naming it) rather than produced with missing numbers.
 */
@Component
class MonthlyFigures {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(MonthlyFigures.class);

    /** The most valuable-feedback items a report lists; the count says how many there were. */
    static final int FEEDBACK_ITEMS = 100;

    private final IntakeClient intake;
    private final RoutingClient routing;
    private final CompensationClient compensation;
    private final MongoTemplate mongo;

    MonthlyFigures(IntakeClient intake, RoutingClient routing, CompensationClient compensation, MongoTemplate mongo) {
        this.intake = intake;
        this.routing = routing;
        this.compensation = compensation;
        this.mongo = mongo;
    }

    /** KP-03: the month's satisfaction rate against the tenant's target (none without a recorded outcome). */
    static void measureAgainstTarget(Document followUps, double target) {
        var rate = followUps.get("satisfactionRate") instanceof Number n ? n.doubleValue() : null;
        followUps
                .append("satisfactionTarget", target)
                .append("satisfactionTargetMet", rate == null ? null : rate >= target);
    }

    /** The month's figures in {@code scope}; {@code previous} is the month before, for the trends (RC-06). */
    Document compose(
            String tenant,
            Months range,
            Months previous,
            MonthlyReports.Scope scope,
            org.complaints.followup.policy.FollowupPolicy.Report settings) {
        var month = range.month().toString();
        var complaints =
                new Document(fetch("intake-service", () -> intake.summary(month, scope.region(), scope.site())));
        var cases = new Document(fetch(
                "routing-service", () -> routing.summary(month, scope.region(), scope.site(), scope.department())));
        var before = new Document(fetch(
                "routing-service",
                () -> routing.summary(previous.month().toString(), scope.region(), scope.site(), scope.department())));
        var followUps = followUps(tenant, range, scope);
        measureAgainstTarget(followUps, settings.satisfactionTarget());
        var report = new Document()
                // Complaints and compensations carry no department; with a department scope they stay region/site wide.
                .append("complaints", complaints)
                .append("cases", cases)
                .append(
                        "compensation",
                        new Document(fetch(
                                "compensation-service",
                                () -> compensation.summary(month, scope.region(), scope.site()))))
                // KP-05: penalties per person, recorded in the month; region/site wide like complaints.
                .append(
                        "sanctions",
                        new Document(
                                fetch("routing-service", () -> routing.sanctions(month, scope.region(), scope.site()))))
                .append("followUps", followUps)
                .append("departments", cases.get("byDepartment"))
                .append("responsiblePersons", responsiblePersons(cases, followUps))
                .append("rootCauses", rootCauseTrend(cases, before))
                .append("valuableFeedback", valuableFeedback(tenant, range, scope, settings.feedbackFor()));
        var total = number(complaints, "total");
        report.append("repeatRate", total == 0 ? 0.0 : (double) number(complaints, "repeats") / total);
        var caseTotal = number(cases, "total");
        report.append("reopenRate", caseTotal == 0 ? 0.0 : (double) number(cases, "reopened") / caseTotal);
        return report;
    }

    /**
     * Per responsible person (LC-11) the cases they own, breached and escalated, with the
     * satisfaction their customers gave in the month's follow-ups (KP-07: it feeds performance,
     * promotion and training).
     */
    static Document responsiblePersons(Document cases, Document followUps) {
        var people = new TreeMap<String, Document>();
        if (cases.get("byResponsiblePerson") instanceof Map<?, ?> owners) {
            owners.forEach((person, figures) -> {
                var f = (Map<?, ?>) figures;
                people.put(
                        String.valueOf(person),
                        new Document("cases", number(f, "cases"))
                                .append("breached", number(f, "breached"))
                                .append("escalated", number(f, "escalated")));
            });
        }
        if (followUps.get("satisfactionByStaff") instanceof Map<?, ?> staff) {
            staff.forEach((person, figures) -> people.computeIfAbsent(
                            String.valueOf(person),
                            p -> new Document("cases", 0L)
                                    .append("breached", 0L)
                                    .append("escalated", 0L))
                    .append("satisfaction", figures));
        }
        return new Document(people);
    }

    /**
     * RC-06/RC-07: the month's top root causes with their share of the month's cases against the
     * month before; an item stays on the agenda until its share falls.
     */
    static List<Document> rootCauseTrend(Document cases, Document before) {
        var total = number(cases, "total");
        var previousTotal = number(before, "total");
        var previous = new LinkedHashMap<String, Long>();
        if (before.get("topRootCauses") instanceof List<?> list) {
            list.forEach(item ->
                    previous.put(String.valueOf(((Map<?, ?>) item).get("cause")), number((Map<?, ?>) item, "count")));
        }
        var trend = new ArrayList<Document>();
        if (cases.get("topRootCauses") instanceof List<?> list) {
            for (var item : list) {
                var cause = String.valueOf(((Map<?, ?>) item).get("cause"));
                var count = number((Map<?, ?>) item, "count");
                var share = total == 0 ? 0.0 : (double) count / total;
                var earlier = previous.get(cause);
                var earlierShare = earlier == null || previousTotal == 0 ? null : (double) earlier / previousTotal;
                var direction = earlierShare == null
                        ? "NEW"
                        : share > earlierShare ? "UP" : share < earlierShare ? "DOWN" : "SAME";
                trend.add(new Document("cause", cause)
                        .append("count", count)
                        .append("share", share)
                        .append("previousCount", earlier == null ? 0L : earlier)
                        .append("previousShare", earlierShare)
                        .append("trend", direction)
                        .append("onAgenda", !"DOWN".equals(direction)));
            }
        }
        return trend;
    }

    /**
     * RT-09 / RC-11: suggestions recorded in the month's follow-up outcomes, addressed to the
     * departments of the tenant's policy (e.g. R&D); no customer data, only the suggestion.
     */
    Document valuableFeedback(String tenant, Months range, MonthlyReports.Scope scope, List<String> feedbackFor) {
        var match = scoped(
                Criteria.where("tenant")
                        .is(tenant)
                        .and("completedAt")
                        .gte(range.start())
                        .lt(range.end())
                        .and("outcome.valuableFeedback")
                        .ne(null),
                scope);
        var count = mongo.count(new Query(match), FollowUp.class);
        var query = new Query(match).with(Sort.by("completedAt")).limit(FEEDBACK_ITEMS);
        query.fields().include("caseId", "site", "department", "type", "outcome.valuableFeedback", "completedAt");
        var items = new ArrayList<Document>();
        for (var f : mongo.find(query, Document.class, "followups")) {
            items.add(new Document("followUpId", f.get("_id"))
                    .append("caseId", f.get("caseId"))
                    .append("site", f.get("site"))
                    .append("department", f.get("department"))
                    .append("text", ((Document) f.get("outcome")).get("valuableFeedback"))
                    .append("recordedAt", f.get("completedAt")));
        }
        return new Document("for", feedbackFor).append("count", count).append("items", items);
    }

    private static Criteria scoped(Criteria criteria, MonthlyReports.Scope scope) {
        if (scope.region() != null) {
            criteria.and("region").is(scope.region());
        }
        if (scope.site() != null) {
            criteria.and("site").is(scope.site());
        }
        if (scope.department() != null) {
            criteria.and("department").is(scope.department());
        }
        return criteria;
    }

    private static Map<String, Object> fetch(String service, Supplier<Map<String, Object>> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            log.warn(
                    "Monthly report: the {} summary failed: {}",
                    service,
                    e.getCause() == null ? e.toString() : e.getCause().toString());
            throw ProblemException.unavailable(
                    service,
                    "The monthly report needs the " + service
                            + " summary, which is unavailable; no report is produced with missing numbers. Retry later.");
        }
    }

    static long number(Map<?, ?> map, String key) {
        return map.get(key) instanceof Number n ? n.longValue() : 0L;
    }

    /**
     * Satisfaction and completion of the month's follow-ups, by aggregation, with the satisfaction
     * per responsible person of the followed-up cases (KP-03 target 100 %, KP-07).
     */
    Document followUps(String tenant, Months range, MonthlyReports.Scope scope) {
        var match = scoped(
                Criteria.where("tenant")
                        .is(tenant)
                        .and("dueAt")
                        .gte(range.start())
                        .lt(range.end()),
                scope);
        var byStatus = new LinkedHashMap<String, Object>();
        for (var row : mongo.aggregate(
                Aggregation.newAggregation(
                        Aggregation.match(match),
                        Aggregation.group("status").count().as("n")),
                FollowUp.class,
                Document.class)) {
            byStatus.put(String.valueOf(row.get("_id")), ((Number) row.get("n")).longValue());
        }
        var staff = new TreeMap<String, Document>();
        var done = 0L;
        var scored = 0L;
        var scoreSum = 0.0;
        var satisfied = 0L;
        for (var row : mongo.aggregate(
                Aggregation.newAggregation(
                        Aggregation.match(scoped(
                                Criteria.where("tenant")
                                        .is(tenant)
                                        .and("dueAt")
                                        .gte(range.start())
                                        .lt(range.end())
                                        .and("status")
                                        .is("DONE"),
                                scope)),
                        Aggregation.group("responsible", "outcome.satisfied")
                                .count()
                                .as("n")),
                FollowUp.class,
                Document.class)) {
            var id = (Document) row.get("_id");
            var person = id.get("responsible") == null
                    ? "UNSPECIFIED"
                    : id.get("responsible").toString();
            var n = ((Number) row.get("n")).longValue();
            var happy = Boolean.TRUE.equals(id.get("satisfied"));
            var figures = staff.computeIfAbsent(
                    person,
                    p -> new Document("followUps", 0L).append("satisfied", 0L).append("unsatisfied", 0L));
            figures.put("followUps", figures.getLong("followUps") + n);
            figures.put(happy ? "satisfied" : "unsatisfied", figures.getLong(happy ? "satisfied" : "unsatisfied") + n);
            done += n;
            satisfied += happy ? n : 0;
        }
        var scores = mongo.aggregate(
                        Aggregation.newAggregation(
                                Aggregation.match(scoped(
                                        Criteria.where("tenant")
                                                .is(tenant)
                                                .and("dueAt")
                                                .gte(range.start())
                                                .lt(range.end())
                                                .and("outcome.satisfaction")
                                                .ne(null),
                                        scope)),
                                Aggregation.group("responsible")
                                        .count()
                                        .as("n")
                                        .sum("outcome.satisfaction")
                                        .as("sum")),
                        FollowUp.class,
                        Document.class)
                .getMappedResults();
        for (var row : scores) {
            var person = row.get("_id") == null ? "UNSPECIFIED" : row.get("_id").toString();
            var n = ((Number) row.get("n")).longValue();
            var sum = ((Number) row.get("sum")).doubleValue();
            scored += n;
            scoreSum += sum;
            staff.computeIfAbsent(
                            person,
                            p -> new Document("followUps", 0L)
                                    .append("satisfied", 0L)
                                    .append("unsatisfied", 0L))
                    .append("averageScore", sum / n);
        }
        staff.values()
                .forEach(f -> f.append(
                        "satisfactionRate",
                        f.getLong("followUps") == 0 ? null : (double) f.getLong("satisfied") / f.getLong("followUps")));
        var total = byStatus.values().stream().mapToLong(v -> (Long) v).sum();
        return new Document("total", total)
                .append("byStatus", new Document(byStatus))
                .append("completionRate", total == 0 ? 0.0 : (double) done / total)
                .append("scored", scored)
                .append("averageSatisfaction", scored == 0 ? null : scoreSum / scored)
                .append("satisfied", satisfied)
                .append("satisfactionRate", done == 0 ? null : (double) satisfied / done)
                .append("satisfactionByStaff", new Document(staff));
    }
}
