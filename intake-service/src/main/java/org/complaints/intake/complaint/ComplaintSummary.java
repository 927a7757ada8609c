package org.complaints.intake.complaint;

import java.util.LinkedHashMap;
import java.util.Map;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.web.Months;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.aggregation.Fields;
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
@io.swagger.v3.oas.annotations.tags.Tag(name = "Reports")
class ComplaintSummary {

    @io.swagger.v3.oas.annotations.media.Schema(name = "ComplaintMonthSummary")
    record Summary(
            String month,
            long total,
            Map<String, Long> byChannel,
            Map<String, Long> byLevel,
            Map<String, Long> byCategory,
            long repeats,
            long invalid,
            Promises promises) {}

    /** OT-20/21: promises settled in the month, kept or broken, per responsible person (owner). */
    @io.swagger.v3.oas.annotations.media.Schema(name = "PromiseMonthSummary")
    record Promises(Map<String, Outcome> byOwner) {}

    @io.swagger.v3.oas.annotations.media.Schema(name = "PromiseOutcomeCounts")
    record Outcome(long kept, long broken) {}

    private final MongoTemplate mongo;
    private final org.complaints.support.tenant.TenantDirectory tenants;

    ComplaintSummary(MongoTemplate mongo, org.complaints.support.tenant.TenantDirectory tenants) {
        this.mongo = mongo;
        this.tenants = tenants;
    }

    @io.swagger.v3.oas.annotations.Operation(
            operationId = "summarizeComplaints",
            summary = "A month's complaints counted by channel, level and category (YYYY-MM)")
    @GetMapping("/complaints/summary")
    Summary summary(
            CallerIdentity caller,
            @RequestParam String month,
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String site) {
        var range = Months.parse(month, tenants.monthZone(caller.tenant()));
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
        // One grouped pass over the month instead of one per figure: on the embedded store each
        // aggregation reads the collection, and the report's call to this has a 2 s budget.
        var byChannel = new LinkedHashMap<String, Long>();
        var byLevel = new LinkedHashMap<String, Long>();
        var byCategory = new LinkedHashMap<String, Long>();
        long total = 0;
        long repeats = 0;
        long invalid = 0;
        var aggregation = Aggregation.newAggregation(
                Aggregation.match(match),
                Aggregation.group(Fields.from(
                                Fields.field("channel"),
                                Fields.field("level"),
                                Fields.field("subjectType", "category.subjectType"),
                                Fields.field("repeat"),
                                Fields.field("status")))
                        .count()
                        .as("n"));
        for (var row : mongo.aggregate(aggregation, Complaint.class, org.bson.Document.class)) {
            var id = (org.bson.Document) row.get("_id");
            var n = ((Number) row.get("n")).longValue();
            total += n;
            byChannel.merge(key(id.get("channel")), n, Long::sum);
            byLevel.merge(key(id.get("level")), n, Long::sum);
            byCategory.merge(key(id.get("subjectType")), n, Long::sum);
            repeats += "true".equals(String.valueOf(id.get("repeat"))) ? n : 0;
            invalid += "NOT_ESTABLISHED".equals(String.valueOf(id.get("status"))) ? n : 0;
        }
        return new Summary(
                month,
                total,
                byChannel,
                byLevel,
                byCategory,
                repeats,
                invalid,
                promises(ComplaintController.inScope(caller, region).criteria(), region, site, range));
    }

    private static String key(Object value) {
        return value == null ? "UNSPECIFIED" : value.toString();
    }

    /**
     * Promises settled (kept by their owner, broken by the owner or the sweep) in the month, of
     * complaints in the caller's scope, whatever month the complaint was filed in.
     */
    private Promises promises(Criteria scope, String region, String site, Months range) {
        var parts = new java.util.ArrayList<Criteria>();
        parts.add(scope);
        parts.add(Criteria.where("promises.fulfilledAt").gte(range.start()).lt(range.end()));
        if (region != null) {
            parts.add(Criteria.where("region").is(region));
        }
        if (site != null) {
            parts.add(Criteria.where("site").is(site));
        }
        var aggregation = Aggregation.newAggregation(
                Aggregation.match(new Criteria().andOperator(parts)),
                Aggregation.unwind("promises"),
                Aggregation.match(Criteria.where("promises.fulfilledAt")
                        .gte(range.start())
                        .lt(range.end())
                        .and("promises.status")
                        .in(Complaint.Promise.KEPT, Complaint.Promise.BROKEN)),
                Aggregation.group("promises.owner", "promises.status").count().as("n"));
        var kept = new java.util.TreeMap<String, Long>();
        var broken = new java.util.TreeMap<String, Long>();
        for (var row : mongo.aggregate(aggregation, Complaint.class, org.bson.Document.class)) {
            var id = (org.bson.Document) row.get("_id");
            var owner =
                    id.get("owner") == null ? "UNSPECIFIED" : id.get("owner").toString();
            var target = Complaint.Promise.KEPT.equals(id.getString("status")) ? kept : broken;
            target.merge(owner, ((Number) row.get("n")).longValue(), Long::sum);
        }
        var byOwner = new java.util.TreeMap<String, Outcome>();
        var owners = new java.util.TreeSet<>(kept.keySet());
        owners.addAll(broken.keySet());
        for (var owner : owners) {
            byOwner.put(owner, new Outcome(kept.getOrDefault(owner, 0L), broken.getOrDefault(owner, 0L)));
        }
        return new Promises(byOwner);
    }
}
