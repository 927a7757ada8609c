package org.complaints.routing.tasks;

import java.time.Instant;

/** A task as callers see it, inside a case or incident view and in the task list. */
public record TaskView(
        String id,
        String task,
        String rule,
        String owner,
        Instant dueAt,
        String status,
        Instant createdAt,
        String escalatedTo,
        String completedBy,
        Instant completedAt,
        String evidence) {

    public static TaskView of(Task t) {
        return new TaskView(
                t.taskId(),
                t.task(),
                t.rule(),
                t.assignee(),
                t.dueAt(),
                t.status(),
                t.createdAt(),
                t.escalatedTo(),
                t.completedBy(),
                t.completedAt(),
                t.evidence());
    }
}
