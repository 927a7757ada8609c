package org.complaints.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, through the running suite: the RateLimit fields fall with each call, a 429 says when to
 * retry and a retry then succeeds, and X-Request-Id appears once though intake echoes it too.
 */
class QuotaIT {

    static RunningSuite suite;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startSuite() throws Exception {
        suite = RunningSuite.get();
    }

    @Test
    @DisplayName("quota: RateLimit fields decreasing, 429 with Retry-After, honouring it succeeds, one request id")
    void shouldSpeakItsQuotaAndLetACallerThatWaitsIn() throws Exception {
        var quota = RunningSuite.QUOTA_KEY_PER_MINUTE;
        var remaining = new ArrayList<Long>();
        for (var i = 0; i < quota; i++) {
            var response = list();
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.headers().allValues("RateLimit-Policy"))
                    .containsExactly("\"default\";q=" + quota + ";w=60");
            assertThat(response.headers().allValues("X-Request-Id")).hasSize(1);
            var limit = response.headers().allValues("RateLimit");
            assertThat(limit).singleElement().asString().matches("\"default\";r=\\d+;t=\\d+");
            remaining.add(Long.parseLong(limit.getFirst().replaceAll(".*;r=(\\d+);.*", "$1")));
        }
        assertThat(remaining).isSortedAccordingTo((a, b) -> Long.compare(b, a)).doesNotHaveDuplicates();
        assertThat(remaining.getLast()).isZero();

        var refused = list();
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().allValues("X-Request-Id")).hasSize(1);
        assertThat(refused.body()).contains("quota-exceeded");
        var retryAfter =
                Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).as("a token every 12 s").isBetween(1L, 12L);

        Thread.sleep(Duration.ofSeconds(retryAfter));

        assertThat(list().statusCode()).as("after Retry-After").isEqualTo(200);
    }

    private HttpResponse<String> list() throws Exception {
        var request = HttpRequest.newBuilder(URI.create(suite.gateway() + "/api/v1/complaints?limit=1"))
                .header("X-Api-Key", RunningSuite.QUOTA_KEY)
                .timeout(Duration.ofSeconds(30))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
