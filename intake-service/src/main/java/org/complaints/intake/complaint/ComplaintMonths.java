package org.complaints.intake.complaint;

import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.bson.Document;
import org.complaints.support.lookup.HourIndex;
import org.complaints.support.scope.CallerScope;
import org.complaints.support.web.Months;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * A month's complaints for the summary (LC-11), reached by key (ADR 0602): the complaints recorded
 * in the month through the complaints' hour index, those with a promise settled in the month through
 * {@link PromiseSettlements}, each loaded by {@code _id $in} with the summary's fields. An hour entry
 * may be stale or listed twice, so each complaint is handed over once and only when its own fields
 * (tenant, scope, region, site, the month) still match; the cost follows the month, not the history.
 */
@Component
class ComplaintMonths {

    private static final String[] FIELDS = {
        "tenant", "region", "site", "createdAt", "channel", "level", "category", "repeat", "status", "promises"
    };

    private final MongoTemplate mongo;
    private final HourIndex recorded;
    private final HourIndex settled;

    ComplaintMonths(MongoTemplate mongo, ComplaintLookups lookups, PromiseSettlements settlements) {
        this.mongo = mongo;
        this.recorded = lookups.hourIndex();
        this.settled = settlements.hourIndex();
    }

    /** Each complaint in the scope (and the region and site when given) recorded in the month. */
    void recorded(CallerScope scope, String region, String site, Months month, Consumer<Document> each) {
        walk(recorded, scope, region, site, month, c -> within(c.getDate("createdAt"), month), each);
    }

    /**
     * Each complaint in the scope (and the region and site when given) listed with a promise settled
     * in the month; which of its promises were is for the caller to check on the promises themselves.
     */
    void withSettledPromises(CallerScope scope, String region, String site, Months month, Consumer<Document> each) {
        walk(settled, scope, region, site, month, c -> true, each);
    }

    private void walk(
            HourIndex index,
            CallerScope scope,
            String region,
            String site,
            Months month,
            Predicate<Document> inMonth,
            Consumer<Document> each) {
        var window = new HourIndex.Window(region, site, month.start(), month.end());
        index.within(
                scope,
                window,
                ids -> load(ids).stream()
                        .filter(c -> scope.covers(c.getString("tenant"), c.getString("region"), c.getString("site"))
                                && (region == null || region.equals(c.getString("region")))
                                && (site == null || site.equals(c.getString("site")))
                                && inMonth.test(c))
                        .forEach(each));
    }

    private List<Document> load(List<String> ids) {
        var query = new Query(Criteria.where("_id").in(ids));
        query.fields().include(FIELDS);
        return mongo.find(query, Document.class, "complaints");
    }

    static boolean within(Date at, Months month) {
        return at != null
                && !at.toInstant().isBefore(month.start())
                && at.toInstant().isBefore(month.end());
    }
}
