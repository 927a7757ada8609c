package org.complaints.followup.report;

import java.time.Clock;
import java.time.YearMonth;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.complaints.support.tenant.Tenant;
import org.complaints.support.tenant.TenantDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * LC-11 / KP-01: once the 1st of a month has begun in a tenant's zone, the month before is
 * frozen: one report per site (with its review tasks) and one for the whole tenant. Each run only
 * generates what is missing, so a service that was down on the 1st catches up at its next run and
 * several replicas (under the lock) generate each report once.
 */
@Component
class ReportSchedule {

    private static final Logger log = LoggerFactory.getLogger(ReportSchedule.class);

    private final MonthlyReports reports;
    private final TenantDirectory tenants;
    private final Clock clock;
    private final java.util.Set<String> only;

    /**
     * @param only the tenants this installation schedules ({@code complaints.reports.scheduled-tenants},
     *     comma-separated; empty = every tenant), e.g. to stagger a region's tenants over replicas
     */
    ReportSchedule(
            MonthlyReports reports,
            TenantDirectory tenants,
            Clock clock,
            @org.springframework.beans.factory.annotation.Value("${complaints.reports.scheduled-tenants:}")
                    java.util.List<String> only) {
        this.reports = reports;
        this.tenants = tenants;
        this.clock = clock;
        this.only =
                only.stream().map(String::strip).filter(s -> !s.isEmpty()).collect(java.util.stream.Collectors.toSet());
    }

    @Scheduled(
            fixedDelayString = "${complaints.reports.schedule-interval:PT15M}",
            initialDelayString = "${complaints.reports.schedule-initial-delay:PT1M}")
    @SchedulerLock(name = "monthly-report-schedule", lockAtMostFor = "PT30M")
    public void scheduled() {
        for (var tenant : tenants.all()) {
            if (!only.isEmpty() && !only.contains(tenant.id())) {
                continue;
            }
            try {
                closeMonthBefore(tenant);
            } catch (RuntimeException e) {
                // a summary unavailable: the next run tries again; other tenants go on
                log.warn("Monthly report of tenant {} not generated yet: {}", tenant.id(), e.getMessage());
            }
        }
    }

    /** The reports of the month before the current one in the tenant's zone; how many were generated now. */
    int closeMonthBefore(Tenant tenant) {
        var month = YearMonth.from(clock.instant().atZone(tenant.monthZone())).minusMonths(1);
        var generated = 0;
        for (var site : tenant.sites().values()) {
            if (reports.freezeIfAbsent(tenant.id(), month, new MonthlyReports.Scope(site.region(), site.id(), null))) {
                generated++;
            }
        }
        if (reports.freezeIfAbsent(tenant.id(), month, new MonthlyReports.Scope(null, null, null))) {
            generated++;
        }
        return generated;
    }
}
