package org.complaints.routing.cases;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.complaints.routing.calendar.SiteCalendar;
import org.complaints.routing.policy.RoutingPolicy;
import org.complaints.routing.tasks.Task;
import org.complaints.routing.tasks.Tasks;
import org.complaints.support.delivery.Delivery;
import org.complaints.support.text.TextPolicy;

/**
 * The clock, timer and side-route rules of one tenant on one site's calendar: plans deadlines
 * (SLA-D*, SLA-G*, SLA-B*), settles them when their step happens (late = breached with the real
 * lateness), fires the due ones in due-time order each at its own due time (a missed deadline is a
 * breach, a timer raises the level; never lowers, CL-03), re-plans clocks and side routes when the
 * level rises (level-bound clocks count from the moment the level is reached), hands matching
 * cases over (SLA-D1) and cancels every pending clock when the case resolves or ends. Side-route
 * tasks are opened with their owner and due time and turn overdue with the clocks. Every breach
 * and escalation names its recipient from the tenant's ladder; a clock past the preset's at-risk
 * share warns its owner once (SLA-X7). Plain Java, time passed in.
 */
public final class CaseClocks {

    /** What the clocks tell the outside world; metrics listen here. */
    public interface Signals {
        void atRisk(Case c, Case.Deadline d);

        void breached(Case c, Case.Deadline d);

        void escalated(Case c, Case.Escalation e);
    }

    private static final int GUARD = 1_000;

    private final RoutingPolicy policy;
    private final SiteCalendar calendar;
    private final Signals signals;
    private final TextPolicy texts;

    public CaseClocks(RoutingPolicy policy, SiteCalendar calendar, Signals signals) {
        this(policy, calendar, signals, new TextPolicy(null, null, null, null));
    }

    /** @param texts the tenant's §12 phrase policy, for what the case sends to the customer (ADR 0500) */
    public CaseClocks(RoutingPolicy policy, SiteCalendar calendar, Signals signals, TextPolicy texts) {
        this.policy = policy;
        this.calendar = calendar;
        this.signals = signals;
        this.texts = texts;
    }

    public RoutingPolicy policy() {
        return policy;
    }

    TextPolicy texts() {
        return texts;
    }

    SiteCalendar calendar() {
        return calendar;
    }

    /** Plans the deadlines of every matching rule not planned yet (planning time unknown). */
    public void plan(Case c) {
        plan(c, null);
    }

    /**
     * Adds the deadlines of every matching rule not planned yet for this round; RESOLUTION and
     * CLOSURE rules are planned again in every round, counted from the reopening.
     */
    public void plan(Case c, Instant now) {
        var planned = new HashSet<String>();
        c.deadlines.forEach(d -> planned.add(baseRule(d.rule()) + "@" + d.roundOrFirst()));
        var added = new ArrayList<>(c.deadlines);
        for (var rule : policy.clocks()) {
            var round = perRound(rule.clock()) ? c.round : 1;
            if (planned.contains(rule.rule() + "@" + round) || !matches(rule, c)) {
                continue;
            }
            var base = base(rule, c, round);
            if (base == null) {
                continue;
            }
            var due = due(rule, base);
            var span = Duration.between(base, due);
            var atRisk = base.plusMillis((long) (span.toMillis() * policy.atRiskShare()));
            var done = settledAlready(rule.clock(), c);
            added.add(new Case.Deadline(
                    rule.clock(),
                    rule.rule(),
                    due,
                    atRisk,
                    done != null ? "MET" : "PENDING",
                    rule.action(),
                    rule.raiseTo(),
                    rule.cap(),
                    rule.onlyIfLevel(),
                    rule.minUrgings(),
                    rule.after(),
                    rule.assumed(),
                    false,
                    done,
                    rule.grace(),
                    round,
                    now));
            planned.add(rule.rule() + "@" + round);
        }
        c.deadlines = added;
        skipRulesNoLongerMatching(c);
        c.nextDueAt = nextDue(c);
    }

