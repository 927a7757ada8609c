package org.complaints.support.web;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A report month ({@code YYYY-MM}) as the instants [start, end) of that calendar month in the
 * tenant's zone (ADR 0520); bad input is a 422 naming {@code month}.
 */
public record Months(YearMonth month, Instant start, Instant end) {

    /** The month in UTC (tenants without a zone). */
    public static Months parse(String month) {
        return parse(month, ZoneOffset.UTC);
    }

    public static Months parse(String month, ZoneId zone) {
        try {
            return of(YearMonth.parse(month), zone);
        } catch (DateTimeParseException | NullPointerException e) {
            throw ProblemException.invalid("month", "must be YYYY-MM");
        }
    }

    public static Months of(YearMonth month, ZoneId zone) {
        return new Months(
                month,
                month.atDay(1).atStartOfDay(zone).toInstant(),
                month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant());
    }

    /** The month before this one, in the same zone (month-on-month trends). */
    public Months previous(ZoneId zone) {
        return of(month.minusMonths(1), zone);
    }
}
