package org.complaints.support.tenant;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

/** A store, dealership, branch or counter, with the calendar its clocks are computed in. */
public record Site(
        String id,
        String name,
        String region,
        ZoneId zone,
        WorkingHours workingHours,
        Set<LocalDate> holidays,
        Set<LocalDate> majorHolidays) {

    public record WorkingHours(LocalTime start, LocalTime end, Set<DayOfWeek> days) {}

    public boolean isWorkingDay(LocalDate date) {
        return workingHours.days().contains(date.getDayOfWeek()) && !holidays.contains(date);
    }

    public boolean isMajorHoliday(LocalDate date) {
        return majorHolidays.contains(date);
    }
}
