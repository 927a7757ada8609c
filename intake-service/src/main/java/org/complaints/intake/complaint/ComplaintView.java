package org.complaints.intake.complaint;

import java.time.Instant;
import java.util.List;

/** A complaint as callers see it, with the routing state copied from routing's answer. */
public record ComplaintView(
        String id,
        String tenant,
        String region,
        String site,
        String channel,
        boolean external,
        String level,
        String canonicalLevel,
        List<String> levelReasons,
        String status,
        Complaint.Customer customer,
        Complaint.Vehicle vehicle,
        Complaint.Product product,
        Complaint.Order order,
        Complaint.Category category,
        String content,
        Complaint.Demand demand,
        Instant occurredAt,
        List<String> flags,
        List<String> circumstances,
        String receiver,
        Complaint.Routing routing,
        List<String> linkedComplaints,
        boolean repeat,
        Complaint.Validity validity,
        boolean legalHold,
        Instant retentionUntil,
        Instant createdAt,
        long version) {

    static ComplaintView of(Complaint c, String levelName) {
        return new ComplaintView(
                c.id,
                c.tenant,
                c.region,
                c.site,
                c.channel,
                c.external,
                levelName,
                c.level,
                c.levelReasons,
                c.status.name(),
                c.customer,
                c.vehicle,
                c.product,
                c.order,
                c.category,
                c.content,
                c.demand,
                c.occurredAt,
                c.flags,
                c.circumstances,
                c.receiver,
                c.routing,
                c.linkedComplaints,
                c.repeat,
                c.validity,
                c.legalHold,
                c.retentionUntil,
                c.createdAt,
                c.version == null ? 0 : c.version);
    }
}
