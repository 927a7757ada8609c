package org.complaints.routing.cases;

import java.util.List;
import org.complaints.routing.tasks.TaskSource;
import org.complaints.routing.tasks.WorkItem;
import org.complaints.routing.tasks.WorkQuery;
import org.springframework.stereotype.Component;

/** The cases' side-route tasks for the work list: only cases inside the caller's scope are read. */
@Component
class CaseTaskSource implements TaskSource {

    private final CaseRepository cases;

    CaseTaskSource(CaseRepository cases) {
        this.cases = cases;
    }

    @Override
    public List<WorkItem> open(WorkQuery query) {
        var found = cases.withTasks(query.scope(), query.owners(), query.statuses(), query.from(), query.dueBefore());
        return query.select(found.stream()
                .filter(c -> query.scope().covers(c.tenant, c.region, c.site))
                .flatMap(c -> c.tasks.stream().map(t -> new WorkItem(WorkItem.Kind.CASE, c.id, c.region, c.site, t))));
    }
}
