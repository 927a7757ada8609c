package org.complaints.routing.cases;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.complaints.routing.calendar.SiteCalendar;
import org.complaints.routing.policy.RoutingPolicy;

/**
 * The clocks of one case: plans deadlines from the tenant's clock rules and the site calendar
 * (SLA-D*, SLA-G*, SLA-B*), settles them when the awaited step happens, and fires the due ones —
 * a missed deadline is a breach, a timer rule raises the level (never lowers it, CL-03). Plain
 * Java with the time passed in, so every rule is testable with a fixed clock.
 */
public final class CaseClocks {

    /** What the clocks tell the outside world; metrics and audit listen here. */
    public interface Signals {
        void atRisk(Case c, Case.Deadline d);

        void breached(Case c, Case.Deadline d);

        void escalated(Case c, Case.Escalation e);
    }

    private final RoutingPolicy policy;
    private final SiteCalendar calendar;
    private final Signals signals;

    public CaseClocks(RoutingPolicy policy, SiteCalendar calendar, Signals signals) {
        this.policy = policy;
        this.calendar = calendar;
        this.signals = signals;
    }

    /** Adds the deadlines of every matching rule not planned yet; called at opening and on level or step changes. */
    public void plan(Case c) {
        var planned = new HashSet<String>();
        c.deadlines.forEach(d -> planned.add(d.rule()));
        var added = new ArrayList<>(c.deadlines);
        for (var rule : policy.clocks()) {
            if (planned.contains(rule.rule()) || !matches(rule, c)) {
                continue;
            }
            var base = base(rule, c);
            if (base == null) {
                continue;
            }
            var due = due(rule, base);
            var span = Duration.between(base, due);
            var atRisk = base.plusMillis((long) (span.toMillis() * policy.atRiskShare()));
            var status = settledAlready(rule.clock(), c) ? "MET" : "PENDING";
            added.add(new Case.Deadline(
                    rule.clock(),
                    rule.rule(),
                    due,
                    atRisk,
                    status,
                    rule.action(),
                    rule.raiseTo(),
                    rule.cap(),
                    rule.onlyIfLevel(),
                    rule.minUrgings(),
                    rule.after(),
                    rule.assumed(),
                    false,
                    null));
            planned.add(rule.rule());
        }
        c.deadlines = added;
        skipRulesNoLongerMatching(c);
        c.nextDueAt = nextDue(c);
    }

    /** The awaited step happened: its deadlines are met (or stay breached) and its timers stop. */
    public void settle(Case c, String clock, Instant at) {
        c.deadlines = c.deadlines.stream()
                .map(d -> d.pending() && d.clock().equals(clock)
                        ? d.settle(!"BREACH".equals(d.action()) || !at.isAfter(d.dueAt()) ? "MET" : "BREACHED", at)
                        : d)
                .toList();
        c.nextDueAt = nextDue(c);
    }

    /** Fires everything due at {@code now}; returns whether anything changed. */
    public boolean fire(Case c, Instant now) {
        var changed = false;
        var result = new ArrayList<Case.Deadline>();
        var followUps = new ArrayList<Case.Deadline>();
        for (var d : c.deadlines) {
            if (!d.pending()) {
                result.add(d);
                continue;
            }
            if (!d.dueAt().isAfter(now)) {
                changed = true;
                result.add(fireOne(c, d, now, followUps));
            } else if ("BREACH".equals(d.action())
                    && !d.atRiskSignalled()
                    && !d.atRiskAt().isAfter(now)) {
                changed = true;
                signals.atRisk(c, d);
                result.add(d.signalled());
            } else {
                result.add(d);
            }
        }
        result.addAll(followUps);
        c.deadlines = result;
        if (changed) {
            plan(c);
        }
        c.nextDueAt = nextDue(c);
        return changed;
    }

    /** SLA-G2 waits for the second urging call when the contact deadline already passed. */
    public void urged(Case c, Instant now) {
        c.deadlines = c.deadlines.stream()
                .map(d -> "ARMED".equals(d.status()) ? fireOne(c, d, now, new ArrayList<>()) : d)
                .toList();
        plan(c);
    }

