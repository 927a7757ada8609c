package org.complaints.intake.complaint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bson.Document;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.scope.CallerScope;
import org.complaints.support.web.Months;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /complaints/summary?month=YYYY-MM}: the month's counts for the monthly report (LC-11),
 * added up from the month's complaints in the caller's scope, reached by key ({@link ComplaintMonths},
 * ADR 0602). Months are calendar months in the tenant's zone (ADR 0520).
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

    private final ComplaintMonths months;
    private final org.complaints.support.tenant.TenantDirectory tenants;

    ComplaintSummary(ComplaintMonths months, org.complaints.support.tenant.TenantDirectory tenants) {
        this.months = months;
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
        // The caller's scope is the base: a region-limited key counts only its regions.
        var scope = ComplaintController.inScope(caller, region);
        var byChannel = new LinkedHashMap<String, Long>();
        var byLevel = new LinkedHashMap<String, Long>();
        var byCategory = new LinkedHashMap<String, Long>();
        var counts = new long[3]; // total, repeats, invalid
        // The month's complaints by key, not an aggregation: on the embedded store that reads every
        // complaint ever recorded, and the report's call to this has a 2 s budget (ADR 0602).
        months.recorded(scope, region, site, range, c -> {
            counts[0]++;
            byChannel.merge(key(c.get("channel")), 1L, Long::sum);
            byLevel.merge(key(c.get("level")), 1L, Long::sum);
            var category = c.get("category") instanceof Document d ? d.get("subjectType") : null;
            byCategory.merge(key(category), 1L, Long::sum);
            counts[1] += "true".equals(String.valueOf(c.get("repeat"))) ? 1 : 0;
            counts[2] += "NOT_ESTABLISHED".equals(String.valueOf(c.get("status"))) ? 1 : 0;
        });
        return new Summary(
                month,
                counts[0],
                byChannel,
                byLevel,
                byCategory,
                counts[1],
                counts[2],
                promises(scope, region, site, range));
    }

    private static String key(Object value) {
        return value == null ? "UNSPECIFIED" : value.toString();
    }

    static boolean settled(String status) {
        return Complaint.Promise.KEPT.equals(status) || Complaint.Promise.BROKEN.equals(status);
    }

    /**
     * Promises settled (kept by their owner, broken by the owner or the sweep) in the month, of
     * complaints in the caller's scope, whatever month the complaint was filed in.
     */
    private Promises promises(CallerScope scope, String region, String site, Months range) {
        var kept = new TreeMap<String, Long>();
        var broken = new TreeMap<String, Long>();
        months.withSettledPromises(scope, region, site, range, c -> {
            for (var p : c.getList("promises", Document.class, List.of())) {
                var status = p.getString("status");
                if (settled(status) && ComplaintMonths.within(p.getDate("fulfilledAt"), range)) {
                    var target = Complaint.Promise.KEPT.equals(status) ? kept : broken;
                    target.merge(key(p.get("owner")), 1L, Long::sum);
                }
            }
        });
        var byOwner = new TreeMap<String, Outcome>();
        var owners = new TreeSet<>(kept.keySet());
        owners.addAll(broken.keySet());
        for (var owner : owners) {
            byOwner.put(owner, new Outcome(kept.getOrDefault(owner, 0L), broken.getOrDefault(owner, 0L)));
        }
        return new Promises(byOwner);
    }
}
