package org.complaints.routing.rosters;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import org.complaints.support.web.ProblemException.FieldProblem;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The roster's own rules (LC-51, OT-30): who is on duty when, and which rosters are refused. */
class RosterTest {

    static final List<String> WEEKDAYS = List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY");

    @Test
    @DisplayName("OT-30: on duty inside a window (start included, end excluded); nobody in the gap; 24:00 ends the day")
    void onDutyByWeekdayAndTime() {
        var roster = Roster.of(List.of(
                new RosterWindow(WEEKDAYS, "09:00", "12:00", List.of("ann", "bob")),
                new RosterWindow(WEEKDAYS, "13:00", "24:00", List.of("cid")),
                new RosterWindow(List.of("SATURDAY"), "10:00", "16:00", List.of("dan"))));

        assertThat(roster.onDuty(DayOfWeek.MONDAY, LocalTime.of(9, 0))).containsExactly("ann", "bob");
        assertThat(roster.onDuty(DayOfWeek.MONDAY, LocalTime.of(11, 59))).containsExactly("ann", "bob");
        assertThat(roster.onDuty(DayOfWeek.MONDAY, LocalTime.of(12, 0)))
                .as("the meal gap")
                .isEmpty();
        assertThat(roster.onDuty(DayOfWeek.FRIDAY, LocalTime.of(23, 59))).containsExactly("cid");
        assertThat(roster.onDuty(DayOfWeek.SATURDAY, LocalTime.of(12, 0))).containsExactly("dan");
        assertThat(roster.onDuty(DayOfWeek.SUNDAY, LocalTime.of(12, 0))).isEmpty();
    }

    @Test
    @DisplayName("LC-51: windows that overlap on a shared day are refused, naming the later window and the day")
    void overlappingWindowsAreRefused() {
        var problems = Roster.problems(List.of(
                new RosterWindow(WEEKDAYS, "09:00", "12:30", List.of("ann")),
                new RosterWindow(List.of("SATURDAY"), "09:00", "18:00", List.of("bob")),
                new RosterWindow(List.of("FRIDAY", "SATURDAY"), "12:00", "13:00", List.of("cid"))));

        assertThat(problems).extracting(FieldProblem::field).containsExactly("windows[2]", "windows[2]");
        assertThat(problems.get(0).message()).contains("windows[0]").contains("FRIDAY");
        assertThat(problems.get(1).message()).contains("windows[1]").contains("SATURDAY");
    }

    @Test
    @DisplayName("windows that only touch (12:00 end, 12:00 start) do not overlap")
    void touchingWindowsAreFine() {
        assertThat(Roster.problems(List.of(
                        new RosterWindow(WEEKDAYS, "09:00", "12:00", List.of("ann")),
                        new RosterWindow(WEEKDAYS, "12:00", "13:00", List.of("bob")))))
                .isEmpty();
    }

    @Test
    @DisplayName(
            "an inverted or empty window, a bad time, an unknown day, no acceptor or an empty roster are refused by field")
    void badWindowsAreRefusedByField() {
        assertThat(fields(List.of(new RosterWindow(WEEKDAYS, "13:00", "12:00", List.of("ann")))))
                .containsExactly("windows[0]");
        assertThat(fields(List.of(new RosterWindow(WEEKDAYS, "12:00", "12:00", List.of("ann")))))
                .containsExactly("windows[0]");
        assertThat(fields(List.of(new RosterWindow(WEEKDAYS, "24:00", "25:00", List.of("ann")))))
                .containsExactly("windows[0].start", "windows[0].end");
        assertThat(fields(List.of(new RosterWindow(List.of("FUNDAY"), "09:00", "10:00", List.of("ann")))))
                .containsExactly("windows[0].days");
        assertThat(fields(List.of(new RosterWindow(List.of("MONDAY", "MONDAY"), "09:00", "10:00", List.of("ann")))))
                .containsExactly("windows[0].days");
        assertThat(fields(List.of(new RosterWindow(WEEKDAYS, "09:00", "10:00", List.of()))))
                .containsExactly("windows[0].acceptors");
        assertThat(fields(List.of(new RosterWindow(WEEKDAYS, "09:00", "10:00", List.of("a b")))))
                .containsExactly("windows[0].acceptors");
        assertThat(fields(List.of())).containsExactly("windows");
        assertThat(fields(null)).containsExactly("windows");
    }

    @Test
    @DisplayName(
            "LC-51: a tenant configuration with an overlapping roster stops routing at start, naming the tenant, site and field")
    void invalidConfiguredRosterIsRefusedAtStart() {
        var site = new org.complaints.support.tenant.Site(
                "s-1",
                "Store",
                "east",
                java.time.ZoneId.of("Asia/Shanghai"),
                new org.complaints.support.tenant.Site.WorkingHours(
                        LocalTime.of(10, 0), LocalTime.of(21, 0), java.util.Set.of(DayOfWeek.MONDAY)),
                java.util.Set.of(),
                java.util.Set.of(),
                java.util.Set.of(),
                List.of(
                        new org.complaints.support.tenant.Site.DutyWindow(
                                List.of("MONDAY"), "10:00", "13:00", List.of("ann")),
                        new org.complaints.support.tenant.Site.DutyWindow(
                                List.of("MONDAY"), "12:00", "21:00", List.of("bob"))));
        var tenant = new org.complaints.support.tenant.Tenant(
                "t",
                "T",
                "retail",
                2,
                java.util.Map.of("east", "East"),
                java.util.Map.of("s-1", site),
                java.util.Map.of());
        var directory = new org.complaints.support.tenant.TenantDirectory(java.util.Map.of("t", tenant));
        var none = new RosterRepository() {
            @Override
            public java.util.Optional<StoredRoster> find(String t, String s) {
                return java.util.Optional.empty();
            }

            @Override
            public StoredRoster save(StoredRoster roster) {
                return roster;
            }
        };

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Rosters(
                        none,
                        new org.complaints.routing.calendar.Sites(directory),
                        directory,
                        new org.complaints.support.tenant.TenantPolicies<>(
                                directory, "routing", org.complaints.routing.policy.RoutingPolicy.class),
                        java.time.Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("t/s-1 roster windows[1] overlaps windows[0] on MONDAY");
    }

    private static List<String> fields(List<RosterWindow> windows) {
        return Roster.problems(windows).stream().map(FieldProblem::field).toList();
    }
}
