package org.complaints.routing.tasks;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.complaints.support.scope.CallerScope;

/**
 * What a caller's work list asks of each {@link TaskSource}: tasks inside the scope, owned by one of
 * {@code owners} ({@code role:<role>} or a person id), in one of {@code statuses}, due before
 * {@code dueBefore} (null = any), after the cursor's {@code after} (null = from the start), at most
 * {@code limit}.
 */
public record WorkQuery(
        CallerScope scope, Set<String> owners, Set<String> statuses, Instant dueBefore, WorkItem.Key after, int limit) {

    /** The earliest due time the page can hold (the cursor's): a store filter; null = any. */
    public Instant from() {
        return after == null ? null : after.dueAt();
    }

    /** One source's part of the page: the wanted candidates after the cursor, in list order, at most {@code limit}. */
    public List<WorkItem> select(Stream<WorkItem> candidates) {
        return candidates
                .filter(this::wants)
                .sorted(WorkItem.ORDER)
                .limit(limit)
                .toList();
    }

    private boolean wants(WorkItem item) {
        var t = item.task();
        return t.dueAt() != null
                && owners.contains(t.assignee())
                && statuses.contains(t.status())
                && (dueBefore == null || t.dueAt().isBefore(dueBefore))
                && (after == null || WorkItem.Key.ORDER.compare(item.key(), after) > 0);
    }
}
