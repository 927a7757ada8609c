package org.complaints.routing.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.complaints.support.tenant.Site;

/**
 * A site's business calendar over a range of dates (SLA-G1, SLA-G2, SLA-D4): its zone and usual
 * hours, and for each date whether it is worked, a public holiday, a day worked in exchange (调休)
 * or a major holiday (大型节假日, when the retail 45-minute contact limit applies).
 */
public record CalendarView(
        String site, String region, String zone, Hours workingHours, LocalDate from, LocalDate to, List<Day> days) {

    @io.swagger.v3.oas.annotations.media.Schema(name = "CalendarHours")
    public record Hours(LocalTime start, LocalTime end, List<DayOfWeek> days) {}

    @io.swagger.v3.oas.annotations.media.Schema(name = "CalendarDay")
    public record Day(
            LocalDate date,
            DayOfWeek dayOfWeek,
            boolean workingDay,
            boolean holiday,
            boolean adjustedWorkingDay,
            boolean majorHoliday) {}

    static CalendarView of(Site site, LocalDate from, LocalDate to) {
        var days = new ArrayList<Day>();
        for (var date = from; !date.isAfter(to); date = date.plusDays(1)) {
            days.add(new Day(
                    date,
                    date.getDayOfWeek(),
                    site.isWorkingDay(date),
                    site.holidays().contains(date),
                    site.adjustedWorkingDays().contains(date),
                    site.isMajorHoliday(date)));
        }
        var hours = site.workingHours();
        return new CalendarView(
                site.id(),
                site.region(),
                site.zone().getId(),
                new Hours(
                        hours.start(),
                        hours.end(),
                        hours.days().stream().sorted().toList()),
                from,
                to,
                days);
    }
}
