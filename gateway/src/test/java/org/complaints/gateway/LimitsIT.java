package org.complaints.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.publisher.Flux;

/**
 * Body size limit and per-caller quotas with their RateLimit fields, answered by the gateway before
 * any service is bothered.
 */
class LimitsIT extends GatewayItSupport {

    @Test
    void shouldRefuseDeclaredBodyOverTheLimitBeforeProxying() {
        web.post()
                .uri("/api/v1/complaints")
                .header("X-Api-Key", DEALER_KEY)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"content\":\"" + "x".repeat(MAX_BODY_BYTES) + "\"}")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://complaints.example.org/problems/body-too-large");
        assertThat(intake.getAllServeEvents()).isEmpty();
    }

    @Test
    void shouldRefuseStreamedBodyOverTheLimit() {
        Flux<DataBuffer> chunks =
                Flux.range(0, 5).map(i -> DefaultDataBufferFactory.sharedInstance.wrap(new byte[MAX_BODY_BYTES / 2]));
        web.post()
                .uri("/api/v1/complaints")
                .header("X-Api-Key", DEALER_KEY)
                .contentType(MediaType.APPLICATION_JSON)
                .body(BodyInserters.fromDataBuffers(chunks))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
        assertThat(intake.getAllServeEvents())
                .as("nothing of a cut-off upload reaches the service")
                .isEmpty();
    }

    @Test
    void shouldProxyAStreamedBodyWithinTheLimitWithItsLength() {
        Flux<DataBuffer> chunks = Flux.just("{\"content\":", "\"streamed\"}")
                .map(part -> DefaultDataBufferFactory.sharedInstance.wrap(part.getBytes(StandardCharsets.UTF_8)));
        web.post()
                .uri("/api/v1/complaints")
                .header("X-Api-Key", DEALER_KEY)
                .contentType(MediaType.APPLICATION_JSON)
                .body(BodyInserters.fromDataBuffers(chunks))
                .exchange()
                .expectStatus()
                .is2xxSuccessful();
        var received = intake.getAllServeEvents().stream()
                .map(e -> e.getRequest())
                .filter(r -> r.getBodyAsString().contains("streamed"))
                .toList();
        assertThat(received).hasSize(1);
        assertThat(received.getFirst().getBodyAsString()).isEqualTo("{\"content\":\"streamed\"}");
        assertThat(received.getFirst().getHeader("Content-Length")).isEqualTo("22");
    }

    @Test
    void shouldAcceptBodyWithinTheLimit() {
        web.post()
                .uri("/api/v1/complaints")
                .header("X-Api-Key", DEALER_KEY)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"content\":\"short\"}")
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(onlyRequest(intake).getBodyAsString()).isEqualTo("{\"content\":\"short\"}");
    }

    @Test
    void shouldAnswerTooManyRequestsWithRetryAfterOverTheQuota() {
        var statuses = new ArrayList<Integer>();
        var limits = new ArrayList<String>();
        String retryAfter = null;
        for (var i = 0; i <= TINY_QUOTA; i++) {
            var result = web.get()
                    .uri("/api/v1/complaints/q-" + i)
                    .header("X-Api-Key", TINY_QUOTA_KEY)
                    .exchange()
                    .returnResult(String.class);
            statuses.add(result.getStatus().value());
            assertThat(result.getResponseHeaders().get("RateLimit-Policy")).containsExactly("\"default\";q=2;w=60");
            limits.add(result.getResponseHeaders().getFirst("RateLimit"));
            retryAfter = result.getResponseHeaders().getFirst("Retry-After");
        }

        assertThat(statuses).containsExactly(200, 200, 429);
        assertThat(limits)
                .as("remaining decreases; full again after 30 s a token")
                .containsExactly("\"default\";r=1;t=30", "\"default\";r=0;t=60", "\"default\";r=0;t=60");
        assertThat(Long.parseLong(retryAfter)).isBetween(1L, 30L);
        assertThat(intake.getAllServeEvents())
                .as("the refused call is not proxied")
                .hasSize(TINY_QUOTA);
    }

    @Test
    void shouldGrantACallThatHonoursRetryAfter() throws InterruptedException {
        EntityExchangeResult<byte[]> refused = null;
        for (var i = 0; i < 300 && refused == null; i++) {
            var result = minuteQuotaCall();
            if (result.getStatus().value() == 429) {
                refused = result;
            }
        }
        assertThat(refused).as("60 per minute runs out").isNotNull();
        assertThat(refused.getResponseHeaders().getFirst("RateLimit")).startsWith("\"default\";r=0;");
        var retryAfter = Long.parseLong(refused.getResponseHeaders().getFirst("Retry-After"));
        assertThat(retryAfter).as("one token a second").isEqualTo(1);

        Thread.sleep(retryAfter * 1000);

        assertThat(minuteQuotaCall().getStatus().value()).isEqualTo(200);
    }

    @Test
    void shouldApplyTheTenantsQuotaToAKeyWithoutItsOwn() {
        web.get()
                .uri("/api/v1/complaints/t-1")
                .header("X-Api-Key", TENANT_QUOTA_KEY)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("RateLimit-Policy", "\"default\";q=" + TENANT_QUOTA + ";w=60")
                .expectHeader()
                .valueEquals("RateLimit", "\"default\";r=2;t=20");
    }

    private EntityExchangeResult<byte[]> minuteQuotaCall() {
        return web.get()
                .uri("/api/v1/complaints/m-1")
                .header("X-Api-Key", MINUTE_QUOTA_KEY)
                .exchange()
                .expectBody()
                .returnResult();
    }
}
