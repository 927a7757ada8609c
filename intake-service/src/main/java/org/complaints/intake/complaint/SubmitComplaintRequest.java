package org.complaints.intake.complaint;

import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * {@code POST /complaints}. Enumerated values arrive as text and are checked against the tenant's
 * profile, so an unknown value is a 422 that names the field rather than a parse error. The
 * receiver is the caller; it is never taken from here. {@code receivedAt} is when the customer
 * complained (hotline, letter, a CRM's backlog); absent means now (ADR 0103).
 */
public record SubmitComplaintRequest(
        String channel,
        String site,
        Complaint.Customer customer,
        Complaint.Vehicle vehicle,
        Complaint.Product product,
        Complaint.Order order,
        Complaint.Category category,
        @Size(max = 20_000) String content,
        Complaint.Demand demand,
        Instant occurredAt,
        @Size(max = 20) List<@Size(max = 500) String> attachments,
        List<String> flags,
        List<String> circumstances,
        Integer urgingCallsWithinHour,
        String requestedLevel,
        String brandTicketNumber,
        Instant receivedAt) {

    public List<String> flagsOrEmpty() {
        return flags == null ? List.of() : flags;
    }

    public List<String> circumstancesOrEmpty() {
        return circumstances == null ? List.of() : circumstances;
    }
}
