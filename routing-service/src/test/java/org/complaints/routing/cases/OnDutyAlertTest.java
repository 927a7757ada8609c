package org.complaints.routing.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaints.routing.cases.CaseFixtures.local;
import static org.complaints.routing.cases.InMemoryRouting.request;
import static org.complaints.routing.cases.InMemoryRouting.staff;
import static org.complaints.routing.cases.InMemoryRouting.system;

import java.util.List;
import org.complaints.routing.rosters.RosterWindow;
import org.complaints.support.delivery.Delivery;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * LC-51 / OT-30: a ticket that arrives while nobody is on duty at the site's desk alerts the
 * supervisor at once, and its acceptance clock (SLA-G3) runs as usual. Stepping clock, in memory.
 */
class OnDutyAlertTest {

    static final List<String> EVERY_DAY =
            List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY");
    static final String RETAIL = "demo-retail";
    static final String STORE = "sh-xujiahui";

    @Test
    @DisplayName(
            "LC-51 / OT-30: a ticket at 12:10 in an uncovered meal break alerts the cs-supervisor at once; SLA-G3 still raises it at 13:10")
    void ticketInAnUncoveredMealBreakAlertsTheSupervisorAndTheClockRuns() {
        var routing = new InMemoryRouting(local("2026-03-02T12:10"));
        mealBreakUncovered(routing);
        var ticket = request(STORE, "COMPANY_HOTLINE", "SERVICE_REQUEST", null, null, local("2026-03-02T12:10"));

        var c = routing.service.open(system(RETAIL, "intake-service"), ticket).kase();

        assertThat(c.escalations)
                .filteredOn(e -> e.rule().equals("OT-30"))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.kind()).isEqualTo("UNSTAFFED_DESK");
                    assertThat(e.to()).isEqualTo("role:cs-supervisor");
                    assertThat(e.at()).as("at once").isEqualTo(local("2026-03-02T12:10"));
                    assertThat(e.reason()).contains("2026-03-02 12:10").doesNotContain("retail.desk");
                });
        assertThat(c.deliveries)
                .extracting(Delivery::kind, Delivery::eventId)
                .containsOnlyOnce(org.assertj.core.groups.Tuple.tuple(Case.UNSTAFFED_DESK, "unstaffed-desk-" + c.id));
        assertThat(routing.cases.stored(c.id).escalations)
                .anyMatch(e -> e.rule().equals("OT-30"));

        routing.clock.set(local("2026-03-02T13:09"));
        routing.sweep.sweep();
        assertThat(routing.cases.stored(c.id).level).isEqualTo("SERVICE_REQUEST");
        routing.clock.set(local("2026-03-02T13:10"));
        routing.sweep.sweep();
        assertThat(routing.cases.stored(c.id).level)
                .as("the acceptance clock ran as usual (SLA-G3)")
                .isEqualTo("GENERAL");

        var replay = routing.service.open(system(RETAIL, "intake-service"), ticket);
        assertThat(replay.created()).isFalse();
        assertThat(routing.cases.stored(c.id).escalations)
                .as("a replayed ticket alerts no one again")
                .filteredOn(e -> e.rule().equals("OT-30"))
                .hasSize(1);
    }

    @Test
    @DisplayName("OT-30: a ticket while an acceptor is on duty (11:00) alerts no one")
    void ticketWhileSomeoneIsOnDutyAlertsNoOne() {
        var routing = new InMemoryRouting(local("2026-03-02T11:00"));
        mealBreakUncovered(routing);

        var c = routing.service
                .open(
                        system(RETAIL, "intake-service"),
                        request(STORE, "COMPANY_HOTLINE", "SERVICE_REQUEST", null, null, local("2026-03-02T11:00")))
                .kase();

        assertThat(c.escalations).noneMatch(e -> e.rule().equals("OT-30"));
        assertThat(c.deliveries).noneMatch(d -> d.kind().equals(Case.UNSTAFFED_DESK));
    }

    @Test
    @DisplayName(
            "LC-51: the demo store's configured roster puts the supervisor on the desk over lunch, so 12:10 alerts no one")
    void configuredRosterCoversTheMealBreak() {
        var routing = new InMemoryRouting(local("2026-03-02T12:10"));

        var c = routing.service
                .open(
                        system(RETAIL, "intake-service"),
                        request(STORE, "COMPANY_HOTLINE", "SERVICE_REQUEST", null, null, local("2026-03-02T12:10")))
                .kase();

        assertThat(routing.rosters
                        .current(RETAIL, site())
                        .onDuty(java.time.DayOfWeek.MONDAY, java.time.LocalTime.of(12, 10)))
                .containsExactly("retail.supervisor");
        assertThat(c.escalations).noneMatch(e -> e.rule().equals("OT-30"));
    }

    @Test
    @DisplayName(
            "OT-30 with SLA-G1: a ticket at 22:30 is before the desk at 10:00 next day; nobody rostered until 10:30 → alerted at once")
    void offHoursTicketIsCheckedAtTheNextWindowStart() {
        var routing = new InMemoryRouting(local("2026-03-02T22:30"));
        routing.rosters.replace(
                staff(RETAIL, "cs-supervisor"),
                STORE,
                List.of(new RosterWindow(EVERY_DAY, "10:30", "21:00", List.of("retail.desk"))),
                null);

        var c = routing.service
                .open(
                        system(RETAIL, "intake-service"),
                        request(STORE, "COMPANY_HOTLINE", "SERVICE_REQUEST", null, null, local("2026-03-02T22:30")))
                .kase();

        assertThat(c.escalations)
                .filteredOn(e -> e.rule().equals("OT-30"))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.at()).isEqualTo(local("2026-03-02T22:30"));
                    assertThat(e.reason()).contains("2026-03-03 10:00");
                });
    }

    @Test
    @DisplayName("OT-30: a site without a roster (the Berlin counter) is not checked")
    void siteWithoutRosterIsNotChecked() {
        var routing = new InMemoryRouting(CaseFixtures.berlin("2026-03-02T12:10"));

        var c = routing.service
                .open(
                        system("demo-generic", "intake-service"),
                        request(
                                "ber-counter-1",
                                "PHONE",
                                "GENERAL",
                                null,
                                null,
                                CaseFixtures.berlin("2026-03-02T12:10")))
                .kase();

        assertThat(c.escalations).noneMatch(e -> e.rule().equals("OT-30"));
    }

    private static void mealBreakUncovered(InMemoryRouting routing) {
        routing.rosters.replace(
                staff(RETAIL, "cs-supervisor"),
                STORE,
                List.of(
                        new RosterWindow(EVERY_DAY, "10:00", "12:00", List.of("retail.desk")),
                        new RosterWindow(EVERY_DAY, "13:00", "21:00", List.of("retail.desk"))),
                null);
    }

    private static org.complaints.support.tenant.Site site() {
        return CaseFixtures.TENANTS.find(RETAIL).orElseThrow().site(STORE).orElseThrow();
    }
}
