package org.complaints.routing.tasks;

import java.time.Instant;
import java.util.List;
import org.complaints.support.identity.CallerIdentity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /tasks}: the caller's open work across cases and incidents (through the gateway as
 * {@code /api/v1/tasks}). Completing a task is a sub-resource of its case or incident.
 */
@RestController
@io.swagger.v3.oas.annotations.tags.Tag(name = "Tasks")
class TaskController {

    /** One task of the list; {@code caseId} or {@code incidentId} names where it is completed. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "WorkItemView")
    record WorkView(String kind, String caseId, String incidentId, String region, String site, TaskView task) {

        static WorkView of(WorkItem item) {
            var onCase = item.kind() == WorkItem.Kind.CASE;
            return new WorkView(
                    item.kind().name(),
                    onCase ? item.parentId() : null,
                    onCase ? null : item.parentId(),
                    item.region(),
                    item.site(),
                    TaskView.of(item.task()));
        }
    }

    @io.swagger.v3.oas.annotations.media.Schema(name = "WorkItemPage")
    record ListView(List<WorkView> items, String nextCursor) {}

    private final WorkList work;

    TaskController(WorkList work) {
        this.work = work;
    }

    @io.swagger.v3.oas.annotations.Operation(
            operationId = "listTasks",
            summary = "The caller's work list: case and incident tasks, earliest due first")
    @GetMapping("/tasks")
    ListView list(
            CallerIdentity caller,
            @RequestParam(defaultValue = WorkList.ME) String assignee,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) Instant dueBefore,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") int limit) {
        var page = work.mine(caller, assignee, status, dueBefore, cursor, limit);
        return new ListView(page.items().stream().map(WorkView::of).toList(), page.nextCursor());
    }
}
