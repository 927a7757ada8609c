package org.complaints.followup.followup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * Until the outcome, staff record contact attempts; too many unreached ones in a row escalate the
 * follow-up to a supervisor, once per reason (FU-03, §8.2). Attempts change neither the status nor
 * the outcome.
 */
@Document("followups")
@CompoundIndex(name = "case_round_type", def = "{'tenant': 1, 'caseId': 1, 'round': 1, 'type': 1}", unique = true)
@CompoundIndex(name = "tenant_status_due", def = "{'tenant': 1, 'status': 1, 'dueAt': 1}")
// The versioned save and the sweep's mark filter on (_id, version): by this unique index, not a scan, on the embedded
// store.
@CompoundIndex(name = "id_version", def = "{'_id': 1, 'version': 1}", unique = true)
@CompoundIndex(name = "tenant_done", def = "{'tenant': 1, 'completedAt': 1}")
public class FollowUp {

    /** The outcome, with the §12 linter's result on the comment (ADR 0500). */
    @io.swagger.v3.oas.annotations.media.Schema(name = "FollowUpOutcome")
    public record Outcome(
            Integer satisfaction,
            Boolean resolved,
            boolean satisfied,
            String comment,
            String channel,
            String recordedBy,
            Instant recordedAt,
            org.complaints.support.text.TextCheck commentCheck,
            String valuableFeedback) {}

    /** One try to reach the customer; {@code by} and {@code at} come from the caller and the clock. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "FollowUpAttempt")
    public record Attempt(boolean reached, String channel, String note, String by, Instant at) {}

    /** A hand-over of this follow-up to a supervisor role, at most one per reason (a rule id). */
    @io.swagger.v3.oas.annotations.media.Schema(name = "FollowUpEscalation")
    public record Escalation(String reason, String escalatedTo, Instant escalatedAt) {}

    /** The reason of an escalation after too many unreached attempts in a row. */
    public static final String UNREACHED = "FU-03";

    /** The delivery kind that asks routing to notify an escalation's supervisor. */
    public static final String ESCALATION = "escalation";

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
    /** The case's responsible person when it was resolved: whose satisfaction this visit measures (KP-07). */
    String responsible;
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
    List<Attempt> attempts = new ArrayList<>();
    List<Escalation> escalations = new ArrayList<>();
    List<Delivery> deliveries = new ArrayList<>();
    /** When intake's order anonymised the customer's words here (LC-12, ADR 0522); null before. */
    Instant anonymisedAt;

    /** Unreached attempts since the last reached one. */
    int unreachedInARow() {
        var count = 0;
        for (var i = attempts.size() - 1; i >= 0 && !attempts.get(i).reached(); i--) {
            count++;
        }
        return count;
    }

    /**
     * Adds an attempt. Once {@code threshold} unreached ones follow each other, the follow-up
     * escalates to {@code supervisor}, only if it never escalated for that reason; the delivery that
     * tells routing is added in the same write, under an event id fixed by follow-up and reason, so
     * routing stores one notification however often it is sent.
     */
    Optional<Escalation> recordAttempt(Attempt attempt, int threshold, String supervisor) {
        attempts.add(attempt);
        if (attempt.reached()
                || unreachedInARow() < threshold
                || escalations.stream().anyMatch(e -> UNREACHED.equals(e.reason()))) {
            return Optional.empty();
        }
        var escalation = new Escalation(UNREACHED, supervisor, attempt.at());
        escalations.add(escalation);
        deliveries.add(new Delivery(escalationEventId(UNREACHED), ESCALATION, attempt.at(), 0, null));
        return Optional.of(escalation);
    }

    String escalationEventId(String reason) {
        return "followup-escalation:" + reason + ":" + id;
    }
}
