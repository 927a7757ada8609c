package org.complaints.followup.followup;

import java.util.List;
import java.util.Objects;
import org.complaints.support.lookup.KeyedIds;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * A case's follow-ups reached by key (ADR 0292): {@code GET /follow-ups?caseId=} reads the case's
 * id set and each follow-up by {@code _id}, never the whole collection.
 */
@Component
class CaseFollowUps {

    static final String COLLECTION = "followups_by_case";

    private final MongoTemplate mongo;
    private final KeyedIds ids;

    CaseFollowUps(MongoTemplate mongo) {
        this.mongo = mongo;
        this.ids = new KeyedIds(mongo, COLLECTION);
    }

    /** Follow-ups planned before this lookup existed are filed once, before the service takes traffic. */
    @EventListener(ApplicationReadyEvent.class)
    void fileEarlierFollowUps() {
        ids.backfillOnce("followups", d -> key(d.getString("tenant"), d.getString("caseId")));
    }

    /** Before the insert, so a reader never misses an acknowledged follow-up. */
    void file(FollowUp f) {
        ids.add(key(f.tenant, f.caseId), f.id);
    }

    void forget(FollowUp f) {
        ids.remove(key(f.tenant, f.caseId), f.id);
    }

    List<FollowUp> of(String tenant, String caseId) {
        return ids.ids(key(tenant, caseId)).stream()
                .map(id -> mongo.findById(id, FollowUp.class))
                .filter(Objects::nonNull)
                .filter(f -> tenant.equals(f.tenant) && caseId.equals(f.caseId))
                .toList();
    }

    private static String key(String tenant, String caseId) {
        return tenant == null || caseId == null ? null : tenant + "|" + caseId;
    }
}
