package org.complaints.routing.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.complaints.routing.cases.CaseFixtures.deadline;
import static org.complaints.routing.cases.CaseFixtures.local;

import org.complaints.routing.tasks.Task;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Dealer profile clocks (DOMAIN.md §5.1 and the §15 A scenarios); 2025-03-03 is a Monday. */
class DealerClocksTest {

    final CaseFixtures dealer = new CaseFixtures("demo-dealer", "sh-minhang");

    @Test
    @DisplayName("SLA-D1/D2/D3: a major C1 complaint is handed over at once, answered in 30 min, resolved in 3 days")
    void majorCareFollowUpComplaintGetsImmediateHandOverThirtyMinutesAndThreeDays() {
        var c = dealer.open("CARE_FOLLOW_UP_CALL", "MAJOR", local("2025-03-03T09:00"));

        assertThat(deadline(c, "SLA-D1").dueAt()).isEqualTo(local("2025-03-03T09:00"));
        assertThat(deadline(c, "SLA-D2").dueAt()).isEqualTo(local("2025-03-03T09:30"));
        assertThat(deadline(c, "SLA-D3").dueAt()).isEqualTo(local("2025-03-06T09:00"));
    }

    @Test
    @DisplayName("SLA-D2: no first response by 09:30 is a breach, recorded as an escalation")
    void missedFirstResponseIsABreach() {
        var c = dealer.open("CARE_FOLLOW_UP_CALL", "MAJOR", local("2025-03-03T09:00"));
        dealer.clocks().settle(c, "HAND_OVER", local("2025-03-03T09:00"));

        dealer.clocks().fire(c, local("2025-03-03T09:31"));

        assertThat(deadline(c, "SLA-D2").status()).isEqualTo("BREACHED");
        assertThat(dealer.breached).extracting(Case.Deadline::rule).containsExactly("SLA-D2");
        assertThat(c.escalations).anySatisfy(e -> assertThat(e.rule()).isEqualTo("SLA-D2"));
    }

    @Test
    @DisplayName("SLA-D2: a first response in time meets the deadline and nothing fires later")
    void timelyFirstResponseMeetsTheDeadline() {
        var c = dealer.open("CARE_FOLLOW_UP_CALL", "MAJOR", local("2025-03-03T09:00"));
        dealer.clocks().settle(c, "HAND_OVER", local("2025-03-03T09:00"));
        dealer.clocks().settle(c, "FIRST_RESPONSE", local("2025-03-03T09:20"));

        dealer.clocks().fire(c, local("2025-03-03T10:00"));

        assertThat(deadline(c, "SLA-D2").status()).isEqualTo("MET");
        assertThat(dealer.breached).isEmpty();
    }

    @Test
    @DisplayName(
            "SLA-D4: a general C2 complaint at 15:20 is handed over by the end of work (18:00); 24 h first response is an assumed default")
    void generalReceptionComplaintHandOverBeforeEndOfWork() {
        var c = dealer.open("SERVICE_ADVISOR_RECEPTION", "GENERAL", local("2025-03-03T15:20"));

        assertThat(deadline(c, "SLA-D4").dueAt()).isEqualTo(local("2025-03-03T18:00"));
        assertThat(deadline(c, "SLA-D3").dueAt()).isEqualTo(local("2025-03-06T15:20"));
        var firstResponse = deadline(c, "SLA-D2-DEFAULT");
        assertThat(firstResponse.dueAt()).isEqualTo(local("2025-03-04T15:20"));
        assertThat(firstResponse.assumed()).isTrue();
        assertThat(c.deadlines)
                .noneMatch(d -> d.rule().equals("SLA-D1") || d.rule().equals("SLA-D2"));
    }

    @Test
    @DisplayName("SLA-D4: hand-over at 18:05 is a hand-over breach")
    void lateHandOverIsABreach() {
        var c = dealer.open("SERVICE_ADVISOR_RECEPTION", "GENERAL", local("2025-03-03T15:20"));
        dealer.clocks().settle(c, "HAND_OVER", local("2025-03-03T18:05"));
        assertThat(deadline(c, "SLA-D4").status()).isEqualTo("BREACHED");
    }

    @Test
    @DisplayName("SLA-D4 after hours: a complaint at 19:00 is due by the end of the next working day")
    void afterHoursComplaintIsDueTheNextWorkingDay() {
        var c = dealer.open("SERVICE_ADVISOR_RECEPTION", "GENERAL", local("2025-03-03T19:00"));
        assertThat(deadline(c, "SLA-D4").dueAt()).isEqualTo(local("2025-03-04T18:00"));
    }

    @Test
    @DisplayName(
            "SLA-D4 weekend and holiday: Sunday rolls to Monday; the 2026 National Day holidays roll past 1-7 October")
    void weekendAndHolidayRollToTheNextWorkingDay() {
        var sunday = dealer.open("SERVICE_ADVISOR_RECEPTION", "GENERAL", local("2025-03-09T10:00"));
        assertThat(deadline(sunday, "SLA-D4").dueAt()).isEqualTo(local("2025-03-10T18:00"));

        var holiday = dealer.open("SERVICE_ADVISOR_RECEPTION", "GENERAL", local("2026-10-01T10:00"));
        assertThat(deadline(holiday, "SLA-D4").dueAt()).isEqualTo(local("2026-10-08T18:00"));
    }

