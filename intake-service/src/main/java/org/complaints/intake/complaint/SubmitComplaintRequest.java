package org.complaints.intake.complaint;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * {@code POST /complaints}. Enumerated values arrive as text and are checked against the tenant's
 * profile, so an unknown value is a 422 that names the field rather than a parse error. The
 * receiver is the caller; it is never taken from here. {@code receivedAt} is when the customer
 * complained (hotline, letter, a CRM's backlog); absent means now (ADR 0103).
 */
@Schema(name = "FileComplaintRequest")
public record SubmitComplaintRequest(
        @Schema(
                implementation = Channel.class,
                requiredMode = Schema.RequiredMode.REQUIRED,
                description =
                        "One of the tenant's channels (GET /reference/complaints); each names its mandatory fields.")
        String channel,

        @Schema(
                requiredMode = Schema.RequiredMode.REQUIRED,
                description = "A site of the tenant in the caller's regions")
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

        @ArraySchema(schema = @Schema(implementation = org.complaints.intake.classification.Circumstance.class))
        List<String> circumstances,

        Integer urgingCallsWithinHour,

        @Schema(implementation = org.complaints.intake.classification.Level.class)
        String requestedLevel,

        String brandTicketNumber,
        Instant receivedAt) {

    /** A demo-dealer walk-in, as the README shows it. */
    static final String EXAMPLE = """
            {"channel": "SERVICE_ADVISOR_RECEPTION", "site": "sh-minhang",
             "customer": {"id": "C-1001", "name": "王先生", "phone": "13800138000"},
             "vehicle": {"vin": "LSVAA4180E2123456", "plate": "沪A12345"},
             "category": {"subjectType": "PRODUCT_QUALITY", "responsibleDomain": "TECHNICAL"},
             "content": "发动机异响，修了两次还没好",
             "demand": {"kind": "REPAIR", "text": "彻底修好"},
             "circumstances": ["PROPERTY_DAMAGE"], "urgingCallsWithinHour": 0, "flags": ["VIP"]}
            """;

    public List<String> flagsOrEmpty() {
        return flags == null ? List.of() : flags;
    }

    public List<String> circumstancesOrEmpty() {
        return circumstances == null ? List.of() : circumstances;
    }
}
