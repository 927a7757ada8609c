package org.complaints.followup.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 12: the monthly CSV never hands a spreadsheet a formula (OWASP CSV injection). */
class ReportCsvTest {

    @ParameterizedTest
    @ValueSource(strings = {"@SUM(A1:A9)", "=1+1", "+1+1", "-1+1", "\t=1", "\r=1", "=HYPERLINK(\"http://x\")"})
    @DisplayName("a text cell starting with = + - @ tab or CR is prefixed with a quote")
    void formulaCellsAreNeutralised(String formula) {
        assertThat(ReportCsv.cell(formula)).matches("(?s)\"?'.*");
    }

    @Test
    void formulaInAValueAndInAKeyIsWrittenInert() {
        var report = new LinkedHashMap<String, Object>();
        report.put("department", "@SUM(1+1)*cmd|' /C calc'!A0");
        report.put("=evil", 3);
        report.put("rate", -0.5);
        report.put("notes", List.of("a,b", "say \"hi\"", "two\nlines"));

        var csv = ReportCsv.write(report);

        assertThat(csv)
                .startsWith("metric,value\n")
                .contains("department,'@SUM(1+1)*cmd|' /C calc'!A0\n")
                .contains("'=evil,3\n")
                .contains("rate,-0.5\n")
                .contains("notes[0],\"a,b\"\n")
                .contains("notes[1],\"say \"\"hi\"\"\"\n")
                .contains("notes[2],\"two\nlines\"\n");
        assertThat(csv.lines().skip(1)).noneMatch(line -> line.matches("^[^,]*,[=+@].*"));
    }
}
