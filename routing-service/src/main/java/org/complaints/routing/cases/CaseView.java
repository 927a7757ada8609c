package org.complaints.routing.cases;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.complaints.routing.policy.RoutingPolicy;
import org.complaints.routing.tasks.TaskView;

/**
 * A case as callers see it (docs/contracts.md); {@code allowedActions} come from {@link Action}'s
 * table. {@code eventSequence} is the number of the case's latest partner event (ADR 0260): a
 * webhook receiver holding it has missed nothing. {@code propagation} says whether the complaint's
 * mirror and a resolution's follow-up plan have landed yet.
 */
public record CaseView(
        String caseId,
        String complaintId,
        String tenant,
        String region,
        String site,
        String channel,

        @io.swagger.v3.oas.annotations.media.Schema(implementation = Level.class)
        String level,

        @io.swagger.v3.oas.annotations.media.Schema(
                description = "The tenant's name for the level (GET /reference/cases)")
        String levelName,

        @io.swagger.v3.oas.annotations.media.Schema(
                description = "CP-17 / OT-04: attention priority from intake, 1 (lowest) to 5; 0 when none was sent")
        int priority,

        String department,

        @io.swagger.v3.oas.annotations.media.Schema(
                description = "LC-32: the department's handling unit and handling lead (a user id or role:<role>)")
        String handlingUnit,

        String handlingLead,

        @io.swagger.v3.oas.annotations.media.Schema(
                description = "RT-04 / OT-31: the responsibility category, from intake or the coded root cause")
        String responsibilityCategory,

        @io.swagger.v3.oas.annotations.media.Schema(
                description =
                        "CL-10: what went wrong, as intake classified it (CP-11 picks the customary remedy by it)")
        String subjectType,

        String owner,

        @io.swagger.v3.oas.annotations.media.Schema(implementation = State.class)
        String state,

        @io.swagger.v3.oas.annotations.media.ArraySchema(
                schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = Action.class))
        List<String> allowedActions,

        int round,
        long sequence,
        long eventSequence,
        Instant receivedAt,
        List<DeadlineView> deadlines,
        List<Case.Escalation> escalations,
        List<TaskView> tasks,

        @io.swagger.v3.oas.annotations.media.Schema(
                description = "Checklists side routes keep on the case (RT-07: the legal-risk checklist)")
        List<Case.Checklist> checklists,

        List<Case.AuditEntry> audit,
        List<Case.Contact> contacts,
        List<Case.Message> messages,
        int urgings,
        Case.Resolution resolution,
        Boolean followUpSatisfied,
        int reopenCount,
        String incidentId,
        String closedBy,
        List<String> linkedComplaints,
        List<Case.Acknowledgement> acknowledgements,
        long version,
        org.complaints.support.delivery.Propagation propagation,

        @io.swagger.v3.oas.annotations.media.Schema(
                description = "CL-23 customer flags (VIOLENCE_RISK, MEDIA_OR_LEGAL_PROFESSION, ...)")
        List<String> flags,

        @io.swagger.v3.oas.annotations.media.Schema(description = "What staff must see while a flag is set (§12.4-6)")
        List<Case.Banner> banners,

        @io.swagger.v3.oas.annotations.media.Schema(
                description = "LC-31 as intake decided it",
                allowableValues = {"PENDING", "VALID", "NOT_VALID"})
        String validity,

        @io.swagger.v3.oas.annotations.media.Schema(description = "CM-04: liability accepted, or null")
        Case.Liability liability,

        @io.swagger.v3.oas.annotations.media.Schema(
                description = "CM-03 / LC-22: paraphrases and whether the customer confirmed them")
        List<Case.Paraphrase> paraphrases,

        @io.swagger.v3.oas.annotations.media.Schema(description = "ESC-09: safety alerts raised on the case")
        List<Case.SafetyAlert> safetyAlerts) {

    /** A step's effects that reach other services through the relay (ADR 0285). */
    static final java.util.Map<String, String> EFFECTS =
            java.util.Map.of(Case.CASE_STATE, "complaint", Case.PLAN_FOLLOW_UP, "follow-ups");

    public record DeadlineView(
            String clock,
            String rule,
            int round,
            Instant dueAt,
            String status,
            Instant settledAt,
            Duration lateBy,
            boolean assumed) {}

    public static CaseView of(Case c, String levelName, RoutingPolicy policy) {
        return new CaseView(
                c.id,
                c.complaintId,
                c.tenant,
                c.region,
                c.site,
                c.channel,
                c.level,
                levelName,
                c.priority,
                c.department,
                c.handlingUnit,
                c.handlingLead,
                c.responsibilityCategory,
                c.subjectType,
                c.owner,
                c.state.name(),
                c.allowedActions(policy).stream().map(Enum::name).toList(),
                c.round,
                c.sequence,
                c.eventSequence,
                c.receivedAt,
                c.deadlines.stream()
                        .map(d -> new DeadlineView(
                                d.clock(),
                                d.rule(),
                                d.round(),
                                d.dueAt(),
                                d.status(),
                                d.settledAt(),
                                d.lateBy(),
                                d.assumed()))
                        .toList(),
                c.escalations,
                c.tasks.stream().map(TaskView::of).toList(),
                c.checklists,
                c.audit,
                c.contacts,
                c.messages.stream()
                        .map(m -> m.status() == null ? m.decided(Case.SENT, m.approval()) : m)
                        .toList(),
                c.urgings.size(),
                c.resolution,
                c.followUpSatisfied,
                c.reopenCount,
                c.incidentId,
                c.closedBy,
                c.linkedComplaints,
                c.acknowledgements,
                c.version == null ? 0 : c.version,
                org.complaints.support.delivery.Propagation.of(c.deliveries, EFFECTS),
                c.flags,
                c.banners,
                Conversation.validity(c),
                c.liability,
                c.paraphrases,
                c.safetyAlerts);
    }
}
