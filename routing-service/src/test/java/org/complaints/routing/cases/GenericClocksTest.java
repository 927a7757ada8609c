package org.complaints.routing.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaints.routing.cases.CaseFixtures.berlin;
import static org.complaints.routing.cases.CaseFixtures.deadline;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Generic three-tier profile, DOMAIN.md §5.3 and SLA-X2, on the Berlin counter (Mon-Fri 09:00-18:00). */
class GenericClocksTest {

    final CaseFixtures generic = new CaseFixtures("demo-generic", "ber-counter-1");

    @Test
    @DisplayName("SLA-B1: an ordinary problem is resolved within 24 hours")
    void ordinaryProblemWithinTwentyFourHours() {
        var c = generic.open("PHONE", "GENERAL", berlin("2025-03-03T10:00"));
        assertThat(deadline(c, "SLA-B1").dueAt()).isEqualTo(berlin("2025-03-04T10:00"));
        assertThat(deadline(c, "SLA-B1").clock()).isEqualTo("RESOLUTION");
    }

    @Test
    @DisplayName("SLA-B2: a complex problem gets a response within 2 working days; Friday → Tuesday")
    void complexProblemWithinTwoWorkingDays() {
        var c = generic.open("PHONE", "URGENT", berlin("2025-03-07T10:00"));
        assertThat(deadline(c, "SLA-B2").dueAt()).isEqualTo(berlin("2025-03-11T10:00"));
    }

    @Test
    @DisplayName("SLA-B2 around a holiday: 24 Dec → 29 Dec, skipping Christmas and the weekend")
    void workingDaysSkipHolidays() {
        var c = generic.open("PHONE", "URGENT", berlin("2026-12-24T11:00"));
        assertThat(deadline(c, "SLA-B2").dueAt()).isEqualTo(berlin("2026-12-29T11:00"));
    }

    @Test
    @DisplayName("SLA-B3: a major complaint must be escalated within 48 h; not escalated → breach")
    void majorComplaintEscalatedWithinFortyEightHours() {
        var c = generic.open("PHONE", "MAJOR", berlin("2025-03-03T10:00"));
        assertThat(deadline(c, "SLA-B3").dueAt()).isEqualTo(berlin("2025-03-05T10:00"));

        generic.clocks().fire(c, berlin("2025-03-05T10:01"));
        assertThat(deadline(c, "SLA-B3").status()).isEqualTo("BREACHED");
    }

    @Test
    @DisplayName(
            "SLA-X2: a major complaint goes to legal at once: a task of role:legal due within its first working hour")
    void majorComplaintReportedToLegalImmediately() {
        var c = generic.open("PHONE", "MAJOR", berlin("2025-03-03T10:00"));
        generic.clocks().routeSides(c, berlin("2025-03-03T10:00"));

        assertThat(c.tasks).singleElement().satisfies(t -> {
            assertThat(t.task()).isEqualTo("LEGAL_REPORT");
            assertThat(t.rule()).isEqualTo("SLA-X2");
            assertThat(t.assignee()).isEqualTo("role:legal");
            assertThat(t.status()).isEqualTo("OPEN");
            assertThat(t.dueAt()).isEqualTo(berlin("2025-03-03T11:00"));
        });
    }

    @Test
    @DisplayName(
            "SLA-X2: the legal report's hour counts working time only: asked at 17:30 on a Friday (the counter closes at 18:00), it is due Monday 09:30")
    void legalReportCountsWorkingTimeOnly() {
        var c = generic.open("PHONE", "MAJOR", berlin("2025-03-07T17:30"));
        generic.clocks().routeSides(c, berlin("2025-03-07T17:30"));

        assertThat(c.tasks.getFirst().dueAt()).isEqualTo(berlin("2025-03-10T09:30"));
    }

    @Test
    @DisplayName("a raised level brings the new level's clocks and drops the old level's (CL-03, SLA-B1→B3)")
    void raisingTheLevelReplansTheClocks() {
        var c = generic.open("PHONE", "GENERAL", berlin("2025-03-03T10:00"));
        c.level = "MAJOR";
        generic.clocks().plan(c);

        assertThat(deadline(c, "SLA-B1").status()).isEqualTo("SKIPPED");
        assertThat(deadline(c, "SLA-B3").status()).isEqualTo("PENDING");
    }
}
