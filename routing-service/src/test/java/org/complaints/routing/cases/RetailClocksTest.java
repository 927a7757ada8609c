package org.complaints.routing.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaints.routing.cases.CaseFixtures.local;

import java.util.ArrayList;
import org.complaints.routing.policy.RoutingPolicy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Retail (Gome) escalation timers, DOMAIN.md §5.2 and the §15 B scenarios. */
class RetailClocksTest {

    final CaseFixtures retail = new CaseFixtures("demo-retail", "sh-xujiahui");

    @Test
    @DisplayName("SLA-G3: not accepted → one level up every 60 min (I→II→III→IV), never past IV")
    void unacceptedTicketClimbsOneLevelPerHourUpToMajor() {
        var c = retail.open("COMPANY_HOTLINE", "SERVICE_REQUEST", local("2025-03-03T10:30"));

        retail.clocks().fire(c, local("2025-03-03T11:29"));
        assertThat(c.level).isEqualTo("SERVICE_REQUEST");
        retail.clocks().fire(c, local("2025-03-03T11:30"));
        assertThat(c.level).isEqualTo("GENERAL");
        retail.clocks().fire(c, local("2025-03-03T12:30"));
        assertThat(c.level).isEqualTo("URGENT");
        retail.clocks().fire(c, local("2025-03-03T13:30"));
        assertThat(c.level).isEqualTo("MAJOR");
        retail.clocks().fire(c, local("2025-03-03T16:30"));
        assertThat(c.level).as("V only by channel").isEqualTo("MAJOR");
        assertThat(c.escalations)
                .filteredOn(e -> e.rule().equals("SLA-G3"))
                .extracting(Case.Escalation::toLevel)
                .containsExactly("GENERAL", "URGENT", "MAJOR");
    }

    @Test
    @DisplayName("SLA-G3: acceptance within the hour stops the climb")
    void acceptanceStopsTheClimb() {
        var c = retail.open("COMPANY_HOTLINE", "SERVICE_REQUEST", local("2025-03-03T10:30"));
        c.acceptedAt = local("2025-03-03T11:10");
        retail.clocks().settle(c, "ACCEPTANCE", c.acceptedAt);

        retail.clocks().fire(c, local("2025-03-03T14:00"));
        assertThat(c.level).isEqualTo("SERVICE_REQUEST");
    }

    @Test
    @DisplayName("SLA-G2: accepted 14:00, no contact, two urging calls → straight to III at 14:30")
    void noContactAndTwoUrgingsEscalateToUrgent() {
        var c = accepted("2025-03-03T14:00");
        c.urgings = new ArrayList<>(java.util.List.of(local("2025-03-03T14:10"), local("2025-03-03T14:25")));

        retail.clocks().fire(c, local("2025-03-03T14:30"));

        assertThat(c.level).isEqualTo("URGENT");
        assertThat(c.escalations).anySatisfy(e -> assertThat(e.rule()).isEqualTo("SLA-G2"));
    }

    @Test
    @DisplayName("SLA-G2 variant: only one urging call → no escalation; a second call later escalates at once")
    void oneUrgingIsNotEnoughButTheSecondEscalates() {
        var c = accepted("2025-03-03T14:00");
        c.urgings = new ArrayList<>(java.util.List.of(local("2025-03-03T14:10")));
        retail.clocks().fire(c, local("2025-03-03T14:30"));
        assertThat(c.level).isEqualTo("SERVICE_REQUEST");

        var urgings = new ArrayList<>(c.urgings);
        urgings.add(local("2025-03-03T14:40"));
        c.urgings = urgings;
        retail.clocks().urged(c, local("2025-03-03T14:40"));
        assertThat(c.level).isEqualTo("URGENT");
    }

