package org.complaints.followup.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The monthly report answers CSV only when the caller ranks it above JSON (issue 13: generated clients). */
class ReportNegotiationTest {

    @Test
    void shouldAnswerJsonToAClientThatListsJsonFirst() {
        assertThat(ReportController.prefersCsv("application/json, text/csv, application/problem+json"))
                .isFalse();
        assertThat(ReportController.prefersCsv("*/*")).isFalse();
        assertThat(ReportController.prefersCsv(null)).isFalse();
    }

    @Test
    void shouldAnswerCsvWhenItIsPreferred() {
        assertThat(ReportController.prefersCsv("text/csv")).isTrue();
        assertThat(ReportController.prefersCsv("application/json;q=0.5, text/csv"))
                .isTrue();
        assertThat(ReportController.prefersCsv("text/csv, application/json")).isTrue();
    }
}
