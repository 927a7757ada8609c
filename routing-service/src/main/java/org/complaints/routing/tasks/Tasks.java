package org.complaints.routing.tasks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.complaints.routing.policy.Permission;
import org.complaints.routing.policy.RoutingPermissions;
import org.complaints.routing.policy.RoutingPolicy;

/**
 * The rules of a case's or an incident's task list, shared by both: completing one, finding those
 * that fall due, the earliest open due time (folded into the owner's {@code nextDueAt}, so the
 * sweeps that read only due documents find tasks too). Lists are replaced, never changed in place.
 */
public final class Tasks {

    public static final int MAX_EVIDENCE = 2000;

    /** Who completes a task: the verified caller's subject, roles and kind. */
    public record Completer(String subject, Set<String> roles, boolean staff, boolean system) {}

    private Tasks() {}

    /**
     * The list with one task done: it must exist (404), the completer must own it or hold a role of
     * the table's {@code COMPLETE_TASK} row (403), it must not be done yet (409) and the evidence
     * must say what was done, within {@value #MAX_EVIDENCE} characters (422). Throws a
     * {@link TaskRefusal}; the caller stores nothing then.
     */
    public static List<Task> complete(
            List<Task> tasks, String taskId, Completer by, String evidence, RoutingPolicy policy, Instant now) {
        var task = tasks.stream()
                .filter(t -> t.taskId().equals(taskId))
                .findFirst()
                .orElseThrow(() -> TaskRefusal.notFound(taskId));
        var asker = new RoutingPermissions.Asker(
                by.roles(), by.staff(), by.system(), task.ownedBy(by.subject(), by.roles()));
        if (!RoutingPermissions.allows(policy, Permission.COMPLETE_TASK, asker)) {
            throw new TaskRefusal(
                    TaskRefusal.Kind.NOT_ALLOWED,
                    "This task belongs to " + task.assignee() + ". "
                            + RoutingPermissions.refusal(policy, Permission.COMPLETE_TASK));
        }
        if (Task.CANCELLED.equals(task.status())) {
            throw new TaskRefusal(
                    TaskRefusal.Kind.ALREADY_DONE,
                    "Task " + taskId + " was cancelled at " + task.completedAt() + ": the case ended without it.");
        }
        if (task.done()) {
            throw new TaskRefusal(
                    TaskRefusal.Kind.ALREADY_DONE,
                    "Task " + taskId + " was completed at " + task.completedAt() + " by " + task.completedBy() + ".");
        }
        if (evidence == null || evidence.isBlank()) {
            throw TaskRefusal.invalid("evidence", "is required: what was done, e.g. the report's reference");
        }
        if (evidence.length() > MAX_EVIDENCE) {
            throw TaskRefusal.invalid("evidence", "is longer than " + MAX_EVIDENCE + " characters");
        }
        return replace(tasks, task.completed(by.subject(), evidence.strip(), now));
    }

    /**
     * The list with a task done by the step that delivered its result (the resolution that records
     * the root cause), whose own permission was checked; a task already done or absent is left as it is.
     */
    public static List<Task> doneBy(List<Task> tasks, String taskId, String by, String evidence, Instant now) {
        var proof = evidence.length() > MAX_EVIDENCE ? evidence.substring(0, MAX_EVIDENCE) : evidence;
        return tasks.stream()
                .filter(t -> t.taskId().equals(taskId) && !t.done() && !Task.CANCELLED.equals(t.status()))
                .findFirst()
                .map(t -> replace(tasks, t.completed(by, proof.strip(), now)))
                .orElse(tasks);
    }

    /** The open tasks whose due time has come by {@code now}, earliest first. */
    public static List<Task> fallingDue(List<Task> tasks, Instant now) {
        return tasks.stream()
                .filter(t -> t.fallsDueBy(now))
                .sorted(Comparator.comparing(Task::dueAt))
                .toList();
    }

    /** The list with the task of the same id replaced. */
    public static List<Task> replace(List<Task> tasks, Task task) {
        var all = new ArrayList<>(tasks);
        all.replaceAll(t -> t.taskId().equals(task.taskId()) ? task : t);
        return all;
    }

    /** The earliest due time of a task still to turn overdue, or null. */
    public static Instant nextDue(List<Task> tasks) {
        return tasks.stream()
                .filter(t -> Task.OPEN.equals(t.status()))
                .map(Task::dueAt)
                .filter(Objects::nonNull)
                .min(Comparator.naturalOrder())
                .orElse(null);
    }
}