    @Test
    @DisplayName("SLA-G2: a timely contact (14:20) prevents the escalation even with later urgings")
    void timelyContactPreventsEscalation() {
        var c = accepted("2025-03-03T14:00");
        c.firstContactAt = local("2025-03-03T14:20");
        retail.clocks().settle(c, "FIRST_RESPONSE", c.firstContactAt);
        c.urgings = new ArrayList<>(java.util.List.of(local("2025-03-03T14:25"), local("2025-03-03T14:28")));

        retail.clocks().fire(c, local("2025-03-03T15:00"));
        assertThat(c.level).isEqualTo("SERVICE_REQUEST");
    }

    @Test
    @DisplayName("SLA-G2 on a major holiday: 45 minutes instead of 30")
    void majorHolidayGivesFortyFiveMinutes() {
        var c = retail.open("COMPANY_HOTLINE", "SERVICE_REQUEST", local("2026-10-02T13:50"));
        c.acceptedAt = local("2026-10-02T14:00");
        retail.clocks().settle(c, "ACCEPTANCE", c.acceptedAt);
        retail.clocks().plan(c);

        assertThat(CaseFixtures.deadline(c, "SLA-G2").dueAt()).isEqualTo(local("2026-10-02T14:45"));
    }

    @Test
    @DisplayName(
            "SLA-G2 on the real 2026 calendar: 45 minutes in the Spring Festival and Labour Day breaks, 30 on Qingming (a holiday, not a major one) and after the break")
    void majorHolidaysOfTheConfiguredCalendar() {
        assertThat(contactDueAfterAcceptanceAt("2026-02-17T14:00")).isEqualTo(local("2026-02-17T14:45"));
        assertThat(contactDueAfterAcceptanceAt("2026-05-03T14:00")).isEqualTo(local("2026-05-03T14:45"));
        assertThat(contactDueAfterAcceptanceAt("2026-04-05T14:00")).isEqualTo(local("2026-04-05T14:30"));
        assertThat(contactDueAfterAcceptanceAt("2026-02-24T14:00")).isEqualTo(local("2026-02-24T14:30"));
    }

    @Test
    @DisplayName(
            "SLA-G2 on a major holiday, stepping the clock: two urgings and no contact raise the ticket to III at 14:45, not at 14:30")
    void majorHolidayEscalatesOnlyAfterFortyFiveMinutes() {
        var c = retail.open("COMPANY_HOTLINE", "SERVICE_REQUEST", local("2026-10-03T13:50"));
        c.acceptedAt = local("2026-10-03T14:00");
        retail.clocks().settle(c, "ACCEPTANCE", c.acceptedAt);
        retail.clocks().plan(c);
        c.urgings = new ArrayList<>(java.util.List.of(local("2026-10-03T14:10"), local("2026-10-03T14:25")));

        retail.clocks().fire(c, local("2026-10-03T14:30"));
        assertThat(c.level).isEqualTo("SERVICE_REQUEST");
        retail.clocks().fire(c, local("2026-10-03T14:44"));
        assertThat(c.level).isEqualTo("SERVICE_REQUEST");
        retail.clocks().fire(c, local("2026-10-03T14:45"));
        assertThat(c.level).isEqualTo("URGENT");
    }

    private java.time.Instant contactDueAfterAcceptanceAt(String accepted) {
        var c = retail.open(
                "COMPANY_HOTLINE", "SERVICE_REQUEST", local(accepted).minusSeconds(600));
        c.acceptedAt = local(accepted);
        retail.clocks().settle(c, "ACCEPTANCE", c.acceptedAt);
        retail.clocks().plan(c);
        return CaseFixtures.deadline(c, "SLA-G2").dueAt();
    }

    @Test
    @DisplayName("SLA-G4/G5: II not done 48 h after transfer → III; III not done 72 h after transfer → IV")
    void unresolvedComplaintsClimbAtFortyEightAndSeventyTwoHours() {
        var c = retail.open("COMPANY_HOTLINE", "GENERAL", local("2025-03-03T11:00"));
        c.acceptedAt = local("2025-03-03T11:10");
        retail.clocks().settle(c, "ACCEPTANCE", c.acceptedAt);

        retail.clocks().fire(c, local("2025-03-05T10:59"));
        assertThat(c.level).isEqualTo("GENERAL");
        retail.clocks().fire(c, local("2025-03-05T11:00"));
        assertThat(c.level).isEqualTo("URGENT");
        retail.clocks().fire(c, local("2025-03-06T11:00"));
        assertThat(c.level).isEqualTo("MAJOR");
    }

