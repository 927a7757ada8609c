package org.complaints.intake.complaint;

import java.util.LinkedHashMap;
import java.util.Map;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.web.Months;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /complaints/summary?month=YYYY-MM}: the month's counts for the monthly report (LC-11),
 * computed by MongoDB aggregations over the caller's scope of the tenant's complaints, never by
 * loading them. Months are UTC calendar months.
 */
@RestController
class ComplaintSummary {

    record Summary(
            String month,
            long total,
            Map<String, Long> byChannel,
            Map<String, Long> byLevel,
            Map<String, Long> byCategory,
            long repeats,
            long invalid) {}

    private final MongoTemplate mongo;

    ComplaintSummary(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @GetMapping("/complaints/summary")
    Summary summary(
            CallerIdentity caller,
            @RequestParam String month,
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String site) {
        var range = Months.parse(month);
        // The caller's scope is the base of the match: a region-limited key counts only its regions.
        var parts = new java.util.ArrayList<Criteria>();
        parts.add(ComplaintController.inScope(caller, region).criteria());
        parts.add(Criteria.where("createdAt").gte(range.start()).lt(range.end()));
        if (region != null) {
            parts.add(Criteria.where("region").is(region));
        }
        if (site != null) {
            parts.add(Criteria.where("site").is(site));
        }
        var match = new Criteria().andOperator(parts);
        var byChannel = countBy(match, "channel");
        var total = byChannel.values().stream().mapToLong(Long::longValue).sum();
        return new Summary(
                month,
                total,
                byChannel,
                countBy(match, "level"),
                countBy(match, "category.subjectType"),
                countBy(match, "repeat").getOrDefault("true", 0L),
                countBy(match, "status").getOrDefault("NOT_ESTABLISHED", 0L));
    }

    private Map<String, Long> countBy(Criteria match, String field) {
        var aggregation = Aggregation.newAggregation(
                Aggregation.match(match), Aggregation.group(field).count().as("n"));
        var result = new LinkedHashMap<String, Long>();
        for (var row : mongo.aggregate(aggregation, Complaint.class, org.bson.Document.class)) {
            var key = row.get("_id");
            result.put(key == null ? "UNSPECIFIED" : key.toString(), ((Number) row.get("n")).longValue());
        }
        return result;
    }
}