    /**
     * The awaited step happened at {@code at}: first every clock due before it fires (at its due
     * time), then this clock's deadlines are met, or breached with the real lateness; a clock the
     * sweep already breached records when the step finally came.
     */
    public void settle(Case c, String clock, Instant at) {
        for (var i = 0; i < c.deadlines.size(); i++) {
            var d = c.deadlines.get(i);
            if (d.clock().equals(clock) && "PENDING".equals(d.status()) && !at.isAfter(d.effectiveDue())) {
                replace(c, i, d.settle("MET", at));
            }
        }
        fire(c, at);
        for (var i = 0; i < c.deadlines.size(); i++) {
            var d = c.deadlines.get(i);
            if (!d.clock().equals(clock)) {
                continue;
            }
            if (d.pending()) {
                if (!"BREACH".equals(d.action()) || !at.isAfter(d.effectiveDue())) {
                    replace(c, i, d.settle("MET", at));
                } else {
                    replace(c, i, d.settle("BREACHED", at));
                    breach(c, d, at);
                }
            } else if ("BREACHED".equals(d.status()) && d.settledAt() == null) {
                replace(c, i, d.settle("BREACHED", at));
            }
        }
        c.nextDueAt = nextDue(c);
    }

    /**
     * Resolution, closure, not-established, withdrawal and reopening: no clock pending any more
     * (side-route tasks stay open; they are work of their own).
     */
    public void cancelAll(Case c, Instant at) {
        c.deadlines = c.deadlines.stream()
                .map(d -> d.pending() ? d.settle("CANCELLED", at) : d)
                .toList();
        c.nextDueAt = nextDue(c);
    }

    /**
     * Fires everything due at {@code now}, earliest due first, each stamped at its due time (after
     * an outage the catch-up replays the timeline), then turns the side-route tasks due by then
     * overdue; returns whether anything changed.
     */
    public boolean fire(Case c, Instant now) {
        if (c.state != null && c.state.terminal()) {
            var changed = overdueTasks(c, now);
            c.nextDueAt = nextDue(c);
            return changed;
        }
        var changed = false;
        for (var guard = 0; guard < GUARD; guard++) {
            var next = earliestDue(c, now);
            if (next.isEmpty()) {
                break;
            }
            changed = true;
            fireOne(c, next.get(), next.get().effectiveDue());
        }
        for (var i = 0; i < c.deadlines.size(); i++) {
            var d = c.deadlines.get(i);
            if ("PENDING".equals(d.status())
                    && "BREACH".equals(d.action())
                    && !d.atRiskSignalled()
                    && d.atRiskAt().isBefore(d.dueAt())
                    && !d.atRiskAt().isAfter(now)) {
                changed = true;
                signals.atRisk(c, d);
                replace(c, i, d.signalled());
                c.warnAtRisk(d, atRiskRecipient(c, d), now);
            }
        }
        changed |= overdueTasks(c, now);
        c.nextDueAt = nextDue(c);
        return changed;
    }

    /**
     * A side-route task still open at its due time turns overdue once: escalated to its owner's
     * supervisor from the ladder, stamped at the due time, and the supervisor's notification is owed
     * in the same write (a {@value Case#TASK_OVERDUE} delivery whose event id is the notification's,
     * so a resend creates nothing twice). Of a terminal case only the work its closure opened (the
     * RC-04 review) still escalates.
     */
    private boolean overdueTasks(Case c, Instant now) {
        var watched = c.state != null && c.state.terminal()
                ? HandlingTaskRules.outlivingClosure(c).toList()
                : c.tasks;
        var due = Tasks.fallingDue(watched, now);
        for (var t : due) {
            var overdue = t.overdue(ladder().forOwner(t.assignee()));
            c.tasks = Tasks.replace(c.tasks, overdue);
            escalate(
                    c,
                    new Case.Escalation(
                            t.rule(),
                            "TASK_OVERDUE",
                            null,
                            c.level,
                            c.level,
                            overdue.escalatedTo(),
                            t.task() + " not done by " + t.dueAt() + " (owner " + t.assignee() + ")",
                            t.dueAt(),
                            t.dueAt()));
            c.addDelivery(new Delivery(overdue.overdueEventId(c.id), Case.TASK_OVERDUE, now, 0, null));
        }
        return !due.isEmpty();
    }

