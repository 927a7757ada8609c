package org.complaints.followup.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.bson.Document;
import org.complaints.followup.followup.FollowUpMonths;
import org.complaints.followup.routing.CompensationClient;
import org.complaints.followup.routing.IntakeClient;
import org.complaints.followup.routing.RoutingClient;
import org.complaints.support.web.Months;
import org.complaints.support.web.ProblemException;
import org.springframework.stereotype.Component;

/**
 * The figures of one month's report (LC-11, KP-01..03, KP-07, RC-06/07, RT-09), every one computed
 * from data: the summaries intake, routing and compensation add up, routing's sanctions per person
 * (KP-05), and this service's own figures of the month's follow-ups (reached by key, ADR 0602). If
 * any summary is unavailable the report is refused (503 naming it) rather than produced with
 * missing numbers.
 */
@Component
class MonthlyFigures {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(MonthlyFigures.class);

    /** The most valuable-feedback items a report lists; the count says how many there were. */
    static final int FEEDBACK_ITEMS = 100;

    private final IntakeClient intake;
    private final RoutingClient routing;
    private final CompensationClient compensation;
    private final FollowUpMonths months;

    MonthlyFigures(IntakeClient intake, RoutingClient routing, CompensationClient compensation, FollowUpMonths months) {
        this.intake = intake;
        this.routing = routing;
        this.compensation = compensation;
        this.months = months;
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
     * departments of the tenant's policy (e.g. R&D); no customer data, only the suggestion. The
     * month's completed follow-ups are reached by key (ADR 0602); the first {@value #FEEDBACK_ITEMS}
     * by completion time are listed.
     */
    Document valuableFeedback(String tenant, Months range, MonthlyReports.Scope scope, List<String> feedbackFor) {
        var found = new ArrayList<Document>();
        months.completed(tenant, range, scope.region(), scope.site(), f -> {
            if (inDepartment(f, scope)
                    && f.get("outcome") instanceof Document outcome
                    && outcome.get("valuableFeedback") != null) {
                found.add(new Document("followUpId", f.get("_id"))
                        .append("caseId", f.get("caseId"))
                        .append("site", f.get("site"))
                        .append("department", f.get("department"))
                        .append("text", outcome.get("valuableFeedback"))
                        .append("recordedAt", f.get("completedAt")));
            }
        });
        found.sort(Comparator.comparing(item -> (Date) item.get("recordedAt")));
        var items = new ArrayList<>(found.subList(0, Math.min(found.size(), FEEDBACK_ITEMS)));
        return new Document("for", feedbackFor)
                .append("count", (long) found.size())
                .append("items", items);
    }

    private static boolean inDepartment(Document followUp, MonthlyReports.Scope scope) {
        return scope.department() == null || scope.department().equals(followUp.get("department"));
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
     * Satisfaction and completion of the month's follow-ups (by due time), with the satisfaction per
     * responsible person of the followed-up cases (KP-03 target 100 %, KP-07), added up from the
     * month's follow-ups reached by key (ADR 0602), not aggregated over every follow-up stored.
     */
    Document followUps(String tenant, Months range, MonthlyReports.Scope scope) {
        var byStatus = new LinkedHashMap<String, Object>();
        var done = new TreeMap<String, long[]>(); // per person: done, satisfied
        var scores = new LinkedHashMap<String, double[]>(); // per person: scored, sum of scores
        months.due(tenant, range, scope.region(), scope.site(), f -> {
            if (!inDepartment(f, scope)) {
                return;
            }
            byStatus.merge(String.valueOf(f.get("status")), 1L, (a, b) -> (Long) a + (Long) b);
            var person = f.get("responsible") == null
                    ? "UNSPECIFIED"
                    : f.get("responsible").toString();
            var outcome = f.get("outcome") instanceof Document o ? o : new Document();
            if ("DONE".equals(f.get("status"))) {
                var figures = done.computeIfAbsent(person, p -> new long[2]);
                figures[0]++;
                figures[1] += Boolean.TRUE.equals(outcome.get("satisfied")) ? 1 : 0;
            }
            if (outcome.get("satisfaction") != null) {
                var figures = scores.computeIfAbsent(person, p -> new double[2]);
                figures[0]++;
                figures[1] += outcome.get("satisfaction") instanceof Number n ? n.doubleValue() : 0;
            }
        });
        var staff = new TreeMap<String, Document>();
        var doneTotal = 0L;
        var satisfied = 0L;
        for (var e : done.entrySet()) {
            var n = e.getValue();
            staff.put(
                    e.getKey(),
                    new Document("followUps", n[0]).append("satisfied", n[1]).append("unsatisfied", n[0] - n[1]));
            doneTotal += n[0];
            satisfied += n[1];
        }
        var scored = 0L;
        var scoreSum = 0.0;
        for (var e : scores.entrySet()) {
            var n = (long) e.getValue()[0];
            var sum = e.getValue()[1];
            scored += n;
            scoreSum += sum;
            staff.computeIfAbsent(
                            e.getKey(),
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
                .append("completionRate", total == 0 ? 0.0 : (double) doneTotal / total)
                .append("scored", scored)
                .append("averageSatisfaction", scored == 0 ? null : scoreSum / scored)
                .append("satisfied", satisfied)
                .append("satisfactionRate", doneTotal == 0 ? null : (double) satisfied / doneTotal)
                .append("satisfactionByStaff", new Document(staff));
    }
}
