package org.complaints.routing.tasks;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.scope.CallerScope;
import org.springframework.stereotype.Service;

/**
 * A staff member's open work across cases and incidents: the tasks they own in person or through
 * one of their roles, inside their regions and sites, earliest due first (the most urgent, overdue
 * ones included, on top), paged by a cursor of the last item's key.
 */
@Service
public class WorkList {

    static final int MAX_LIMIT = 200;
    static final String ME = "me";

    public record Page(List<WorkItem> items, String nextCursor) {}

    private final List<TaskSource> sources;

    WorkList(List<TaskSource> sources) {
        this.sources = sources;
    }

    public Page mine(
            CallerIdentity caller, String assignee, String status, Instant dueBefore, String cursor, int limit) {
        if (caller.kind() != CallerIdentity.Kind.STAFF) {
            throw new TaskRefusal(TaskRefusal.Kind.NOT_ALLOWED, "The task list is staff members' own work.");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw TaskRefusal.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        var query = new WorkQuery(
                CallerScope.of(caller),
                owners(caller, assignee),
                statuses(status),
                dueBefore,
                cursor == null || cursor.isBlank() ? null : parse(cursor),
                limit + 1);
        var found = sources.stream()
                .flatMap(s -> s.open(query).stream())
                .sorted(WorkItem.ORDER)
                .limit(limit + 1L)
                .toList();
        var page = found.size() > limit ? found.subList(0, limit) : found;
        return new Page(page, found.size() > limit ? format(page.getLast().key()) : null);
    }

    /** {@code me}: the caller in person and every role they hold; {@code role:<x>}: one of their roles. */
    private static Set<String> owners(CallerIdentity caller, String assignee) {
        if (assignee == null || ME.equals(assignee)) {
            var owners = new HashSet<String>();
            owners.add(caller.subject());
            owners.add("person:" + caller.subject());
            caller.roles().forEach(r -> owners.add("role:" + r));
            return owners;
        }
        if (!assignee.startsWith("role:")) {
            throw TaskRefusal.invalid("assignee", "must be me or role:<one of your roles>");
        }
        if (!caller.roles().contains(assignee.substring("role:".length()))) {
            throw new TaskRefusal(
                    TaskRefusal.Kind.NOT_ALLOWED, "You may list your own work and your roles' work, not " + assignee);
        }
        return Set.of(assignee);
    }

    private static Set<String> statuses(String status) {
        if (status == null) {
            return Set.of(Task.OPEN, Task.OVERDUE);
        }
        if (!status.equals(Task.OPEN) && !status.equals(Task.OVERDUE)) {
            throw TaskRefusal.invalid("status", "must be OPEN or OVERDUE");
        }
        return Set.of(status);
    }

    static String format(WorkItem.Key key) {
        return key.dueAt().toEpochMilli() + "~" + key.kind() + "~" + key.parentId() + "~" + key.taskId();
    }

    static WorkItem.Key parse(String cursor) {
        var parts = cursor.split("~", 4);
        try {
            if (parts.length != 4) {
                throw new IllegalArgumentException();
            }
            return new WorkItem.Key(
                    Instant.ofEpochMilli(Long.parseLong(parts[0])),
                    WorkItem.Kind.valueOf(parts[1]),
                    parts[2],
                    parts[3]);
        } catch (RuntimeException e) {
            throw TaskRefusal.invalid("cursor", "is not a cursor this service returned");
        }
    }
}