    /** Fires what fell due strictly before {@code at}: a step at its due time is in time. */
    public void catchUp(Case c, Instant at) {
        fire(c, at.minusNanos(1));
    }

    /** SLA-G2 waits for the second urging call when the contact deadline already passed. */
    public void urged(Case c, Instant now) {
        fire(c, now);
        for (var guard = 0; guard < GUARD; guard++) {
            var armed = c.deadlines.stream()
                    .filter(d -> "ARMED".equals(d.status()))
                    .filter(d -> d.minUrgings() == null || c.urgings.size() >= d.minUrgings())
                    .findFirst();
            if (armed.isEmpty()) {
                break;
            }
            fireOne(c, armed.get(), now);
        }
        plan(c, now);
    }

    /** Raises the level (never lowers, CL-03) and re-plans the clocks and side routes from {@code at}. */
    public void raise(Case c, Level to, String rule, String clock, String reason, Instant at, Instant dueAt) {
        var from = c.level();
        if (to.compareTo(from) <= 0) {
            return;
        }
        c.level = to.name();
        var history = new ArrayList<>(c.levels);
        history.add(new Case.LevelChange(to.name(), at, rule));
        c.levels = history;
        escalate(
                c,
                new Case.Escalation(
                        rule,
                        "LEVEL_RAISE",
                        clock,
                        from.name(),
                        to.name(),
                        ladder().forLevel(to.name()),
                        reason,
                        at,
                        dueAt));
        plan(c, at);
        routeSides(c, at);
        handOver(c, at);
    }

    /**
     * ESC-01, ESC-03, SLA-X2, CH-03, RT-07: tasks opened at {@code at} for the matching cases, once
     * each, owned by the route's assignee and due {@code after} on the route's calendar at the case's
     * site; a route with a checklist (RT-07's legal-risk checklist) puts it on the case.
     */
    public void routeSides(Case c, Instant at) {
        if (policy.sideRoutes() == null) {
            return;
        }
        for (var route : policy.sideRoutes()) {
            var channelMatches = route.channels().isEmpty() || route.channels().contains(c.channel);
            var levelMatches = route.minLevel() != null && c.level().atLeast(Level.valueOf(route.minLevel()));
            var circumstanceMatches = route.circumstances().stream().anyMatch(c.circumstances::contains);
            var anyCase = route.minLevel() == null && route.circumstances().isEmpty();
            if (channelMatches && (anyCase || levelMatches || circumstanceMatches)) {
                openTask(c, route, at);
            }
        }
    }

    /**
     * Opens a side-route task once per case (by task name), with its escalation to the assignee and
     * the route's checklist, if any (RT-07).
     */
    public void openTask(Case c, RoutingPolicy.SideRoute route, Instant at) {
        if (c.tasks.stream().anyMatch(t -> t.task().equals(route.task()))) {
            return;
        }
        var tasks = new ArrayList<>(c.tasks);
        tasks.add(Task.open(
                route.task(), route.rule(), route.assignee(), at, calendar.due(at, route.after(), route.calendar())));
        c.tasks = tasks;
        if (!route.checklist().isEmpty()) {
            var checklists = new ArrayList<>(c.checklists);
            checklists.add(new Case.Checklist(route.rule(), route.task(), route.checklist(), at));
            c.checklists = checklists;
        }
        escalate(
                c,
                new Case.Escalation(
                        route.rule(), "SIDE_ROUTE", null, c.level, c.level, route.assignee(), route.task(), at, null));
    }

    /** SLA-D1 / RT-01: the system hands a matching registered case to the service director at {@code at}. */
    public void handOver(Case c, Instant at) {
        var auto = policy.autoHandOver();
        if (auto == null || c.state != State.REGISTERED || !auto.matches(c.channel, c.level)) {
            return;
        }
        c.state = State.HANDED_OVER;
        c.handedOverAt = at;
        if (c.owner == null || c.owner.equals(policy.triageRole())) {
            c.owner = auto.to();
        }
        c.audit("HAND_OVER", State.REGISTERED, State.HANDED_OVER, "routing-service", "handed over at opening", at);
        settle(c, "HAND_OVER", at);
    }

