package org.complaints.compensation.remedy;

import java.util.ArrayList;
import java.util.List;
import org.complaints.compensation.policy.CompensationPolicy;
import org.complaints.compensation.remedy.CompensationRequests.AmountInput;
import org.complaints.compensation.remedy.CompensationRequests.CustomerRequestInput;
import org.complaints.compensation.remedy.CompensationRequests.OptionRequest;

/**
 * What the customer wants and what they lost, before any option is drafted (DOMAIN §7.3, §7.5 step
 * 1). CP-11: the answer to "您希望我们怎么做?" is a remedy kind, or none of their own; with none, the
 * tenant's customary remedy for the complaint's subject type is proposed (policy data), and, like
 * every option, it is implemented only after the customer's consent. An option of another kind than
 * the one asked for (or than the customary remedy) needs its rationale. CP-10: a confirmed economic
 * loss carries its amount. Plain Java; refusals are 422 naming the field.
 */
final class CustomerWish {

    private CustomerWish() {}

    /** CP-11: the recorded wish, or null when none was given (callers that do not ask yet). */
    static Compensation.CustomerRequest recorded(CustomerRequestInput input, CompensationPolicy policy) {
        if (input == null) {
            return null;
        }
        var none = Boolean.TRUE.equals(input.none());
        if (none && input.kind() != null) {
            throw Refusal.invalid(
                    "customerRequested.none", "contradicts customerRequested.kind: the customer has a wish or none");
        }
        if (!none && (input.kind() == null || !RemedyKind.known(input.kind()))) {
            throw Refusal.invalid(
                    "customerRequested.kind",
                    "record the remedy the customer asked for, one of " + java.util.Arrays.toString(RemedyKind.values())
                            + ", or none: true when they have no wish of their own (CP-11)");
        }
        Money amount = null;
        if (input.amount() != null && input.amount().amount() != null) {
            var value = Amounts.bounded(
                    "customerRequested.amount.amount", input.amount().amount());
            var currency = input.amount().currency() == null
                    ? policy.currency()
                    : input.amount().currency();
            if (currency.length() > 8) {
                throw Refusal.invalid("customerRequested.amount.currency", "is not a currency code");
            }
            amount = new Money(value, currency);
        }
        return new Compensation.CustomerRequest(none ? null : input.kind(), amount, input.text(), none);
    }

    /** CP-10: the confirmed loss's amount; required when the loss is confirmed, refused when it is not. */
    static Money economicLoss(Boolean confirmed, AmountInput loss, CompensationPolicy policy) {
        if (Boolean.TRUE.equals(confirmed)) {
            return Amounts.positive("economicLoss", loss, policy.currency());
        }
        if (loss != null) {
            throw Refusal.invalid("economicLoss", "is given only with economicLossConfirmed: true (CP-10)");
        }
        return null;
    }

    /** CP-11: the customary remedy for the subject type, when the customer has no wish; else null. */
    static Compensation.Customary customary(
            Compensation.CustomerRequest wish, CompensationPolicy policy, String subjectType) {
        if (wish == null || !wish.none()) {
            return null;
        }
        return policy.customaryRemedy(subjectType)
                .map(r -> new Compensation.Customary(
                        r.kind(), r.amount() == null ? null : new Money(r.amount(), policy.currency()), subjectType))
                .orElse(null);
    }

    /**
     * The options to draft: those given, or, when the customer has no wish and none are given, the
     * customary remedy alone.
     */
    static List<OptionRequest> options(List<OptionRequest> given, Compensation.Customary customary) {
        if ((given == null || given.isEmpty()) && customary != null) {
            var amount = customary.amount() == null
                    ? null
                    : new AmountInput(
                            customary.amount().amount(), customary.amount().currency());
            return List.of(new OptionRequest(
                    customary.kind(),
                    amount,
                    "the customer has no wish of their own: the customary remedy for "
                            + (customary.subjectType() == null ? "this complaint" : customary.subjectType())
                            + " (CP-11)"));
        }
        return given == null ? List.of() : given;
    }

    /**
     * CP-11: an option of another kind than the customer asked for (or, with no wish, than the
     * customary remedy) needs a rationale; every such option is named.
     */
    static void requireRationale(
            List<OptionRequest> options, Compensation.CustomerRequest wish, Compensation.Customary customary) {
        var expected = wish == null ? null : wish.none() ? (customary == null ? null : customary.kind()) : wish.kind();
        if (expected == null) {
            return;
        }
        var missing = new ArrayList<String>();
        for (var i = 0; i < options.size(); i++) {
            var option = options.get(i);
            if (option != null
                    && option.kind() != null
                    && !option.kind().equals(expected)
                    && (option.rationale() == null || option.rationale().isBlank())) {
                missing.add("options[" + i + "].rationale");
            }
        }
        if (!missing.isEmpty()) {
            throw Refusal.invalid(
                    missing.getFirst(),
                    "the customer asked for " + expected + (wish.none() ? " (the customary remedy)" : "")
                            + "; an option of another kind needs a rationale (CP-11): " + String.join(", ", missing));
        }
    }
}
