package org.complaints.followup.followup;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.complaints.support.lookup.HourIndex;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Follow-ups written straight into the store (a history, a report's month), with the hour entries
 * the service files for a planned one (by due time) and a completed one (by completion): the
 * monthly report reaches its follow-ups through them (ADR 0602).
 */
public final class StoredFollowUps {

    /** The lookup collections of the hour indexes by due time and by completion. */
    public static final String BY_DUE = FollowUpLists.LOOKUPS;

    public static final String BY_COMPLETION = FollowUpCompletions.COLLECTION;

    private StoredFollowUps() {}

    public static void insert(MongoTemplate mongo, List<Document> followUps) {
        var due = new ArrayList<HourIndex.Recorded>();
        var completed = new ArrayList<HourIndex.Recorded>();
        for (var f : followUps) {
            if (f.get("dueAt") instanceof Date at) {
                due.add(recorded(f, at));
            }
            if (f.get("completedAt") instanceof Date at) {
                completed.add(recorded(f, at));
            }
        }
        new HourIndex(mongo, BY_DUE).recordAll(due);
        new HourIndex(mongo, BY_COMPLETION).recordAll(completed);
        mongo.insert(followUps, "followups");
    }

    private static HourIndex.Recorded recorded(Document f, Date at) {
        return new HourIndex.Recorded(
                f.getString("tenant"),
                f.get("_id").toString(),
                at.toInstant(),
                f.getString("region"),
                f.getString("site"));
    }
}
