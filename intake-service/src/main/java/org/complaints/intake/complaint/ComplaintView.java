package org.complaints.intake.complaint;

import java.time.Instant;
import java.util.List;

/**
 * A complaint as callers see it, with the routing state copied from routing's answer and the case
 * mirrored from routing's case-state events: {@code status} follows the case, {@code level} and
 * {@code canonicalLevel} are the case's once raised, {@code caseState}, {@code incidentId} and
 * {@code round} are the case's. {@code receivedAt} is when the customer complained,
 * {@code recordedAt} when intake stored it ({@code createdAt} is kept as its older name).
 * {@code earlierCommitments} (single-complaint answers only, null in lists): the open promises and
 * agreements of the linked earlier complaints (OT-02), to be acknowledged when proposing a solution.
 */
public record ComplaintView(
        String id,
        String tenant,
        String region,
        String site,
        String channel,
        boolean external,

        @io.swagger.v3.oas.annotations.media.Schema(
                description = "The brand's own ticket number (LC-03 C3: brand 400 hotline)",
                example = "SVW-400-0001")
        String brandTicketNumber,

        String level,
        String canonicalLevel,
        List<String> levelReasons,
        String status,
        String caseState,
        String incidentId,
        Integer round,
        Complaint.Customer customer,
        Complaint.Vehicle vehicle,
        Complaint.Product product,
        Complaint.Order order,
        Complaint.Category category,
        String content,
        Complaint.Demand demand,
        Instant occurredAt,
        List<String> flags,

        @io.swagger.v3.oas.annotations.media.Schema(
                description = "OT-13: supervisor decisions on MALICIOUS_SUSPECTED (who, roles, reason, when)")
        List<Complaint.FlagDecision> flagDecisions,

        @io.swagger.v3.oas.annotations.media.Schema(
                description = "CP-17 / OT-04: attention priority, 1 (lowest) to 5: the level's rank raised for VIP,"
                        + " high-influence and high-value customers as the preset says; 0 for older complaints")
        int priority,

        List<String> priorityReasons,
        List<String> circumstances,
        String receiver,
        Complaint.Routing routing,
        List<String> linkedComplaints,
        List<EarlierCommitments.Commitment> earlierCommitments,
        boolean repeat,
        Complaint.Validity validity,
        boolean legalHold,

        @io.swagger.v3.oas.annotations.media.Schema(
                description = "When the case ended and the record was archived (LC-12); null while handled")
        Instant archivedAt,

        @io.swagger.v3.oas.annotations.media.Schema(
                description =
                        "Archived + the tenant's retention (LC-12: 2 years); then the personal data is anonymised")
        Instant retentionUntil,

        boolean anonymised,
        Instant receivedAt,
        Instant recordedAt,
        Instant createdAt,
        long version) {

    static ComplaintView of(Complaint c, String levelName) {
        return of(c, levelName, null);
    }

    static ComplaintView of(Complaint c, String levelName, List<EarlierCommitments.Commitment> earlierCommitments) {
        return new ComplaintView(
                c.id,
                c.tenant,
                c.region,
                c.site,
                c.channel,
                c.external,
                c.brandTicketNumber,
                levelName,
                CaseStatus.level(c),
                c.levelReasons,
                c.status.name(),
                c.caseMirror == null ? null : c.caseMirror.state(),
                c.caseMirror == null ? null : c.caseMirror.incidentId(),
                c.caseMirror == null ? null : c.caseMirror.round(),
                c.customer,
                c.vehicle,
                c.product,
                c.order,
                c.category,
                c.content,
                c.demand,
                c.occurredAt,
                c.flags,
                c.flagDecisions == null ? List.of() : c.flagDecisions,
                c.priority,
                c.priorityReasons == null ? List.of() : c.priorityReasons,
                c.circumstances,
                c.receiver,
                c.routing,
                c.linkedComplaints,
                earlierCommitments,
                c.repeat,
                c.validity,
                c.legalHold,
                c.archivedAt,
                c.retentionUntil,
                c.anonymised,
                c.receivedAt == null ? c.createdAt : c.receivedAt,
                c.createdAt,
                c.createdAt,
                c.version == null ? 0 : c.version);
    }
}
