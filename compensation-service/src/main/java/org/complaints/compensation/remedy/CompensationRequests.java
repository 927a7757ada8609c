package org.complaints.compensation.remedy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The request bodies at the web edge; amounts arrive as plain numbers and are bounded by {@link Amounts}. */
public final class CompensationRequests {

    private CompensationRequests() {}

    public record AmountInput(BigDecimal amount, String currency) {}

    public record OptionRequest(String kind, AmountInput amount, String rationale) {}

    public record CustomerRequestInput(String kind, AmountInput amount, String text) {}

    public record Proposal(
            String caseId,
            List<OptionRequest> options,
            Boolean economicLossConfirmed,
            CustomerRequestInput customerRequested,
            String customerRef) {}

    public record DecisionRequest(String optionId, String decision, AmountInput amount, String reason) {}

    public record ConsentRequest(String optionId, Boolean accepted, String customerWants) {}

    public record DeliveryRequest(String reference, Instant deliveredAt) {}

    public record BudgetRequest(BigDecimal limit) {}
}
