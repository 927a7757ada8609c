package org.complaints.compensation.remedy;

import io.micrometer.core.instrument.Tags;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.complaints.compensation.budget.Budgets;
import org.complaints.compensation.policy.CompensationAction;
import org.complaints.compensation.system.CompensationMetrics;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.scope.CallerScope;
import org.complaints.support.web.Months;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /compensations/summary?month=}: the month's remedies for the report (LC-11), added up
 * from the month's compensations reached by key (ADR 0602); and the gauges (oldest pending
 * approval, budget used) refreshed from grouped queries, never by loading every document per
 * scrape.
 */
@RestController
@io.swagger.v3.oas.annotations.tags.Tag(name = "Reports")
class CompensationSummary {

    @io.swagger.v3.oas.annotations.media.Schema(name = "RemedyAmountTotal")
    record Amount(BigDecimal amount, String currency) {}

    @io.swagger.v3.oas.annotations.media.Schema(name = "CompensationMonthSummary")
    record Summary(
            String month,
            long count,
            Map<String, Long> countByKind,
            Map<String, Amount> amountByKind,
            Map<String, Long> byOutcome) {}

    private final CompensationRepository compensations;
    private final CompensationService service;
    private final Budgets budgets;
    private final CompensationMetrics metrics;
    private final Clock clock;
    private final org.complaints.support.tenant.TenantDirectory tenants;

    CompensationSummary(
            CompensationRepository compensations,
            CompensationService service,
            Budgets budgets,
            CompensationMetrics metrics,
            Clock clock,
            org.complaints.support.tenant.TenantDirectory tenants) {
        this.tenants = tenants;
        this.compensations = compensations;
        this.service = service;
        this.budgets = budgets;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * The month within the caller's scope narrowed to the region and site asked for
     * ({@link CallerScope#within}): a region or site outside the scope is not found, and the filter
     * names each field once (adding the request's region to a region-limited caller's criteria
     * named it twice and answered 500).
     */
    @io.swagger.v3.oas.annotations.Operation(
            operationId = "summarizeCompensations",
            summary = "A month's remedies by kind and outcome (YYYY-MM)")
    @GetMapping("/compensations/summary")
    Summary summary(
            CallerIdentity caller,
            @RequestParam String month,
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String site) {
        service.permit(caller, CompensationAction.SUMMARY_READ);
        // months in the tenant's zone, as the report that composes this summary counts them (ADR 0520)
        var range = Months.parse(month, tenants.monthZone(caller.tenant()));
        var scope = CallerScope.of(caller).within(region, site);
        var byOutcome = new LinkedHashMap<String, Long>();
        var countByKind = new LinkedHashMap<String, Long>();
        var amountByKind = new LinkedHashMap<String, Amount>();
        for (var row : compensations.optionTotals(scope, range.start(), range.end())) {
            byOutcome.merge(row.status(), row.count(), Long::sum);
            if ("APPROVED".equals(row.status())) {
                countByKind.merge(row.kind(), row.count(), Long::sum);
                amountByKind.merge(
                        row.kind(),
                        new Amount(BigDecimal.valueOf(row.minor(), 2), row.currency()),
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

    @Scheduled(fixedDelayString = "${complaints.compensation.gauges.interval:PT1M}")
    void refreshGauges() {
        var now = clock.instant();
        var ages = new LinkedHashMap<String, Long>();
        for (var tenant : tenants.all()) {
            compensations
                    .oldestWaiting(tenant.id())
                    .ifPresent(oldest ->
                            ages.put(tenant.id(), Duration.between(oldest, now).toSeconds()));
        }
        metrics.queueAge(ages);
        var months = currentMonths(now);
        var ids = new ArrayList<String>();
        for (var tenant : tenants.all()) {
            for (var site : tenant.sites().keySet()) {
                months.forEach(month -> ids.add(Budgets.id(tenant.id(), site, month)));
            }
        }
        metrics.budgetUsed(budgetUsed(budgets.byIds(ids), tenants, now));
    }

    /** Every zone's current month: the month of now shifted by at most 14 hours either way. */
    static java.util.Set<String> currentMonths(java.time.Instant now) {
        return java.util.stream.Stream.of(now.minus(Duration.ofHours(14)), now.plus(Duration.ofHours(14)))
                .map(at -> YearMonth.from(at.atZone(ZoneOffset.UTC)).toString())
                .collect(java.util.stream.Collectors.toSet());
    }

    /**
     * Each region's share of its sites' budgets spent this month, from the budget documents ({@link Budgets#byIds})
     * rows: each site's month is its own (ADR 0520), so a site in UTC+8 counts its new month eight
     * hours before UTC does.
     */
    static List<Map.Entry<Tags, Double>> budgetUsed(
            List<Document> rows, org.complaints.support.tenant.TenantDirectory tenants, java.time.Instant now) {
        var sums = new LinkedHashMap<Tags, double[]>();
        for (var row : rows) {
            var tenant = row.getString("tenant");
            var current = tenants.find(tenant)
                    .map(t -> t.siteMonth(row.getString("site"), now).toString())
                    .orElse(null);
            if (!row.getString("month").equals(current)) {
                continue;
            }
            var region = sums.computeIfAbsent(
                    Tags.of("tenant", tenant, "region", String.valueOf(row.getString("region"))), k -> new double[2]);
            region[0] += ((Number) row.get("limitMinor")).doubleValue();
            region[1] += ((Number) row.get("spentMinor")).doubleValue();
        }
        var used = new ArrayList<Map.Entry<Tags, Double>>();
        sums.forEach((tags, limitAndSpent) ->
                used.add(Map.entry(tags, limitAndSpent[0] == 0 ? 1.0 : limitAndSpent[1] / limitAndSpent[0])));
        return used;
    }
}