    @Test
    @DisplayName(
            "SLA-D4 on the real 2026 calendar: after hours on Saturday 14 Feb rolls past the Spring Festival (15-23 Feb) to 24 Feb; Sunday 20 Sep is worked in exchange (调休)")
    void springFestivalAndAdjustedWorkingDays() {
        var beforeFestival = dealer.open("SERVICE_ADVISOR_RECEPTION", "GENERAL", local("2026-02-14T18:30"));
        assertThat(deadline(beforeFestival, "SLA-D4").dueAt()).isEqualTo(local("2026-02-24T18:00"));

        var saturday = dealer.open("SERVICE_ADVISOR_RECEPTION", "GENERAL", local("2026-09-19T18:30"));
        assertThat(deadline(saturday, "SLA-D4").dueAt())
                .as("Sunday 20 September 2026 is a working day in exchange for the National Day break")
                .isEqualTo(local("2026-09-20T18:00"));

        var ordinarySunday = dealer.open("SERVICE_ADVISOR_RECEPTION", "GENERAL", local("2026-09-13T10:00"));
        assertThat(deadline(ordinarySunday, "SLA-D4").dueAt())
                .as("the dealer's Sunday rest day")
                .isEqualTo(local("2026-09-14T18:00"));
    }

    @Test
    @DisplayName("SLA-D5/D6: a brand 400-hotline complaint is answered in 3 h and closed in 3 days; 13:01 is late")
    void brandHotlineComplaint() {
        var c = dealer.open("BRAND_HOTLINE_400", "GENERAL", local("2025-03-03T10:00"));

        assertThat(deadline(c, "SLA-D5").dueAt()).isEqualTo(local("2025-03-03T13:00"));
        assertThat(deadline(c, "SLA-D6").dueAt()).isEqualTo(local("2025-03-06T10:00"));
        dealer.clocks().settle(c, "FIRST_RESPONSE", local("2025-03-03T13:01"));
        assertThat(deadline(c, "SLA-D5").status()).isEqualTo("BREACHED");
    }

    @Test
    @DisplayName(
            "SLA-D7/D8: a consumer-association complaint reaches the service director in 30 min and closes in 3 days")
    void consumerAssociationComplaint() {
        var c = dealer.open("CONSUMER_ASSOCIATION", "MAJOR", local("2025-03-03T11:00"));

        assertThat(deadline(c, "SLA-D7").dueAt()).isEqualTo(local("2025-03-03T11:30"));
        assertThat(deadline(c, "SLA-D8").dueAt()).isEqualTo(local("2025-03-06T11:00"));
    }

    @Test
    @DisplayName(
            "ESC-01 / CH-03 / RT-07: a major media/association/regulator case opens a brand-PR task due in 30 min, a media-withdrawal task for the marketing manager due the next working day, and the legal report")
    void majorExternalCaseEscalatesToBrandPr() {
        var c = dealer.open("CONSUMER_ASSOCIATION", "MAJOR", local("2025-03-03T11:00"));
        dealer.clocks().routeSides(c, local("2025-03-03T11:00"));

        assertThat(c.tasks)
                .extracting(Task::taskId, Task::rule, Task::assignee, Task::dueAt, Task::status)
                .containsExactly(
                        tuple("BRAND_PR_ESCALATION", "ESC-01", "role:brand-pr", local("2025-03-03T11:30"), "OPEN"),
                        tuple("MEDIA_WITHDRAWAL", "CH-03", "role:marketing-manager", local("2025-03-04T11:00"), "OPEN"),
                        tuple("LEGAL_REPORT", "RT-07", "role:legal", local("2025-03-03T12:00"), "OPEN"));
        assertThat(c.escalations).anySatisfy(e -> {
            assertThat(e.rule()).isEqualTo("ESC-01");
            assertThat(e.to()).isEqualTo("role:brand-pr");
        });
    }

    @Test
    @DisplayName(
            "CH-03: the withdrawal's working day is the site's: received Saturday 17:00 (Sunday closed), it is due Monday 17:00")
    void withdrawalCountsTheSitesWorkingDays() {
        var c = dealer.open("MEDIA", "GENERAL", local("2025-03-08T17:00"));
        dealer.clocks().routeSides(c, local("2025-03-08T17:00"));

        assertThat(c.tasks.getFirst().dueAt()).isEqualTo(local("2025-03-10T17:00"));
    }

    @Test
    @DisplayName(
            "ESC-01 applies only to major cases: a general media complaint gets the withdrawal task but no PR escalation")
    void generalExternalCaseDoesNotGoToBrandPr() {
        var c = dealer.open("MEDIA", "GENERAL", local("2025-03-03T11:00"));
        dealer.clocks().routeSides(c, local("2025-03-03T11:00"));

        assertThat(c.tasks).extracting(Task::task).containsExactly("MEDIA_WITHDRAWAL");
    }

    @Test
    @DisplayName("at risk: a deadline past 80% of its span is signalled once before it is breached")
    void deadlineAtRiskIsSignalledOnce() {
        var c = dealer.open("CARE_FOLLOW_UP_CALL", "MAJOR", local("2025-03-03T09:00"));
        dealer.clocks().settle(c, "HAND_OVER", local("2025-03-03T09:00"));

        dealer.clocks().fire(c, local("2025-03-03T09:25"));
        dealer.clocks().fire(c, local("2025-03-03T09:26"));

        assertThat(dealer.atRisk).extracting(Case.Deadline::rule).containsExactly("SLA-D2");
        assertThat(dealer.breached).isEmpty();
    }
}
