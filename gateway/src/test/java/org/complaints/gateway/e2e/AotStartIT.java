package org.complaints.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * ADR 0613, 0614: the services and the gateway start from the bean definitions their build generated, and what the
 * build fixed does not include where their peers are: the suite's ports are free ones, not the
 * defaults the build saw, and a complaint still reaches routing inline and comes back routed.
 */
class AotStartIT {

    static RunningSuite suite;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = RunningSuite.get();
    }

    @Test
    @DisplayName(
            "issue 14: each service and the gateway run AOT-processed; its Feign clients reach the peers' runtime URLs")
    void servicesRunAotProcessedAndFindTheirPeers() throws Exception {
        for (var module : Stream.concat(RunningSuite.services().stream(), Stream.of("gateway"))
                .toList()) {
            assertThat(Files.readString(suite.logFile(module)))
                    .as(module + "'s log")
                    .contains("Starting AOT-processed");
        }
        assertThat(suite.url("routing-service")).doesNotEndWith(":8082");

        var partner = Api.partner(suite, "demo-retail-ticket-key");
        var filed = partner.with("Idempotency-Key", Complaints.key())
                .post("/api/v1/complaints", Complaints.walkIn("sh-xujiahui", "冰箱不制冷"));
        assertThat(filed.status()).isEqualTo(201);

        // Inline, or by the relay through the same client if routing was busy for a moment.
        partner.await(
                "/api/v1/complaints/" + filed.json().get("id").asText(),
                complaint -> "ROUTED".equals(Api.text(complaint, "status")),
                Duration.ofSeconds(30));
    }
}
