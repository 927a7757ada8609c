package org.complaints.gateway.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.complaints.gateway.auth.Caller;
import org.junit.jupiter.api.Test;

class QuotaFilterTest {

    final AtomicLong now = new AtomicLong();
    final QuotaFilter quotas = new QuotaFilter(now::get);

    @Test
    void shouldKeepASeparateBucketPerCaller() {
        var crm = partner("key:dealer-crm", 1);
        var hotline = partner("key:generic-hotline", 1);

        assertThat(quotas.take(crm)).isZero();
        assertThat(quotas.take(crm)).isPositive();
        assertThat(quotas.take(hotline)).as("another key is not charged").isZero();
    }

    private static Caller partner(String subject, int quota) {
        return new Caller(subject, Caller.PARTNER, "demo", List.of(), List.of(), List.of(), List.of(), "x", quota);
    }
}
