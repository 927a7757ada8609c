package org.complaints.gateway.quota;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

class RateLimitHeadersTest {

    @Test
    void shouldFormatThePolicyAndTheLimitAsStructuredFields() {
        assertThat(RateLimitHeaders.policy(100)).isEqualTo("\"default\";q=100;w=60");
        assertThat(RateLimitHeaders.limit(42, 17)).isEqualTo("\"default\";r=42;t=17");
    }

    @Test
    void shouldWriteBothFieldsAndNoRetryAfterOnAGrant() {
        var headers = new HttpHeaders();
        RateLimitHeaders.write(headers, Decision.granted(600, 599));

        assertThat(headers.get("RateLimit-Policy")).containsExactly("\"default\";q=600;w=60");
        assertThat(headers.get("RateLimit"))
                .as("one token spent refills in 0.1 s")
                .containsExactly("\"default\";r=599;t=1");
        assertThat(headers.containsHeader(HttpHeaders.RETRY_AFTER)).isFalse();
    }

    @Test
    void shouldTellARefusedCallerWhenToRetryAndWhenTheBucketIsFull() {
        var headers = new HttpHeaders();
        // 60 per minute, half a token left: the next whole token in 0.5 s, full in 59.5 s.
        RateLimitHeaders.write(headers, Decision.refused(60, 0.5, 500));

        assertThat(headers.get("RateLimit")).containsExactly("\"default\";r=0;t=60");
        assertThat(headers.get(HttpHeaders.RETRY_AFTER))
                .as("whole seconds, rounded up")
                .containsExactly("1");
    }

    @Test
    void shouldReportAFullBucketAsResetNow() {
        assertThat(Decision.granted(10, 10).resetSeconds()).isZero();
        assertThat(Decision.granted(10, 10.7).remaining())
                .as("whole tokens only")
                .isEqualTo(10);
    }
}
