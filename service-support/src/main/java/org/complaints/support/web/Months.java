package org.complaints.support.web;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** A report month ({@code YYYY-MM}) as the UTC instants [start, end); bad input is a 422 naming {@code month}. */
public record Months(Instant start, Instant end) {

    public static Months parse(String month) {
        try {
            var ym = YearMonth.parse(month);
            return new Months(
                    ym.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC),
                    ym.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException | NullPointerException e) {
            throw ProblemException.invalid("month", "must be YYYY-MM");
        }
    }
}
