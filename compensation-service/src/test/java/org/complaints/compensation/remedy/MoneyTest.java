package org.complaints.compensation.remedy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Amounts are bounded on their digits before any arithmetic (issue 12, hostile input). */
class MoneyTest {

    @Test
    @DisplayName("a huge exponent is refused from precision and scale alone, never rescaled")
    void hugeExponentIsRefusedWithoutRescaling() {
        assertThat(Money.problemWith(new BigDecimal("1e3000000"))).contains("integer digits");
        assertThat(Money.problemWith(new BigDecimal("1e-3000000"))).contains("decimal places");
        assertThatThrownBy(() -> new Money(new BigDecimal("1e3000000"), "CNY"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("at most 12 integer digits and 2 decimal places; trailing zeros do not count")
    void digitsAndScaleAreBounded() {
        assertThat(Money.problemWith(new BigDecimal("999999999999.99"))).isNull();
        assertThat(Money.problemWith(new BigDecimal("1000000000000"))).isNotNull();
        assertThat(Money.problemWith(new BigDecimal("10.001"))).isNotNull();
        assertThat(Money.problemWith(new BigDecimal("10.000"))).isNull();
        assertThat(Money.problemWith(new BigDecimal("1E+2"))).isNull();
        assertThat(new Money(new BigDecimal("1E+2"), "CNY").minor()).isEqualTo(10_000L);
        assertThat(Money.problemWith(new BigDecimal("1e6145")))
                .as("beyond Decimal128")
                .isNotNull();
    }
}