    private void fireOne(Case c, Case.Deadline d, Instant at) {
        var index = c.deadlines.indexOf(d);
        switch (d.action()) {
            case "RAISE_ONE" -> {
                replace(c, index, d.settle("FIRED", at));
                var cap = d.cap() == null ? Level.MAJOR : Level.valueOf(d.cap());
                var from = c.level();
                if (from.compareTo(cap) < 0) {
                    var to = from.next();
                    if (to.compareTo(cap) < 0 && d.every() != null) {
                        var next = d.dueAt().plus(d.every());
                        var all = new ArrayList<>(c.deadlines);
                        all.add(new Case.Deadline(
                                d.clock(),
                                baseRule(d.rule()) + "#" + (countOf(c, d.rule()) + 1),
                                next,
                                next,
                                "PENDING",
                                d.action(),
                                d.raiseTo(),
                                d.cap(),
                                d.onlyIfLevel(),
                                d.minUrgings(),
                                d.every(),
                                d.assumed(),
                                true,
                                null,
                                d.grace(),
                                d.round(),
                                at));
                        c.deadlines = all;
                    }
                    raise(c, to, baseRule(d.rule()), d.clock(), "not accepted by " + d.dueAt(), at, at);
                }
            }
            case "RAISE_TO" -> {
                var from = c.level();
                if (d.onlyIfLevel() != null && !from.name().equals(d.onlyIfLevel())) {
                    replace(c, index, d.settle("SKIPPED", at));
                } else if (d.minUrgings() != null && c.urgings.size() < d.minUrgings()) {
                    replace(c, index, d.settle("ARMED", null));
                } else {
                    replace(c, index, d.settle("FIRED", at));
                    raise(
                            c,
                            Level.max(from, Level.valueOf(d.raiseTo())),
                            baseRule(d.rule()),
                            d.clock(),
                            d.clock() + " not done by " + d.dueAt(),
                            at,
                            at);
                }
            }
            default -> {
                var breached = d.settle("BREACHED", null).signalled();
                replace(c, index, breached);
                breach(c, d, at);
            }
        }
    }

    /** A missed deadline: counted and escalated to the ladder's recipient for the clock, stamped at the due time. */
    private void breach(Case c, Case.Deadline d, Instant at) {
        var due = d.effectiveDue();
        signals.breached(c, d);
        escalate(
                c,
                new Case.Escalation(
                        d.rule(),
                        "BREACH",
                        d.clock(),
                        c.level,
                        c.level,
                        ladder().forClock(d.clock()),
                        d.clock() + " deadline missed (due " + due + ")",
                        due,
                        due));
    }

    /**
     * SLA-X7: who owns a clock at risk: the case's owner (the responsible person, or the role it is
     * assigned to), else the role the ladder names for the clock.
     */
    private String atRiskRecipient(Case c, Case.Deadline d) {
        return c.owner != null && !c.owner.isBlank() ? c.owner : ladder().forClock(d.clock());
    }

    private void escalate(Case c, Case.Escalation e) {
        c.escalate(e);
        signals.escalated(c, e);
    }

    private RoutingPolicy.Ladder ladder() {
        return policy.ladder() != null
                ? policy.ladder()
                : new RoutingPolicy.Ladder(null, null, null, policy.triageRole());
    }

    private static Optional<Case.Deadline> earliestDue(Case c, Instant now) {
        return c.deadlines.stream()
                .filter(d -> "PENDING".equals(d.status()))
                .filter(d -> !d.effectiveDue().isAfter(now))
                .min(Comparator.comparing(Case.Deadline::effectiveDue));
    }

    private static void replace(Case c, int index, Case.Deadline d) {
        var all = new ArrayList<>(c.deadlines);
        all.set(index, d);
        c.deadlines = all;
    }

