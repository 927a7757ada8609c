package org.complaints.routing.notifications;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Arrays;
import org.springframework.stereotype.Component;

/**
 * {@code complaints.notifications.created{kind}}: one count per notification created (a replay of
 * the same event id does not count). Every kind is registered at start so dashboards read zero.
 * Kept beside the feature rather than in {@code RoutingMetrics} while routing is being restructured.
 */
@Component
class NotificationMetrics {

    private final MeterRegistry registry;

    NotificationMetrics(MeterRegistry registry) {
        this.registry = registry;
        Arrays.stream(NotificationKind.values()).forEach(this::counter);
    }

    void created(NotificationKind kind) {
        counter(kind).increment();
    }

    private Counter counter(NotificationKind kind) {
        return Counter.builder("complaints.notifications.created")
                .description("Notifications created, by kind")
                .tag("kind", kind.name())
                .register(registry);
    }
}
