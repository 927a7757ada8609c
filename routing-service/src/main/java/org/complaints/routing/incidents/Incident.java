package org.complaints.routing.incidents;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.complaints.routing.policy.RoutingPolicy;
import org.complaints.routing.tasks.Task;
import org.complaints.routing.tasks.TaskView;
import org.complaints.routing.tasks.Tasks;
import org.complaints.support.delivery.Delivery;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A group complaint (RT-06): the linked cases and the 1 h / 4 h / 24 h rapid-response tasks
 * (SLA-X1), each with its owner from the preset. Like a case it carries the earliest open task's
 * due time in {@link #nextDueAt} (the incident sweep reads only due incidents) and the
 * notifications it still owes in {@link #deliveries}, written in the same version-checked save.
 */
@Document("incidents")
@CompoundIndex(name = "tenant_opened", def = "{'tenant': 1, 'openedAt': -1}")
// The versioned save filters on (_id, version): by this unique index, not a scan, on the embedded store.
@CompoundIndex(name = "id_version", def = "{'_id': 1, 'version': 1}", unique = true)
public class Incident {

    public static final String TASK_OVERDUE = "incident-task-overdue";

    @Id
    String id;

    @Version
    Long version;

    String tenant;
    String site;
    String productRef;
    Instant openedAt;
    List<String> caseIds = new ArrayList<>();
    List<Task> tasks = new ArrayList<>();

    @Indexed(sparse = true)
    Instant nextDueAt;

    List<Delivery> deliveries = new ArrayList<>();

    public String id() {
        return id;
    }

    public String tenant() {
        return tenant;
    }

    public List<String> caseIds() {
        return List.copyOf(caseIds);
    }

    public List<Task> tasks() {
        return List.copyOf(tasks);
    }

    public Instant nextDueAt() {
        return nextDueAt;
    }

    /**
     * SLA-X1: every task still open at its due time turns overdue once, escalated to its owner's
     * supervisor from the ladder, whose notification is owed in the same write; returns those that did.
     */
    List<Task> markOverdue(Instant now, RoutingPolicy.Ladder ladder) {
        var due = Tasks.fallingDue(tasks, now);
        for (var t : due) {
            var overdue = t.overdue(ladder.forOwner(t.assignee()));
            tasks = Tasks.replace(tasks, overdue);
            var all = new ArrayList<>(deliveries);
            all.add(new Delivery(overdue.overdueEventId(id), TASK_OVERDUE, now, 0, null));
            deliveries = all;
        }
        nextDueAt = Tasks.nextDue(tasks);
        return due;
    }

    /** Completes one task with evidence ({@link Tasks#complete}). */
    void completeTask(String taskId, Tasks.Completer by, String evidence, RoutingPolicy policy, Instant now) {
        tasks = Tasks.complete(tasks, taskId, by, evidence, policy, now);
        nextDueAt = Tasks.nextDue(tasks);
    }

    IncidentView view() {
        return new IncidentView(
                id,
                site,
                productRef,
                openedAt,
                caseIds,
                tasks.stream().map(TaskView::of).toList());
    }

    /** A group complaint as callers see it. */
    public record IncidentView(
            String incidentId,
            String site,
            String productRef,
            Instant openedAt,
            List<String> caseIds,
            List<TaskView> tasks) {}
}
