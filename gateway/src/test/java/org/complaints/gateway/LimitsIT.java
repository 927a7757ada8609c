package org.complaints.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.publisher.Flux;

/** Body size limit and per-caller quotas, answered by the gateway before any service is bothered. */
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
        String retryAfter = null;
        for (var i = 0; i <= TINY_QUOTA; i++) {
            var result = web.get()
                    .uri("/api/v1/complaints/q-" + i)
                    .header("X-Api-Key", TINY_QUOTA_KEY)
                    .exchange()
                    .returnResult(String.class);
            statuses.add(result.getStatus().value());
            retryAfter = result.getResponseHeaders().getFirst("Retry-After");
        }

        assertThat(statuses).containsExactly(200, 200, 429);
        assertThat(Long.parseLong(retryAfter)).isBetween(1L, 60L);
        assertThat(intake.getAllServeEvents())
                .as("the refused call is not proxied")
                .hasSize(TINY_QUOTA);
    }
}
