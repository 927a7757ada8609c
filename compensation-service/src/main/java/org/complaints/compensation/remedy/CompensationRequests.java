package org.complaints.compensation.remedy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The request bodies at the web edge; amounts arrive as plain numbers and are bounded by {@link Amounts}. */
public final class CompensationRequests {

    private CompensationRequests() {}

    @io.swagger.v3.oas.annotations.media.Schema(name = "AmountInput")
    public record AmountInput(BigDecimal amount, String currency) {}

    @io.swagger.v3.oas.annotations.media.Schema(name = "RemedyOptionInput")
    public record OptionRequest(
            @io.swagger.v3.oas.annotations.media.Schema(
                    implementation = RemedyKind.class,
                    requiredMode = io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED)
            String kind,

            AmountInput amount,
            String rationale) {}

    @io.swagger.v3.oas.annotations.media.Schema(
            name = "CustomerRemedyRequestInput",
            description = "CP-11: what the customer answered to \"您希望我们怎么做?\": a remedy kind (amount, text),"
                    + " or `none: true` when they have no wish of their own (the customary remedy is proposed)")
    public record CustomerRequestInput(
            @io.swagger.v3.oas.annotations.media.Schema(implementation = RemedyKind.class)
            String kind,

            AmountInput amount,
            String text,
            Boolean none) {}

    @io.swagger.v3.oas.annotations.media.Schema(name = "ProposeCompensationRequest")
    public record Proposal(
            String caseId,
            List<OptionRequest> options,
            Boolean economicLossConfirmed,

            @io.swagger.v3.oas.annotations.media.Schema(
                    description = "CP-10: the confirmed economic loss; required when economicLossConfirmed is true")
            AmountInput economicLoss,

            @io.swagger.v3.oas.annotations.media.Schema(
                    description = "CP-11: the customer's wish; options may be left out when `none` is true")
            CustomerRequestInput customerRequested,

            String customerRef) {}

    @io.swagger.v3.oas.annotations.media.Schema(name = "DecideOptionRequest")
    public record DecisionRequest(
            @io.swagger.v3.oas.annotations.media.Schema(
                    requiredMode = io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED)
            String optionId,

            @io.swagger.v3.oas.annotations.media.Schema(
                    requiredMode = io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED,
                    allowableValues = {"APPROVE", "REJECT", "MODIFY"},
                    description = "MODIFY approves with `amount`")
            String decision,

            AmountInput amount,
            String reason) {}

    @io.swagger.v3.oas.annotations.media.Schema(name = "CustomerConsentRequest")
    public record ConsentRequest(
            String optionId,
            Boolean accepted,
            String customerWants,

            @io.swagger.v3.oas.annotations.media.Schema(
                    description =
                            "ESC-05: with a rejection, the handler judges the talk a conflict; the customer-service manager joins now instead of at the second rejection")
            Boolean conflict) {}

    @io.swagger.v3.oas.annotations.media.Schema(name = "RemedyDeliveryRequest")
    public record DeliveryRequest(String reference, Instant deliveredAt) {}

    @io.swagger.v3.oas.annotations.media.Schema(name = "SetBudgetRequest")
    public record BudgetRequest(BigDecimal limit) {}
}
