package org.complaints.intake.routing;

import java.time.Instant;
import java.util.List;

/**
 * What routing needs to apply the tenant's rules to a new complaint; {@code linkedComplaints} are
 * the earlier complaints it was linked to (OT-02), whose open commitments a solution must acknowledge;
 * {@code priority} is the attention priority (CP-17 / OT-04).
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
        Demand demand,
        String customerRef,
        String productRef,
        Instant receivedAt,
        String receiver,
        List<String> linkedComplaints,
        Integer priority) {

    public record Demand(String kind, Amount amount) {}

    public record Amount(String amount, String currency) {}
}
