package org.complaints.compensation.remedy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.complaints.compensation.policy.CompensationPolicy;
import org.complaints.compensation.remedy.CompensationRequests.AmountInput;
import org.complaints.compensation.remedy.CompensationRequests.CustomerRequestInput;
import org.complaints.compensation.remedy.CompensationRequests.OptionRequest;
import org.complaints.support.tenant.TenantDirectory;
import org.complaints.support.tenant.TenantPolicies;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** CP-10 / CP-11 on the generic preset, without Spring. */
class CustomerWishTest {

    static final CompensationPolicy GENERIC =
            new TenantPolicies<>(TenantDirectory.load(""), "compensation", CompensationPolicy.class).of("demo-generic");

    static AmountInput cny(String amount) {
        return new AmountInput(new BigDecimal(amount), "CNY");
    }

    static Refusal refusal(Runnable call) {
        try {
            call.run();
        } catch (Refusal r) {
            return r;
        }
        throw new AssertionError("not refused");
    }

    @Test
    @DisplayName("CP-11: with no wish, the customary remedy of the subject type is the one option, with its rationale")
    void noWishProposesTheCustomaryRemedy() {
        var wish = CustomerWish.recorded(new CustomerRequestInput(null, null, "您看着办", true), GENERIC);
        var customary = CustomerWish.customary(wish, GENERIC, "SERVICE_PROCESS");

        assertThat(wish.none()).isTrue();
        assertThat(customary.kind()).isEqualTo("VOUCHER");
        assertThat(customary.amount()).isEqualTo(new Money(new BigDecimal("50"), "CNY"));
        var options = CustomerWish.options(null, customary);
        assertThat(options).singleElement().satisfies(o -> {
            assertThat(o.kind()).isEqualTo("VOUCHER");
            assertThat(o.amount().amount()).isEqualByComparingTo("50");
            assertThat(o.rationale())
                    .contains("customary remedy for SERVICE_PROCESS")
                    .contains("CP-11");
        });
        assertThat(CustomerWish.customary(wish, GENERIC, "SERVICE_ATTITUDE").kind())
                .as("another subject type, another custom")
                .isEqualTo("APOLOGY");
        assertThat(CustomerWish.customary(wish, GENERIC, "WEBSITE_SYSTEM").kind())
                .as("the tenant's DEFAULT")
                .isEqualTo("VOUCHER");
    }

    @Test
    @DisplayName("CP-11: a remedy other than the one requested needs a rationale; the requested one does not")
    void otherRemedyNeedsRationale() {
        var wish = CustomerWish.recorded(new CustomerRequestInput("REFUND", cny("300"), "退一半的钱", null), GENERIC);
        var requested = new OptionRequest("REFUND", cny("300"), null);
        var other = new OptionRequest("VOUCHER", cny("50"), null);

        CustomerWish.requireRationale(List.of(requested), wish, null);
        var refused = refusal(() -> CustomerWish.requireRationale(List.of(requested, other), wish, null));
        assertThat(refused.field()).isEqualTo("options[1].rationale");
        assertThat(refused.getMessage()).contains("REFUND").contains("CP-11");
        CustomerWish.requireRationale(
                List.of(requested, new OptionRequest("VOUCHER", cny("50"), "退款需厂家确认，先补偿代金券")), wish, null);
    }

    @Test
    @DisplayName("CP-11: with no wish, an option other than the customary remedy needs a rationale")
    void otherThanCustomaryNeedsRationale() {
        var wish = CustomerWish.recorded(new CustomerRequestInput(null, null, null, true), GENERIC);
        var customary = CustomerWish.customary(wish, GENERIC, "SERVICE_PROCESS");
        var refused = refusal(() ->
                CustomerWish.requireRationale(List.of(new OptionRequest("GIFT", cny("30"), " ")), wish, customary));
        assertThat(refused.field()).isEqualTo("options[0].rationale");
        assertThat(refused.getMessage()).contains("customary");
    }

    @Test
    @DisplayName("CP-11: the wish names a known remedy kind or none, not both and not neither")
    void wishIsAKindOrNone() {
        assertThat(refusal(() -> CustomerWish.recorded(new CustomerRequestInput("REFUND", null, null, true), GENERIC))
                        .field())
                .isEqualTo("customerRequested.none");
        assertThat(refusal(() -> CustomerWish.recorded(new CustomerRequestInput(null, null, "随便", null), GENERIC))
                        .field())
                .isEqualTo("customerRequested.kind");
        assertThat(refusal(() -> CustomerWish.recorded(new CustomerRequestInput("TELEPORT", null, null, null), GENERIC))
                        .field())
                .isEqualTo("customerRequested.kind");
        assertThat(CustomerWish.recorded(null, GENERIC)).isNull();
    }

    @Test
    @DisplayName("CP-10: a confirmed economic loss carries a positive amount in the tenant's currency")
    void confirmedLossCarriesAnAmount() {
        assertThat(CustomerWish.economicLoss(true, cny("820.50"), GENERIC))
                .isEqualTo(new Money(new BigDecimal("820.50"), "CNY"));
        assertThat(refusal(() -> CustomerWish.economicLoss(true, null, GENERIC)).field())
                .isEqualTo("economicLoss");
        assertThat(refusal(() -> CustomerWish.economicLoss(true, cny("-1"), GENERIC))
                        .field())
                .isEqualTo("economicLoss.amount");
        assertThat(refusal(() -> CustomerWish.economicLoss(true, new AmountInput(BigDecimal.TEN, "USD"), GENERIC))
                        .field())
                .isEqualTo("economicLoss.currency");
        assertThat(refusal(() -> CustomerWish.economicLoss(false, cny("10"), GENERIC))
                        .field())
                .isEqualTo("economicLoss");
        assertThat(CustomerWish.economicLoss(null, null, GENERIC)).isNull();
        assertThatThrownBy(() -> CustomerWish.economicLoss(true, new AmountInput(null, "CNY"), GENERIC))
                .isInstanceOf(Refusal.class);
    }
}
