package org.complaints.compensation.compensation;

import io.micrometer.core.instrument.Tags;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;
import org.complaints.compensation.budget.Budgets;
import org.complaints.compensation.system.CompensationMetrics;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.web.Months;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /compensations/summary?month=}: the month's remedies for the report (LC-11), by
 * MongoDB aggregation; and the gauges (oldest pending approval, budget used) refreshed from the
 * same kind of grouped queries, never by loading every document per scrape.
 */
@RestController
class CompensationSummary {

    record Amount(BigDecimal amount, String currency) {}

    record Summary(
            String month,
            long count,
            Map<String, Long> countByKind,
            Map<String, Amount> amountByKind,
            Map<String, Long> byOutcome) {}

    private final MongoTemplate mongo;
    private final CompensationMetrics metrics;
    private final Clock clock;

    CompensationSummary(MongoTemplate mongo, CompensationMetrics metrics, Clock clock) {
        this.mongo = mongo;
        this.metrics = metrics;
        this.clock = clock;
    }

    @GetMapping("/compensations/summary")
    Summary summary(
            CallerIdentity caller,
            @RequestParam String month,
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String site) {
        var range = Months.parse(month);
        var match = Criteria.where("tenant")
                .is(caller.tenant())
                .and("createdAt")
                .gte(range.start())
                .lt(range.end());
        if (region != null) {
            match.and("region").is(region);
        }
        if (site != null) {
            match.and("site").is(site);
        }
        var byOutcome = new LinkedHashMap<String, Long>();
        var countByKind = new LinkedHashMap<String, Long>();
        var amountByKind = new LinkedHashMap<String, Amount>();
        var rows = mongo.aggregate(
                Aggregation.newAggregation(
                        Aggregation.match(match),
                        Aggregation.unwind("options"),
                        Aggregation.group("options.kind", "options.status", "options.amount.currency")
                                .count()
                                .as("n")
                                .sum("options.amountMinor")
                                .as("total")),
                Compensation.class,
                Document.class);
        for (var row : rows) {
            var id = (Document) row.get("_id");
            var n = ((Number) row.get("n")).longValue();
            byOutcome.merge(id.getString("status"), n, Long::sum);
            if ("APPROVED".equals(id.getString("status"))) {
                countByKind.merge(id.getString("kind"), n, Long::sum);
                var total = BigDecimal.valueOf(((Number) row.get("total")).longValue(), 2);
                amountByKind.merge(
                        id.getString("kind"),
                        new Amount(total, id.getString("currency")),
                        (a, b) -> new Amount(a.amount().add(b.amount()), a.currency()));
            }
        }
        return new Summary(
                month,
                countByKind.values().stream().mapToLong(Long::longValue).sum(),
                countByKind,
                amountByKind,
                byOutcome);
    }

    @Scheduled(fixedDelayString = "${complaints.compensation.gauges.interval:PT30S}")
    void refreshGauges() {
        var now = clock.instant();
        var ages = new LinkedHashMap<String, Long>();
        var oldest = mongo.aggregate(
                Aggregation.newAggregation(
                        Aggregation.unwind("options"),
                        Aggregation.match(Criteria.where("options.status").is("PENDING_APPROVAL")),
                        Aggregation.group("tenant").min("createdAt").as("oldest")),
                Compensation.class,
                Document.class);
        for (var row : oldest) {
            ages.put(
                    row.getString("_id"),
                    Duration.between(row.getDate("oldest").toInstant(), now).toSeconds());
        }
        metrics.queueAge(ages);
        var month = YearMonth.from(now.atZone(ZoneOffset.UTC)).toString();
        var used = new ArrayList<Map.Entry<Tags, Double>>();
        var budgets = mongo.aggregate(
                Aggregation.newAggregation(
                        Aggregation.match(Criteria.where("month").is(month)),
                        Aggregation.group("tenant", "region")
                                .sum("limitMinor")
                                .as("limit")
                                .sum("spentMinor")
                                .as("spent")),
                Budgets.COLLECTION,
                Document.class);
        for (var row : budgets) {
            var id = (Document) row.get("_id");
            var limit = ((Number) row.get("limit")).doubleValue();
            used.add(Map.entry(
                    Tags.of("tenant", id.getString("tenant"), "region", String.valueOf(id.getString("region"))),
                    limit == 0 ? 1.0 : ((Number) row.get("spent")).doubleValue() / limit));
        }
        metrics.budgetUsed(used);
    }
}
