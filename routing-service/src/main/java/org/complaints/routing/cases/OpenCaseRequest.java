package org.complaints.routing.cases;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /cases}, as intake sends it (docs/contracts.md). The tenant comes from the caller.
 * {@code linkedComplaints}: the earlier complaints intake linked (OT-02/03); a solution proposal on
 * the case must acknowledge their open commitments (ADR 0122). {@code priority}: intake's attention
 * priority, 1 (lowest) to 5, the level raised for VIP and high-value customers as the preset says
 * (CP-17 / OT-04); it orders attention, never the SLA clocks.
 */
public record OpenCaseRequest(
        String complaintId,
        String tenant,
        String region,
        String site,
        String channel,
        String level,
        String subjectType,
        String category,
        String responsibleDomain,
        String responsibilityCategory,
        List<String> flags,
        List<String> circumstances,
        Map<String, Object> demand,
        String customerRef,
        String productRef,
        Instant receivedAt,
        String receiver,
        List<String> linkedComplaints,
        Integer priority) {

    public OpenCaseRequest(
            String complaintId,
            String tenant,
            String region,
            String site,
            String channel,
            String level,
            String subjectType,
            String category,
            String responsibleDomain,
            String responsibilityCategory,
            List<String> flags,
            List<String> circumstances,
            Map<String, Object> demand,
            String customerRef,
            String productRef,
            Instant receivedAt,
            String receiver,
            List<String> linkedComplaints) {
        this(
                complaintId,
                tenant,
                region,
                site,
                channel,
                level,
                subjectType,
                category,
                responsibleDomain,
                responsibilityCategory,
                flags,
                circumstances,
                demand,
                customerRef,
                productRef,
                receivedAt,
                receiver,
                linkedComplaints,
                null);
    }

    public OpenCaseRequest(
            String complaintId,
            String tenant,
            String region,
            String site,
            String channel,
            String level,
            String subjectType,
            String category,
            String responsibleDomain,
            String responsibilityCategory,
            List<String> flags,
            List<String> circumstances,
            Map<String, Object> demand,
            String customerRef,
            String productRef,
            Instant receivedAt,
            String receiver) {
        this(
                complaintId,
                tenant,
                region,
                site,
                channel,
                level,
                subjectType,
                category,
                responsibleDomain,
                responsibilityCategory,
                flags,
                circumstances,
                demand,
                customerRef,
                productRef,
                receivedAt,
                receiver,
                null);
    }
}