    private Case.Deadline fireOne(Case c, Case.Deadline d, Instant now, List<Case.Deadline> followUps) {
        return switch (d.action()) {
            case "RAISE_ONE" -> raiseOne(c, d, now, followUps);
            case "RAISE_TO" -> raiseTo(c, d, now);
            default -> {
                var breached = d.settle("BREACHED", now);
                signals.breached(c, breached);
                escalate(
                        c,
                        new Case.Escalation(
                                d.rule(),
                                "BREACH",
                                d.clock(),
                                c.level,
                                c.level,
                                null,
                                d.clock() + " deadline missed (due " + d.dueAt() + ")",
                                now));
                yield breached;
            }
        };
    }

    /** SLA-G3: each period without acceptance raises one level, up to the cap; the next period is scheduled. */
    private Case.Deadline raiseOne(Case c, Case.Deadline d, Instant now, List<Case.Deadline> followUps) {
        var cap = d.cap() == null ? Level.MAJOR : Level.valueOf(d.cap());
        var from = c.level();
        if (from.compareTo(cap) < 0) {
            var to = from.next();
            raise(c, d, from, to, "not accepted by " + d.dueAt(), now);
            if (to.compareTo(cap) < 0 && d.every() != null) {
                var next = d.dueAt().plus(d.every());
                followUps.add(new Case.Deadline(
                        d.clock(),
                        d.rule() + "#" + (countOf(c, d.rule()) + 1),
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
                        null));
            }
        }
        return d.settle("FIRED", now);
    }

    /** SLA-G2/G4/G5: raise to a level when the case is still at the expected level (and, for G2, was urged enough). */
    private Case.Deadline raiseTo(Case c, Case.Deadline d, Instant now) {
        var from = c.level();
        if (d.onlyIfLevel() != null && !from.name().equals(d.onlyIfLevel())) {
            return d.settle("SKIPPED", now);
        }
        if (d.minUrgings() != null && c.urgings.size() < d.minUrgings()) {
            return d.settle("ARMED", null);
        }
        var to = Level.max(from, Level.valueOf(d.raiseTo()));
        if (to != from) {
            raise(c, d, from, to, d.clock() + " not done by " + d.dueAt(), now);
        }
        return d.settle("FIRED", now);
    }

    private void raise(Case c, Case.Deadline d, Level from, Level to, String reason, Instant now) {
        c.level = to.name();
        escalate(
                c,
                new Case.Escalation(
                        baseRule(d.rule()), "LEVEL_RAISE", d.clock(), from.name(), to.name(), null, reason, now));
    }

    private void escalate(Case c, Case.Escalation e) {
        var all = new ArrayList<>(c.escalations);
        all.add(e);
        c.escalations = all;
        signals.escalated(c, e);
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

    private java.util.Optional<RoutingPolicy.Clock> ruleFor(Case.Deadline d) {
        return policy.clocks().stream()
                .filter(r -> r.rule().equals(baseRule(d.rule())))
                .findFirst();
    }

    private Instant base(RoutingPolicy.Clock rule, Case c) {
        return switch (rule.base()) {
            case "ACCEPTANCE" -> c.acceptedAt;
            case "WINDOW_START" -> c.timingStart;
            default -> c.receivedAt;
        };
    }

    private Instant due(RoutingPolicy.Clock rule, Instant base) {
        var after = rule.majorHolidayAfter() != null && calendar.isMajorHoliday(base)
                ? rule.majorHolidayAfter()
                : rule.after();
        return switch (rule.calendar()) {
            case "END_OF_WORKING_DAY" -> calendar.endOfWorkingDay(base);
            case "WORKING_DAYS" -> calendar.addWorkingDays(base, (int) after.toDays());
            default -> base.plus(after);
        };
    }

    private static boolean settledAlready(String clock, Case c) {
        return switch (clock) {
            case "HAND_OVER" -> c.handedOverAt != null;
            case "ACCEPTANCE" -> c.acceptedAt != null;
            case "FIRST_RESPONSE" -> c.firstContactAt != null;
            case "RESOLUTION" -> c.resolvedAt != null;
            case "CLOSURE" -> c.closedAt != null;
            default -> false;
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

    static Instant nextDue(Case c) {
        return c.deadlines.stream()
                .filter(d -> "PENDING".equals(d.status()))
                .flatMap(d -> "BREACH".equals(d.action()) && !d.atRiskSignalled()
                        ? Stream.of(d.atRiskAt(), d.dueAt())
                        : Stream.of(d.dueAt()))
                .filter(Objects::nonNull)
                .min(Comparator.naturalOrder())
                .orElse(null);
    }
}
