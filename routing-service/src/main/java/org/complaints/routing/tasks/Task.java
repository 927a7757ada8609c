package org.complaints.routing.tasks;

import java.time.Instant;
import java.util.Set;
import org.complaints.routing.policy.RoutingPermissions;

/**
 * One piece of work beside a case's own steps: a side route (ESC-01 brand PR, ESC-03 HQ
 * notification, SLA-X2 legal report, CH-03 media withdrawal), a group-complaint step (SLA-X1) or a
 * handling task (LC-06 root cause, RC-04 CAPA effectiveness review; ADR 0250).
 * Its owner comes from the preset (a person, or {@code role:<role>}); it lives {@code OPEN} →
 * {@code DONE}, or {@code OPEN} → {@code OVERDUE} (once, at its due time, when its owner's
 * supervisor is told) → {@code DONE}; a root cause the ended case no longer needs is
 * {@code CANCELLED}. Stored inside its case or incident; plain Java.
 *
 * @param taskId stable within its case or incident: the task's name, of which a case or incident
 *     has at most one (the preset check refuses repeated names); a task stored before ids existed
 *     gets the same id when read. Not named {@code id}: Spring Data would store that as {@code _id}.
 * @param assignee the owner
 * @param escalatedTo the supervisor told when it became overdue
 */
public record Task(
        String taskId,
        String task,
        String rule,
        String assignee,
        Instant dueAt,
        String status,
        Instant createdAt,
        String escalatedTo,
        String completedBy,
        Instant completedAt,
        String evidence) {

    public static final String OPEN = "OPEN";
    public static final String OVERDUE = "OVERDUE";
    public static final String DONE = "DONE";
    /** No longer owed: the case ended without needing it (a withdrawn case's root cause, ADR 0250). */
    public static final String CANCELLED = "CANCELLED";

    public Task {
        taskId = taskId == null ? task : taskId;
    }

    public static Task open(String task, String rule, String owner, Instant createdAt, Instant dueAt) {
        return new Task(task, task, rule, owner, dueAt, OPEN, createdAt, null, null, null, null);
    }

    public boolean done() {
        return DONE.equals(status);
    }

    /** Still open at {@code now} although due: it turns overdue, once. */
    public boolean fallsDueBy(Instant now) {
        return OPEN.equals(status) && dueAt != null && !dueAt.isAfter(now);
    }

    public Task overdue(String supervisor) {
        return new Task(
                taskId,
                task,
                rule,
                assignee,
                dueAt,
                OVERDUE,
                createdAt,
                supervisor,
                completedBy,
                completedAt,
                evidence);
    }

    /** The same task, no longer owed since {@code at}: never overdue, never completed. */
    public Task cancelled(Instant at) {
        return new Task(taskId, task, rule, assignee, dueAt, CANCELLED, createdAt, escalatedTo, null, at, null);
    }

    /** The same task with another owner (a new responsible person takes over the root cause). */
    public Task reassigned(String owner) {
        return new Task(
                taskId, task, rule, owner, dueAt, status, createdAt, escalatedTo, completedBy, completedAt, evidence);
    }

    Task completed(String by, String proof, Instant at) {
        return new Task(taskId, task, rule, assignee, dueAt, DONE, createdAt, escalatedTo, by, at, proof);
    }

    public boolean ownedBy(String subject, Set<String> roles) {
        return RoutingPermissions.owns(assignee, subject, roles);
    }

    /** Its overdue notification's id: the same on every attempt and replica, so it is created once. */
    public String overdueEventId(String parentId) {
        return "task-overdue:" + parentId + ":" + taskId;
    }

    /** The overdue notification's text: short, no ids or personal data (ADR 0220). */
    public String overdueText() {
        return "Task " + task + " (" + rule + ") was due " + dueAt + " and is not done";
    }
}
