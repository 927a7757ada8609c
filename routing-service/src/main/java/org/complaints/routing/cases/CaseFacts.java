package org.complaints.routing.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.complaints.support.delivery.Delivery;

/**
 * Publishes what one write of a case did as numbered {@link PartnerEvent}s (ADR 0260): the facts
 * the write's caller names (a complaint received, a compensation decided, a follow-up outcome, ...)
 * and those read from the case before and after it (escalations and at-risk warnings it appended, a
 * new owner or department, a new state, closure, a new round). They are ordered by when they
 * happened, numbered from the case's {@code eventSequence}, and owe one fan-out delivery, all in the
 * same document write as the change itself.
 */
public final class CaseFacts {

    private CaseFacts() {}

    /** What the derivation compares. */
    record Snapshot(
            State state, String level, String owner, String department, int escalations, int atRisk, int round) {

        static Snapshot of(Case c) {
            return new Snapshot(
                    c.state, c.level, c.owner, c.department, c.escalations.size(), c.atRiskWarnings.size(), c.round);
        }

        /** A case about to be opened: nothing happened to it yet. */
        static Snapshot opening(String level) {
            return new Snapshot(State.REGISTERED, level, null, null, 0, 0, 1);
        }
    }

    /**
     * A fact the caller of a write names, at the time it happened (null: with the write);
     * {@code data} holds strings, numbers and booleans.
     */
    public record Fact(PartnerEvent type, Instant at, Map<String, Object> data) {

        public static Fact of(PartnerEvent type, Instant at, Object... keysAndValues) {
            var data = new LinkedHashMap<String, Object>();
            for (var i = 0; i + 1 < keysAndValues.length; i += 2) {
                var value = keysAndValues[i + 1];
                if (value != null) {
                    data.put((String) keysAndValues[i], value instanceof Instant t ? t.toString() : value);
                }
            }
            return new Fact(type, at, data);
        }
    }

    /** Within one instant: named facts, then the timeline, then routing, state, closure, reopening. */
    private record Ranked(Fact fact, int rank) {}

    static void publish(Case c, Snapshot before, List<Fact> named, Instant now) {
        var facts = new ArrayList<Ranked>();
        // a named fact without a time happened with this write
        named.forEach(f -> facts.add(new Ranked(f.at() == null ? new Fact(f.type(), now, f.data()) : f, 0)));
        for (var i = before.escalations(); i < c.escalations.size(); i++) {
            var e = c.escalations.get(i);
            switch (e.kind()) {
                case "BREACH" ->
                    facts.add(new Ranked(
                            Fact.of(
                                    PartnerEvent.SLA_BREACHED,
                                    e.at(),
                                    "rule",
                                    e.rule(),
                                    "clock",
                                    e.clock(),
                                    "dueAt",
                                    e.dueAt()),
                            1));
                case "LEVEL_RAISE" ->
                    facts.add(new Ranked(
                            Fact.of(
                                    PartnerEvent.LEVEL_RAISED,
                                    e.at(),
                                    "from",
                                    e.fromLevel(),
                                    "to",
                                    e.toLevel(),
                                    "rule",
                                    e.rule()),
                            1));
                case "TASK_OVERDUE" -> facts.add(new Ranked(taskOverdue(c, e), 1));
                default -> {
                    // side routes, manual and conflict hand-overs, reopenings: published by what they changed
                }
            }
        }
        for (var i = before.atRisk(); i < c.atRiskWarnings.size(); i++) {
            var w = c.atRiskWarnings.get(i);
            facts.add(new Ranked(
                    Fact.of(
                            PartnerEvent.SLA_AT_RISK,
                            w.at(),
                            "rule",
                            w.rule(),
                            "clock",
                            w.clock(),
                            "round",
                            w.round(),
                            "dueAt",
                            w.dueAt()),
                    1));
        }
        if (!Objects.equals(before.owner(), c.owner) || !Objects.equals(before.department(), c.department)) {
            facts.add(new Ranked(
                    Fact.of(
                            PartnerEvent.CASE_ROUTED,
                            now,
                            "department",
                            c.department,
                            "domain",
                            c.domain,
                            "owner",
                            c.owner),
                    2));
        }
        if (before.state() != c.state) {
            facts.add(new Ranked(
                    Fact.of(
                            PartnerEvent.STATE_CHANGED,
                            now,
                            "from",
                            before.state().name(),
                            "to",
                            c.state.name()),
                    3));
            if (c.state.terminal() && !before.state().terminal()) {
                facts.add(new Ranked(
                        Fact.of(PartnerEvent.CASE_CLOSED, now, "state", c.state.name(), "round", c.round), 4));
            }
        }
        if (c.round > before.round()) {
            var rule = c.escalations.stream()
                    .filter(e -> "REOPEN".equals(e.kind()))
                    .reduce((first, second) -> second)
                    .map(Case.Escalation::rule)
                    .orElse(null);
            facts.add(new Ranked(Fact.of(PartnerEvent.CASE_REOPENED, now, "round", c.round, "rule", rule), 5));
        }
        if (facts.isEmpty()) {
            return;
        }
        facts.sort(Comparator.comparing((Ranked r) -> r.fact().at()).thenComparingInt(Ranked::rank));
        var published = new ArrayList<>(c.published);
        for (var r : facts) {
            c.eventSequence++;
            published.add(new Case.PublishedEvent(
                    c.eventSequence,
                    r.fact().type().wire(),
                    r.fact().at(),
                    now,
                    r.fact().data()));
        }
        c.published = published;
        c.addDelivery(new Delivery(
                Case.PUBLISHED_EVENTS + ":" + c.id + ":" + c.eventSequence, Case.PUBLISHED_EVENTS, now, 0, null));
    }

    private static Fact taskOverdue(Case c, Case.Escalation e) {
        var task = c.tasks.stream()
                .filter(t -> Objects.equals(t.rule(), e.rule())
                        && Objects.equals(t.dueAt(), e.dueAt())
                        && t.escalatedTo() != null)
                .findFirst();
        return Fact.of(
                PartnerEvent.TASK_OVERDUE,
                e.at(),
                "taskId",
                task.map(t -> t.taskId()).orElse(null),
                "task",
                task.map(t -> t.task()).orElse(null),
                "rule",
                e.rule(),
                "dueAt",
                e.dueAt());
    }
}
