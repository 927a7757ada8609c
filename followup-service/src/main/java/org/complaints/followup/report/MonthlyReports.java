package org.complaints.followup.report;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.bson.Document;
import org.complaints.followup.followup.FollowUp;
import org.complaints.followup.routing.CompensationClient;
import org.complaints.followup.routing.IntakeClient;
import org.complaints.followup.routing.RoutingClient;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.web.Months;
import org.complaints.support.web.ProblemException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * The monthly analysis report (LC-11, KP-01): composed from the summaries intake, routing and
 * compensation compute by aggregation, routing's sanctions per person (KP-05), plus this service's
 * own follow-up aggregation. Generated on
 * first request and stored once per tenant and month; if any summary is unavailable the report is
 * refused (503 naming it) rather than produced with missing numbers.
 */
@Service
public class MonthlyReports {

    private final IntakeClient intake;
    private final RoutingClient routing;
    private final CompensationClient compensation;
    private final MongoTemplate mongo;
    private final Clock clock;

    MonthlyReports(
            IntakeClient intake,
            RoutingClient routing,
            CompensationClient compensation,
            MongoTemplate mongo,
            Clock clock) {
        this.intake = intake;
        this.routing = routing;
        this.compensation = compensation;
        this.mongo = mongo;
        this.clock = clock;
    }

    /** The scope of a report: the whole tenant, or one region, site or department (null = all). */
    public record Scope(String region, String site, String department) {
        String key() {
            return (region == null ? "*" : region) + "|" + (site == null ? "*" : site) + "|"
                    + (department == null ? "*" : department);
        }
    }

    public Document monthly(CallerIdentity caller, String month, Scope scope) {
        var range = Months.parse(month);
        var id = caller.tenant() + "|" + month + "|" + scope.key();
        var stored = mongo.findById(id, Document.class, "reports");
        if (stored != null) {
            return stored;
        }
        var report = new Document("_id", id)
                .append("tenant", caller.tenant())
                .append("month", month)
                .append("generatedAt", java.util.Date.from(clock.instant()))
                .append(
                        "scope",
                        new Document("region", scope.region())
                                .append("site", scope.site())
                                .append("department", scope.department()))
                // Complaints and compensations carry no department; with a department scope they stay region/site wide.
                .append(
                        "complaints",
                        new Document(
                                fetch("intake-service", () -> intake.summary(month, scope.region(), scope.site()))))
                .append(
                        "cases",
                        new Document(fetch(
                                "routing-service",
                                () -> routing.summary(month, scope.region(), scope.site(), scope.department()))))
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
                .append("followUps", followUps(caller.tenant(), range.start(), range.end(), scope));
        var complaints = (Document) report.get("complaints");
        var total = ((Number) complaints.getOrDefault("total", 0)).longValue();
        var repeats = ((Number) complaints.getOrDefault("repeats", 0)).longValue();
        report.append("repeatRate", total == 0 ? 0.0 : (double) repeats / total);
        var cases = (Document) report.get("cases");
        var caseTotal = ((Number) cases.getOrDefault("total", 0)).longValue();
        var reopened = ((Number) cases.getOrDefault("reopened", 0)).longValue();
        report.append("reopenRate", caseTotal == 0 ? 0.0 : (double) reopened / caseTotal);
        try {
            mongo.insert(report, "reports");
        } catch (DuplicateKeyException generatedConcurrently) {
            return mongo.findById(id, Document.class, "reports");
        }
        return report;
    }

    private static Criteria scoped(Criteria criteria, Scope scope) {
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
            throw ProblemException.unavailable(
                    service,
                    "The monthly report needs the " + service
                            + " summary, which is unavailable; no report is produced with missing numbers. Retry later.");
        }
    }

    /** Satisfaction and completion of the month's follow-ups, by aggregation. */
    Document followUps(String tenant, Instant from, Instant to, Scope scope) {
        var match = scoped(
                Criteria.where("tenant").is(tenant).and("dueAt").gte(from).lt(to), scope);
        var byStatus = new LinkedHashMap<String, Object>();
        for (var row : mongo.aggregate(
                Aggregation.newAggregation(
                        Aggregation.match(match),
                        Aggregation.group("status").count().as("n")),
                FollowUp.class,
                Document.class)) {
            byStatus.put(String.valueOf(row.get("_id")), ((Number) row.get("n")).longValue());
        }
        var satisfaction = mongo.aggregate(
                        Aggregation.newAggregation(
                                Aggregation.match(
                                        match.and("outcome.satisfaction").ne(null)),
                                Aggregation.group()
                                        .count()
                                        .as("n")
                                        .sum("outcome.satisfaction")
                                        .as("sum")),
                        FollowUp.class,
                        Document.class)
                .getUniqueMappedResult();
        var satisfiedCount = mongo.count(
                new Query(scoped(
                                Criteria.where("tenant")
                                        .is(tenant)
                                        .and("dueAt")
                                        .gte(from)
                                        .lt(to),
                                scope)
                        .and("outcome.satisfied")
                        .is(true)),
                FollowUp.class);
        var total = byStatus.values().stream().mapToLong(v -> (Long) v).sum();
        var done = (Long) byStatus.getOrDefault("DONE", 0L);
        var scored = satisfaction == null ? 0 : ((Number) satisfaction.get("n")).longValue();
        return new Document("total", total)
                .append("byStatus", new Document(byStatus))
                .append("completionRate", total == 0 ? 0.0 : (double) done / total)
                .append("scored", scored)
                .append(
                        "averageSatisfaction",
                        scored == 0 ? null : ((Number) satisfaction.get("sum")).doubleValue() / scored)
                .append("satisfied", satisfiedCount);
    }
}
