package org.complaints.routing.incidents;

import java.util.List;
import org.complaints.routing.tasks.TaskSource;
import org.complaints.routing.tasks.WorkItem;
import org.complaints.routing.tasks.WorkQuery;
import org.springframework.stereotype.Component;

/** The incidents' tasks for the work list: the tenant's (at the caller's sites), then by region in memory. */
@Component
class IncidentTaskSource implements TaskSource {

    private final IncidentRepository incidents;
    private final IncidentTasks tasks;

    IncidentTaskSource(IncidentRepository incidents, IncidentTasks tasks) {
        this.incidents = incidents;
        this.tasks = tasks;
    }

    @Override
    public List<WorkItem> open(WorkQuery query) {
        var scope = query.scope();
        var found = incidents.withTasks(
                scope.tenant(), scope.sites(), query.owners(), query.statuses(), query.from(), query.dueBefore());
        return query.select(found.stream().filter(i -> tasks.visible(scope, i)).flatMap(i -> {
            var region = tasks.region(i);
            return i.tasks.stream().map(t -> new WorkItem(WorkItem.Kind.INCIDENT, i.id, region, i.site, t));
        }));
    }
}
