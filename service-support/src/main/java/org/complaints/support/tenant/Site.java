package org.complaints.support.tenant;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * A store, dealership, branch or counter, with the calendar its clocks are computed in: its zone,
 * its working hours on its usual working days, public holidays, the days that are worked in
 * exchange for a holiday (调休, {@code adjustedWorkingDays}), the major-holiday days (SLA-G2
 * 大型节假日) and the on-duty roster its desk starts with (LC-51, OT-30; routing keeps the roster
 * after a supervisor replaced it).
 */
public record Site(
        String id,
        String name,
        String region,
        ZoneId zone,
        WorkingHours workingHours,
        Set<LocalDate> holidays,
        Set<LocalDate> majorHolidays,
        Set<LocalDate> adjustedWorkingDays,
        List<DutyWindow> roster) {

    public Site {
        holidays = Set.copyOf(holidays);
        majorHolidays = Set.copyOf(majorHolidays);
        adjustedWorkingDays = adjustedWorkingDays == null ? Set.of() : Set.copyOf(adjustedWorkingDays);
        roster = roster == null ? List.of() : List.copyOf(roster);
    }

    public record WorkingHours(LocalTime start, LocalTime end, Set<DayOfWeek> days) {}

    /**
     * Who is on duty to accept tickets on some weekdays between two times of day (site zone), as
     * written in the configuration ({@code "HH:mm"}, an end of {@code "24:00"} = midnight); routing
     * validates it (no overlap, start before end) before it counts.
     */
    public record DutyWindow(List<String> days, String start, String end, List<String> acceptors) {}

    /** A usual working day or a day worked in exchange (调休), unless a public holiday. */
    public boolean isWorkingDay(LocalDate date) {
        return (workingHours.days().contains(date.getDayOfWeek()) || adjustedWorkingDays.contains(date))
                && !holidays.contains(date);
    }

    public boolean isMajorHoliday(LocalDate date) {
        return majorHolidays.contains(date);
    }
}
