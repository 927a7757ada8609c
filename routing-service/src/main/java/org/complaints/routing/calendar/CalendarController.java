package org.complaints.routing.calendar;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.complaints.routing.policy.Permission;
import org.complaints.routing.policy.RoutingPermissions;
import org.complaints.routing.policy.RoutingPolicy;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.tenant.TenantPolicies;
import org.complaints.support.web.ProblemException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /sites/{site}/calendar?from=YYYY-MM-DD&to=YYYY-MM-DD}: the site's working days, public
 * holidays, days worked in exchange and major holidays from the tenant configuration (both dates
 * included; default: today in the site's zone and the 30 days after; at most 366 days).
 */
@RestController
@io.swagger.v3.oas.annotations.tags.Tag(name = "Sites")
class CalendarController {

    static final int MAX_DAYS = 366;
    static final int DEFAULT_DAYS = 30;

    private final Sites sites;
    private final TenantPolicies<RoutingPolicy> policies;
    private final Clock clock;

    CalendarController(Sites sites, TenantPolicies<RoutingPolicy> policies, Clock clock) {
        this.sites = sites;
        this.policies = policies;
        this.clock = clock;
    }

    @io.swagger.v3.oas.annotations.Operation(
            operationId = "getSiteCalendar",
            summary = "A site's business calendar between two dates (SLA-G2, SLA-D4)")
    @GetMapping("/sites/{site}/calendar")
    CalendarView calendar(
            CallerIdentity caller,
            @PathVariable String site,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        RoutingPermissions.require(caller, policies.of(caller), Permission.CALENDAR_READ);
        var s = sites.visible(caller, site);
        var start = from == null ? LocalDate.ofInstant(clock.instant(), s.zone()) : date("from", from);
        var end = to == null ? start.plusDays(DEFAULT_DAYS) : date("to", to);
        if (end.isBefore(start)) {
            throw ProblemException.invalid("to", "is before from");
        }
        if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
            throw ProblemException.invalid("to", "is more than " + MAX_DAYS + " days after from");
        }
        return CalendarView.of(s, start, end);
    }

    private static LocalDate date(String field, String value) {
        try {
            if (value.length() != 10) {
                throw new DateTimeParseException("length", value, 0);
            }
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "must be a date YYYY-MM-DD");
        }
    }
}
