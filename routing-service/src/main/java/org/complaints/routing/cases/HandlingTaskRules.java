package org.complaints.routing.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.stream.Stream;
import org.complaints.routing.policy.RoutingPolicy;
import org.complaints.routing.tasks.Task;
import org.complaints.routing.tasks.Tasks;

/**
 * The tasks a case's own steps open (ADR 0250), beside the side routes: the root cause (LC-06,
 * RC-01), which the case's owner — the responsible person once one is assigned — writes on the form,
 * the CAPA effectiveness review (RC-04) of a case closed with a root cause, and the archive hand-over
 * of a closed case's record (LC-12, SLA-D3). All are ordinary
 * {@link Task}s: an owner, a due time on the site's calendar, completion by the owner or the
 * {@code COMPLETE_TASK} roles with evidence, overdue once to the owner's supervisor. The review and
 * the filing are the work a closed case still has, so the sweep keeps watching them.
 */
final class HandlingTaskRules {

    static final String ROOT_CAUSE = "ROOT_CAUSE";
    static final String CAPA_REVIEW = "CAPA_EFFECTIVENESS_REVIEW";
    static final String ARCHIVE = "ARCHIVE_FILING";

    private HandlingTaskRules() {}

    /**
     * LC-06 / RC-01 at acceptance or assignment: opens the root-cause task for the case's owner, due
     * on the site's calendar from now; an unfinished one follows a newly assigned responsible person.
     * A case whose resolution is recorded already needs none.
     */
    static void rootCause(Case c, CaseClocks rules, Instant now) {
        var rule = rules(rules.policy()).rootCause();
        if (rule == null || c.owner == null || c.resolution != null) {
            return;
        }
        var existing =
                c.tasks.stream().filter(t -> t.taskId().equals(ROOT_CAUSE)).findFirst();
        if (existing.isPresent()) {
            var t = existing.get();
            if (!t.done() && !c.owner.equals(t.assignee())) {
                c.tasks = Tasks.replace(c.tasks, t.reassigned(c.owner));
            }
            return;
        }
        add(
                c,
                Task.open(
                        ROOT_CAUSE,
                        rule.rule(),
                        c.owner,
                        now,
                        rules.calendar().due(now, rule.after(), rule.calendar())));
    }

    /** The resolution records the root cause (LC-06): the task's result, so the task is done by it. */
    static void rootCauseRecorded(Case c, String by, Instant now) {
        c.tasks =
                Tasks.doneBy(c.tasks, ROOT_CAUSE, by, "Recorded with the resolution: " + c.resolution.rootCause(), now);
    }

    /**
     * RC-04 at closure of a case with a root cause: the effectiveness review of its long-term
     * measure, once per case, due {@code after} the end of the measure's due date on the site's
     * calendar (or after the closure, when that is later).
     */
    static void capaReview(Case c, CaseClocks rules, Instant now) {
        var rule = rules(rules.policy()).capaReview();
        if (rule == null
                || c.resolution == null
                || Case.blank(c.resolution.rootCause())
                || c.tasks.stream().anyMatch(t -> t.taskId().equals(CAPA_REVIEW))) {
            return;
        }
        var measure = c.resolution.longTermMeasure();
        var base = measure == null || measure.dueDate() == null
                ? now
                : rules.calendar().endOfWorkingDay(measure.dueDate());
        if (base.isBefore(now)) {
            base = now;
        }
        add(
                c,
                Task.open(
                        CAPA_REVIEW,
                        rule.rule(),
                        rule.assignee(),
                        now,
                        rules.calendar().due(base, rule.after(), rule.calendar())));
    }

    /**
     * LC-12 / SLA-D3 at closure: the complaint form and its solution are handed to the filing owner
     * (the dealer's 客户关爱部) once per case, due {@code after} the closure on the site's calendar;
     * the owner completes it with where the record was filed (ADR 0530).
     */
    static void archive(Case c, CaseClocks rules, Instant now) {
        var rule = rules(rules.policy()).archive();
        if (rule == null || c.tasks.stream().anyMatch(t -> t.taskId().equals(ARCHIVE))) {
            return;
        }
        add(
                c,
                Task.open(
                        ARCHIVE,
                        rule.rule(),
                        rule.assignee(),
                        now,
                        rules.calendar().due(now, rule.after(), rule.calendar())));
    }

    /** A withdrawn or not-established case needs no root cause any more: an unfinished task is cancelled. */
    static void caseEnded(Case c, Instant now) {
        c.tasks.stream()
                .filter(t -> t.taskId().equals(ROOT_CAUSE))
                .filter(t -> Task.OPEN.equals(t.status()) || Task.OVERDUE.equals(t.status()))
                .findFirst()
                .ifPresent(t -> c.tasks = Tasks.replace(c.tasks, t.cancelled(now)));
    }

    /** The tasks still watched on a closed case: the review and the archive hand-over its closure opened. */
    static Stream<Task> outlivingClosure(Case c) {
        return c.tasks.stream()
                .filter(t -> t.taskId().equals(CAPA_REVIEW) || t.taskId().equals(ARCHIVE));
    }

    private static RoutingPolicy.HandlingTasks rules(RoutingPolicy policy) {
        return policy.handlingTasks() == null
                ? new RoutingPolicy.HandlingTasks(null, null, null)
                : policy.handlingTasks();
    }

    private static void add(Case c, Task task) {
        var all = new ArrayList<>(c.tasks);
        all.add(task);
        c.tasks = all;
    }
}
