package org.complaints.routing.tasks;

import java.time.Instant;
import java.util.Comparator;

/** One task of the work list with where it lives: a case or an incident, and its region and site. */
public record WorkItem(Kind kind, String parentId, String region, String site, Task task) {

    public enum Kind {
        CASE,
        INCIDENT
    }

    /** Where an item stands in the list: earliest due first, then by kind, parent and task id. */
    public record Key(Instant dueAt, Kind kind, String parentId, String taskId) {

        static final Comparator<Key> ORDER = Comparator.comparing(Key::dueAt)
                .thenComparing(Key::kind)
                .thenComparing(Key::parentId)
                .thenComparing(Key::taskId);
    }

    /** The list's order: by {@link Key}. */
    static final Comparator<WorkItem> ORDER = Comparator.comparing(WorkItem::key, Key.ORDER);

    public Key key() {
        return new Key(task.dueAt(), kind, parentId, task.taskId());
    }
}
