package org.complaints.followup.followup;

import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import org.bson.Document;
import org.complaints.support.lookup.HourIndex;
import org.complaints.support.scope.CallerScope;
import org.complaints.support.web.Months;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The follow-ups of a report month (LC-11), reached by key (ADR 0602): those due in the month
 * through the hour index by due time ({@link FollowUpLists}), those completed in it through
 * {@link FollowUpCompletions}, each loaded by {@code _id $in} with the report's fields. An hour entry
 * may be stale or listed twice, so each follow-up is handed over once and only when its own tenant,
 * region, site and time still match; the cost follows the month, not the history.
 */
@Component
public class FollowUpMonths {

    private static final String[] FIELDS = {
        "tenant",
        "region",
        "site",
        "department",
        "caseId",
        "type",
        "responsible",
        "status",
        "dueAt",
        "completedAt",
        "outcome"
    };

    private final MongoTemplate mongo;
    private final FollowUpLists lists;
    private final FollowUpCompletions completions;

    FollowUpMonths(MongoTemplate mongo, FollowUpLists lists, FollowUpCompletions completions) {
        this.mongo = mongo;
        this.lists = lists;
        this.completions = completions;
    }

    /** Each of the tenant's follow-ups due in the month, in the region and site when given. */
    public void due(String tenant, Months month, String region, String site, Consumer<Document> each) {
        var window = new HourIndex.Window(region, site, month.start(), month.end());
        lists.dueWithin(scope(tenant), window, ids -> load(ids, tenant, region, site, "dueAt", month, each));
    }

    /** Each of the tenant's follow-ups completed in the month, in the region and site when given. */
    public void completed(String tenant, Months month, String region, String site, Consumer<Document> each) {
        var window = new HourIndex.Window(region, site, month.start(), month.end());
        completions.within(scope(tenant), window, ids -> load(ids, tenant, region, site, "completedAt", month, each));
    }

    private void load(
            List<String> ids,
            String tenant,
            String region,
            String site,
            String timeField,
            Months month,
            Consumer<Document> each) {
        var query = new Query(Criteria.where("_id").in(ids));
        query.fields().include(FIELDS);
        for (var f : mongo.find(query, Document.class, "followups")) {
            if (tenant.equals(f.getString("tenant"))
                    && (region == null || region.equals(f.getString("region")))
                    && (site == null || site.equals(f.getString("site")))
                    && within(f.getDate(timeField), month)) {
                each.accept(f);
            }
        }
    }

    private static boolean within(Date at, Months month) {
        return at != null
                && !at.toInstant().isBefore(month.start())
                && at.toInstant().isBefore(month.end());
    }

    /** The whole tenant: the report's own scope (region, site) is applied as the window's filter. */
    private static CallerScope scope(String tenant) {
        return new CallerScope(tenant, List.of(), List.of());
    }
}
