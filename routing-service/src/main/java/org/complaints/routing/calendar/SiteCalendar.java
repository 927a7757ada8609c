package org.complaints.routing.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import org.complaints.routing.policy.RoutingPolicy;
import org.complaints.support.tenant.Site;

/**
 * Business-time arithmetic on one site's calendar: its zone, working days, hours and holidays.
 * Instants go in and out in UTC; every computation happens in the site's zone (PRODUCT.md §5).
 */
public final class SiteCalendar {

    private final Site site;

    public SiteCalendar(Site site) {
        this.site = site;
    }

    /** End of the working day an instant falls in, or of the next working day if after hours (SLA-D4). */
    public Instant endOfWorkingDay(Instant at) {
        var local = at.atZone(site.zone());
        var date = local.toLocalDate();
        var end = site.workingHours().end();
        if (site.isWorkingDay(date) && local.toLocalTime().isBefore(end)) {
            return date.atTime(end).atZone(site.zone()).toInstant();
        }
        return nextWorkingDay(date).atTime(end).atZone(site.zone()).toInstant();
    }

    /** The end of work on a date of the site, or of the next working day when the date is not one. */
    public Instant endOfWorkingDay(LocalDate date) {
        return endOfWorkingDay(date.atStartOfDay(site.zone()).toInstant());
    }

    /** The same time of day {@code days} working days later (SLA-B2 "2 working days"). */
    public Instant addWorkingDays(Instant at, int days) {
        var local = at.atZone(site.zone());
        var date = local.toLocalDate();
        var time = local.toLocalTime();
        if (!site.isWorkingDay(date) || time.isAfter(site.workingHours().end())) {
            date = nextWorkingDay(date);
            time = site.workingHours().start();
        } else if (time.isBefore(site.workingHours().start())) {
            time = site.workingHours().start();
        }
        for (var i = 0; i < days; i++) {
            date = nextWorkingDay(date);
        }
        return ZonedDateTime.of(date, time, site.zone()).toInstant();
    }

    /**
     * The due time {@code after} from {@code base} on the rule's calendar: {@code WALL} (default)
     * counts every hour, {@code WORKING_DAYS} whole working days, {@code WORKING_HOURS} only the
     * site's working time, {@code END_OF_WORKING_DAY} ignores the span (SLA-D4).
     */
    public Instant due(Instant base, Duration after, String calendar) {
        return switch (calendar == null ? "WALL" : calendar) {
            case "END_OF_WORKING_DAY" -> endOfWorkingDay(base);
            case "WORKING_DAYS" -> addWorkingDays(base, (int) after.toDays());
            case "WORKING_HOURS" -> addWorkingTime(base, after);
            default -> base.plus(after);
        };
    }

    /**
     * {@code span} of working time from {@code at}: counted only inside the site's working hours on
     * its working days, so an hour asked for at 17:30 of a day ending at 18:00 ends at 09:30 of the
     * next working day (SLA-X2 "at once" for a legal department that works office hours).
     */
    public Instant addWorkingTime(Instant at, Duration span) {
        var local = at.atZone(site.zone());
        var date = local.toLocalDate();
        var time = local.toLocalTime();
        var start = site.workingHours().start();
        var end = site.workingHours().end();
        if (!site.isWorkingDay(date) || !time.isBefore(end)) {
            date = nextWorkingDay(date);
            time = start;
        } else if (time.isBefore(start)) {
            time = start;
        }
        var left = span;
        for (var guard = 0; guard < 3660; guard++) {
            var today = Duration.between(time, end);
            if (left.compareTo(today) <= 0) {
                return ZonedDateTime.of(date, time, site.zone()).plus(left).toInstant();
            }
            left = left.minus(today);
            date = nextWorkingDay(date);
            time = start;
        }
        throw new IllegalStateException("no working time within ten years at site " + site.id());
    }

    /**
     * SLA-G1: when escalation timing starts for a ticket entered at {@code at}. Inside the window
     * it starts at once; otherwise at the next window start, or never with {@code EXEMPT}.
     * A null window means timing always starts at entry.
     */
    public Instant timingStart(Instant at, RoutingPolicy.CountingWindow window) {
        if (window == null) {
            return at;
        }
        var local = at.atZone(site.zone());
        var time = local.toLocalTime();
        if (!time.isBefore(window.start()) && time.isBefore(window.end())) {
            return at;
        }
        if ("EXEMPT".equals(window.offHoursEntryPolicy())) {
            return null;
        }
        var date = time.isBefore(window.start())
                ? local.toLocalDate()
                : local.toLocalDate().plusDays(1);
        return date.atTime(window.start()).atZone(site.zone()).toInstant();
    }

    /**
     * OT-30: when a ticket whose acceptance timing starts at {@code at} is before the desk: at once
     * inside the site's opening hours on an open day, else at the next opening. Open days are the
     * usual working days and the days worked in exchange (调休); public holidays do not close a
     * desk (stores open then, and the roster says who is on duty by weekday).
     */
    public Instant deskOpenFrom(Instant at) {
        var hours = site.workingHours();
        var local = at.atZone(site.zone());
        var date = local.toLocalDate();
        var time = local.toLocalTime();
        if (isOpenDay(date) && !time.isBefore(hours.start()) && time.isBefore(hours.end())) {
            return at;
        }
        if (!isOpenDay(date) || !time.isBefore(hours.start())) {
            date = date.plusDays(1);
            for (var guard = 0; guard < 366 && !isOpenDay(date); guard++) {
                date = date.plusDays(1);
            }
            if (!isOpenDay(date)) {
                return at;
            }
        }
        return ZonedDateTime.of(date, hours.start(), site.zone()).toInstant();
    }

    private boolean isOpenDay(LocalDate date) {
        return site.workingHours().days().contains(date.getDayOfWeek())
                || site.adjustedWorkingDays().contains(date);
    }

    public java.time.ZoneId zone() {
        return site.zone();
    }

    public boolean isMajorHoliday(Instant at) {
        return site.isMajorHoliday(at.atZone(site.zone()).toLocalDate());
    }

    public Instant plus(Instant at, Duration span) {
        return at.plus(span);
    }

    private LocalDate nextWorkingDay(LocalDate date) {
        var next = date.plusDays(1);
        for (var guard = 0; guard < 366 && !site.isWorkingDay(next); guard++) {
            next = next.plusDays(1);
        }
        return next;
    }

    public LocalTime startOfWork() {
        return site.workingHours().start();
    }
}
