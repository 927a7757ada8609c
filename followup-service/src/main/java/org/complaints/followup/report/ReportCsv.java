package org.complaints.followup.report;

import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * The monthly report as {@code metric,value} CSV. A text cell that a spreadsheet would run as a
 * formula (starting with {@code = + - @}, tab or carriage return) gets a leading {@code '} (OWASP
 * CSV injection); numbers are written as numbers. Cells with a comma, quote or line break are quoted.
 */
final class ReportCsv {

    private ReportCsv() {}

    static String write(Map<?, ?> report) {
        var csv = new StringBuilder("metric,value\n");
        flatten("", report, csv);
        return csv.toString();
    }

    private static void flatten(String prefix, Object value, StringBuilder csv) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, csv));
        } else if (value instanceof List<?> list) {
            for (var i = 0; i < list.size(); i++) {
                flatten(prefix + "[" + i + "]", list.get(i), csv);
            }
        } else {
            String cell;
            if (value == null) {
                cell = "";
            } else if (value instanceof Number || value instanceof Boolean) {
                cell = String.valueOf(value);
            } else if (value instanceof Date date) {
                cell = date.toInstant().toString();
            } else {
                cell = cell(String.valueOf(value));
            }
            csv.append(cell(prefix)).append(',').append(cell).append('\n');
        }
    }

    /** One text cell, neutralised and quoted as needed. */
    static String cell(String text) {
        var safe = text;
        if (!safe.isEmpty() && "=+-@\t\r".indexOf(safe.charAt(0)) >= 0) {
            safe = "'" + safe;
        }
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            safe = "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
