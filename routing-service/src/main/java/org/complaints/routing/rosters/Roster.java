package org.complaints.routing.rosters;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.complaints.support.web.ProblemException.FieldProblem;

/**
 * A site's desk roster (LC-51, OT-30): who is on duty to accept tickets, by weekday and local time
 * window. Valid only as a whole: every window names at least one day and one acceptor, starts
 * before it ends within one day ({@code 24:00} may end it) and overlaps no other window on a shared
 * day. Plain Java; {@link #problems} names every offending field.
 */
public final class Roster {

    static final int MAX_WINDOWS = 200;
    static final int MAX_ACCEPTORS = 50;
    static final Pattern TIME = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");
    static final Pattern USER = Pattern.compile("[A-Za-z0-9._@\\-]{1,120}");
    private static final int END_OF_DAY = 24 * 60;

    /** A checked window: minutes of the day, end exclusive. */
    record Window(Set<DayOfWeek> days, int start, int end, List<String> acceptors) {
        boolean covers(DayOfWeek day, int minute) {
            return days.contains(day) && start <= minute && minute < end;
        }

        boolean overlaps(Window other) {
            return days.stream().anyMatch(other.days::contains) && start < other.end && other.start < end;
        }
    }

    private final List<Window> windows;

    private Roster(List<Window> windows) {
        this.windows = windows;
    }

    /** The roster of valid windows; call {@link #problems} first. */
    public static Roster of(List<RosterWindow> windows) {
        var problems = problems(windows);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid roster: " + problems);
        }
        return new Roster(windows.stream().map(Roster::window).toList());
    }

    /** The acceptors on duty at a local weekday and time; empty = nobody (OT-30). */
    public List<String> onDuty(DayOfWeek day, LocalTime time) {
        var minute = time.getHour() * 60 + time.getMinute();
        return windows.stream()
                .filter(w -> w.covers(day, minute))
                .flatMap(w -> w.acceptors().stream())
                .distinct()
                .toList();
    }

    /** Every problem of the windows, each naming its field ({@code windows[2].end}); empty = valid. */
    public static List<FieldProblem> problems(List<RosterWindow> windows) {
        var problems = new ArrayList<FieldProblem>();
        if (windows == null) {
            problems.add(new FieldProblem("windows", "is required"));
            return problems;
        }
        if (windows.isEmpty()) {
            problems.add(new FieldProblem(
                    "windows", "needs at least one window: an empty desk is what the roster prevents"));
            return problems;
        }
        if (windows.size() > MAX_WINDOWS) {
            problems.add(new FieldProblem("windows", "has more than " + MAX_WINDOWS + " windows"));
            return problems;
        }
        var checked = new ArrayList<Window>();
        for (var i = 0; i < windows.size(); i++) {
            var before = problems.size();
            check(i, windows.get(i), problems);
            checked.add(problems.size() == before ? window(windows.get(i)) : null);
        }
        for (var j = 0; j < checked.size(); j++) {
            for (var i = 0; i < j; i++) {
                var a = checked.get(i);
                var b = checked.get(j);
                if (a != null && b != null && a.overlaps(b)) {
                    var shared = EnumSet.copyOf(a.days());
                    shared.retainAll(b.days());
                    problems.add(new FieldProblem(
                            "windows[" + j + "]",
                            "overlaps windows[" + i + "] on "
                                    + shared.iterator().next() + ": one window per moment lists everyone on duty"));
                }
            }
        }
        return problems;
    }

    private static void check(int i, RosterWindow w, List<FieldProblem> problems) {
        var at = "windows[" + i + "]";
        if (w == null) {
            problems.add(new FieldProblem(at, "is required"));
            return;
        }
        if (w.days() == null || w.days().isEmpty()) {
            problems.add(new FieldProblem(at + ".days", "needs at least one weekday (MONDAY..SUNDAY)"));
        } else {
            var seen = new HashSet<String>();
            for (var day : w.days()) {
                if (day == null || !isDay(day)) {
                    problems.add(new FieldProblem(at + ".days", "must be weekdays MONDAY..SUNDAY"));
                    break;
                }
                if (!seen.add(day)) {
                    problems.add(new FieldProblem(at + ".days", "names " + day + " twice"));
                    break;
                }
            }
        }
        var start = minute(w.start(), false);
        var end = minute(w.end(), true);
        if (start < 0) {
            problems.add(new FieldProblem(at + ".start", "must be a time HH:mm"));
        }
        if (end < 0) {
            problems.add(new FieldProblem(at + ".end", "must be a time HH:mm (24:00 = midnight)"));
        }
        if (start >= 0 && end >= 0 && start >= end) {
            problems.add(new FieldProblem(
                    at,
                    "starts at or after its end (" + w.start() + "-" + w.end()
                            + "): a window runs forward within one day; split one across midnight in two"));
        }
        if (w.acceptors() == null || w.acceptors().isEmpty()) {
            problems.add(new FieldProblem(at + ".acceptors", "needs at least one acceptor on duty"));
        } else if (w.acceptors().size() > MAX_ACCEPTORS) {
            problems.add(new FieldProblem(at + ".acceptors", "has more than " + MAX_ACCEPTORS + " acceptors"));
        } else if (w.acceptors().stream()
                .anyMatch(a -> a == null || !USER.matcher(a).matches())) {
            problems.add(new FieldProblem(at + ".acceptors", "must be user ids of 1-120 letters, digits or . _ @ -"));
        } else if (new HashSet<>(w.acceptors()).size() != w.acceptors().size()) {
            problems.add(new FieldProblem(at + ".acceptors", "names an acceptor twice"));
        }
    }

    private static boolean isDay(String day) {
        for (var d : DayOfWeek.values()) {
            if (d.name().equals(day)) {
                return true;
            }
        }
        return false;
    }

    /** Minutes of the day, or -1 when not a time; {@code 24:00} only as an end. */
    private static int minute(String text, boolean end) {
        if (text == null) {
            return -1;
        }
        if (end && text.equals("24:00")) {
            return END_OF_DAY;
        }
        if (!TIME.matcher(text).matches()) {
            return -1;
        }
        return Integer.parseInt(text.substring(0, 2)) * 60 + Integer.parseInt(text.substring(3));
    }

    private static Window window(RosterWindow w) {
        var days = EnumSet.noneOf(DayOfWeek.class);
        w.days().forEach(d -> days.add(DayOfWeek.valueOf(d)));
        return new Window(days, minute(w.start(), false), minute(w.end(), true), List.copyOf(w.acceptors()));
    }
}
