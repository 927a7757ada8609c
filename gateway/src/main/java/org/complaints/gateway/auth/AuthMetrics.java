package org.complaints.gateway.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code complaints.gateway.auth.rejected{reason}}: refused calls by a fixed set of reasons, never
 * by key, user or tenant, so the series stay few and carry no identity.
 */
@Component
public class AuthMetrics {

    /** Why a call was refused; the tag values. */
    public enum Reason {
        MISSING_CREDENTIALS("missing-credentials"),
        INVALID_API_KEY("invalid-api-key"),
        INVALID_TOKEN("invalid-token"),
        INSUFFICIENT_SCOPE("insufficient-scope");

        final String tag;

        Reason(String tag) {
            this.tag = tag;
        }
    }

    private final MeterRegistry registry;

    public AuthMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void rejected(Reason reason) {
        Counter.builder("complaints.gateway.auth.rejected")
                .description("Calls refused by the gateway's authentication or scope check")
                .tag("reason", reason.tag)
                .register(registry)
                .increment();
    }
}
