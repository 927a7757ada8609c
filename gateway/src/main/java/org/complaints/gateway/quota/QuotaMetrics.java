package org.complaints.gateway.quota;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/** The quota meters: refusals per tenant, leases taken from the store, and the store's failures. */
@Component
class QuotaMetrics {

    private final MeterRegistry registry;
    private final Counter leases;
    private final Counter storeFailures;

    QuotaMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.leases = Counter.builder("complaints.gateway.quota.leases")
                .description("Batches of tokens leased from the shared quota store")
                .register(registry);
        this.storeFailures = Counter.builder("complaints.gateway.quota.store.failures")
                .description("Leases that failed because the quota store was out of reach (then local buckets decide)")
                .register(registry);
    }

    void rejected(String tenant) {
        registry.counter("complaints.gateway.quota.rejected", "tenant", tenant).increment();
    }

    void leased() {
        leases.increment();
    }

    void storeFailed() {
        storeFailures.increment();
    }

    void fallbackGauge(Supplier<Number> fallback) {
        Gauge.builder("complaints.gateway.quota.fallback", fallback)
                .description("1 while this replica decides quotas on local buckets because the store is out of reach")
                .register(registry);
    }
}
