package org.complaints.followup.followup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.complaints.support.delivery.Delivery;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One follow-up task (回访) of a resolved case: planned from the tenant's profile, due on the
 * site's calendar, one per case, handling round and type, {@code OVERDUE} once when its time passes (the sweep), {@code DONE} with the
 * outcome; an unsatisfied outcome sends routing the case back for second handling (ESC-08).
 */
@Document("followups")
@CompoundIndex(name = "case_round_type", def = "{'tenant': 1, 'caseId': 1, 'round': 1, 'type': 1}", unique = true)
@CompoundIndex(name = "tenant_status_due", def = "{'tenant': 1, 'status': 1, 'dueAt': 1}")
@CompoundIndex(name = "tenant_done", def = "{'tenant': 1, 'completedAt': 1}")
public class FollowUp {

    public record Outcome(
            Integer satisfaction,
            Boolean resolved,
            boolean satisfied,
            String comment,
            String channel,
            String recordedBy,
            Instant recordedAt) {}

    @Id
    String id;

    @Version
    Long version;

    String tenant;
    String caseId;
    String complaintId;
    String region;
    String site;
    String department;
    String level;
    /** The handling round of the case this follow-up checks (1, then +1 per reopening; FU-05, ESC-08). */
    int round = 1;

    String type;
    String rule;
    List<String> roles = new ArrayList<>();
    Instant resolvedAt;

    @Indexed
    Instant dueAt;

    String status = "PLANNED";
    Outcome outcome;
    Instant completedAt;
    List<Delivery> deliveries = new ArrayList<>();
}
