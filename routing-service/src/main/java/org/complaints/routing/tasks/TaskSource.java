package org.complaints.routing.tasks;

import java.util.List;

/**
 * Where tasks live (cases, incidents): each answers the work-list query for its own documents,
 * applying the caller's scope, so this package needs neither of them.
 */
public interface TaskSource {

    List<WorkItem> open(WorkQuery query);
}