    @Test
    @DisplayName("SLA-G5 alone: an urgent complaint from the start reaches IV at 72 h; resolution stops it")
    void resolutionStopsTheTimers() {
        var c = retail.open("COMPANY_HOTLINE", "URGENT", local("2025-03-03T11:00"));
        c.acceptedAt = local("2025-03-03T11:05");
        retail.clocks().settle(c, "ACCEPTANCE", c.acceptedAt);
        retail.clocks().settle(c, "RESOLUTION", local("2025-03-05T09:00"));

        retail.clocks().fire(c, local("2025-03-07T11:00"));
        assertThat(c.level).isEqualTo("URGENT");
    }

    @Test
    @DisplayName("SLA-G1: a ticket entered at 20:00 starts its timers at 10:00 next day; one entered at 09:00 at 10:00")
    void offHoursEntryStartsAtTheNextWindow() {
        var evening = retail.open("COMPANY_HOTLINE", "SERVICE_REQUEST", local("2025-03-03T20:00"));
        assertThat(evening.timingStart).isEqualTo(local("2025-03-04T10:00"));
        assertThat(CaseFixtures.deadline(evening, "SLA-G3").dueAt()).isEqualTo(local("2025-03-04T11:00"));

        var early = retail.open("COMPANY_HOTLINE", "SERVICE_REQUEST", local("2025-03-03T09:00"));
        assertThat(early.timingStart).isEqualTo(local("2025-03-03T10:00"));
    }

    @Test
    @DisplayName("SLA-G1 EXEMPT option: an off-hours ticket gets no escalation timers at all")
    void exemptPolicySkipsOffHoursTimers() {
        var p = retail.policy();
        var exempt = new RoutingPolicy(
                p.levelNames(),
                p.triageRole(),
                p.departments(),
                p.responsiblePersons(),
                p.directToPersonChannels(),
                p.clocks(),
                new RoutingPolicy.CountingWindow(
                        p.countingWindow().start(), p.countingWindow().end(), "EXEMPT"),
                p.sideRoutes(),
                p.permissions(),
                p.closureRoles(),
                p.closureRequiresFollowUp(),
                p.reopenRoles(),
                p.vagueMeasures(),
                p.atRiskShare(),
                p.groupComplaint(),
                p.conflictRole(),
                p.autoHandOver(),
                p.ladder(),
                p.handlingTasks(),
                p.flags(),
                p.liability(),
                p.rootCauses());
        var c = new Case();
        c.channel = "COMPANY_HOTLINE";
        c.level = "SERVICE_REQUEST";
        c.receivedAt = local("2025-03-03T20:00");
        var site = CaseFixtures.TENANTS
                .find("demo-retail")
                .orElseThrow()
                .site("sh-xujiahui")
                .orElseThrow();
        c.timingStart = new org.complaints.routing.calendar.SiteCalendar(site)
                .timingStart(c.receivedAt, exempt.countingWindow());
        retail.clocks(exempt).plan(c);

        assertThat(c.timingStart).isNull();
        assertThat(c.deadlines).noneMatch(d -> d.rule().startsWith("SLA-G3"));
    }

    @Test
    @DisplayName("CL-03: a timer never lowers a level")
    void timersNeverLowerALevel() {
        var c = retail.open("COMPANY_HOTLINE", "MAJOR", local("2025-03-03T11:00"));
        retail.clocks().fire(c, local("2025-03-10T11:00"));
        assertThat(c.level).isEqualTo("MAJOR");
    }

    private Case accepted(String at) {
        var c = retail.open("COMPANY_HOTLINE", "SERVICE_REQUEST", local("2025-03-03T13:50"));
        c.acceptedAt = local(at);
        retail.clocks().settle(c, "ACCEPTANCE", c.acceptedAt);
        retail.clocks().plan(c);
        return c;
    }
}