    private boolean matches(RoutingPolicy.Clock rule, Case c) {
        return (rule.channels().isEmpty() || rule.channels().contains(c.channel))
                && (rule.levels().isEmpty() || rule.levels().contains(c.level));
    }

    /** A BREACH deadline whose rule no longer fits the (raised) level is not owed any more. */
    private void skipRulesNoLongerMatching(Case c) {
        c.deadlines = c.deadlines.stream()
                .map(d -> d.pending()
                                && "BREACH".equals(d.action())
                                && ruleFor(d).map(r -> !matches(r, c)).orElse(false)
                        ? d.settle("SKIPPED", null)
                        : d)
                .toList();
    }

    private Optional<RoutingPolicy.Clock> ruleFor(Case.Deadline d) {
        return policy.clocks().stream()
                .filter(r -> r.rule().equals(baseRule(d.rule())))
                .findFirst();
    }

    private static boolean perRound(String clock) {
        return "RESOLUTION".equals(clock) || "CLOSURE".equals(clock);
    }

    /**
     * Where a rule counts from: acceptance (SLA-G2), the counting window (SLA-G1), the reopening for
     * a later round's resolution and closure clocks, the moment the case reached one of the rule's
     * levels for a level-bound rule, else receipt.
     */
    private Instant base(RoutingPolicy.Clock rule, Case c, int round) {
        if ("ACCEPTANCE".equals(rule.base())) {
            return c.acceptedAt;
        }
        if (round > 1) {
            return c.roundStartedAt;
        }
        if ("WINDOW_START".equals(rule.base())) {
            return c.timingStart;
        }
        if (!rule.levels().isEmpty()) {
            return c.levels.stream()
                    .filter(l -> rule.levels().contains(l.level()))
                    .map(Case.LevelChange::at)
                    .findFirst()
                    .orElse(c.receivedAt);
        }
        return c.receivedAt;
    }

    private Instant due(RoutingPolicy.Clock rule, Instant base) {
        var after = rule.majorHolidayAfter() != null && calendar.isMajorHoliday(base)
                ? rule.majorHolidayAfter()
                : rule.after();
        return calendar.due(base, after, rule.calendar());
    }

    /** When the clock's step already happened (a rule that starts to apply later is met by it). */
    private static Instant settledAlready(String clock, Case c) {
        return switch (clock) {
            case "HAND_OVER" -> c.handedOverAt;
            case "ACCEPTANCE" -> c.acceptedAt;
            case "FIRST_RESPONSE" -> c.firstContactAt;
            case "RESOLUTION" -> c.resolvedAt;
            case "CLOSURE" -> c.closedAt != null ? c.closedAt : c.resolvedAt;
            default -> null;
        };
    }

    private static long countOf(Case c, String rule) {
        return c.deadlines.stream()
                .filter(d -> baseRule(d.rule()).equals(baseRule(rule)))
                .count();
    }

    static String baseRule(String rule) {
        var hash = rule.indexOf('#');
        return hash < 0 ? rule : rule.substring(0, hash);
    }

    /**
     * The earliest pending clock, at-risk point or open task's due time; for a terminal case only the
     * due time of the work its closure opened (the RC-04 review).
     */
    static Instant nextDue(Case c) {
        if (c.state != null && c.state.terminal()) {
            return Tasks.nextDue(HandlingTaskRules.outlivingClosure(c).toList());
        }
        return Stream.concat(
                        c.deadlines.stream()
                                .filter(d -> "PENDING".equals(d.status()))
                                .flatMap(d -> "BREACH".equals(d.action())
                                                && !d.atRiskSignalled()
                                                && d.atRiskAt().isBefore(d.dueAt())
                                        ? Stream.of(d.atRiskAt(), d.effectiveDue())
                                        : Stream.of(d.effectiveDue())),
                        Stream.ofNullable(Tasks.nextDue(c.tasks)))
                .filter(Objects::nonNull)
                .min(Comparator.naturalOrder())
                .orElse(null);
    }

    static List<Case.Deadline> pendingOf(Case c) {
        return c.deadlines.stream().filter(Case.Deadline::pending).toList();
    }
}
