package org.complaints.routing.webhooks;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * {@code complaints.webhooks.*}: whether local targets are allowed (local profile), the sender's
 * timeouts, the per-tenant subscription limit and who besides partner keys manages subscriptions
 * ({@code admin-roles.<preset>}, by default the presets' relay operators, ADR 0006). The retry
 * schedule is the webhook relay's own {@code complaints.webhooks.retry.*} (ADR 0262).
 */
record WebhookSettings(
        boolean allowInsecureTargets,
        Duration connectTimeout,
        Duration readTimeout,
        int maxSubscriptionsPerTenant,
        Map<String, List<String>> adminRoles) {

    static WebhookSettings from(Environment env) {
        var roles = new HashMap<String, List<String>>(Map.of(
                "dealer", List.of("general-manager", "relay-operator"),
                "retail", List.of("hq-executive", "relay-operator"),
                "generic", List.of("general-manager", "relay-operator")));
        Binder.get(env)
                .bind("complaints.webhooks.admin-roles", Bindable.mapOf(String.class, String.class))
                .ifBound(configured -> configured.forEach((preset, list) -> roles.put(
                        preset,
                        Arrays.stream(list.split(","))
                                .map(String::strip)
                                .filter(r -> !r.isEmpty())
                                .toList())));
        return new WebhookSettings(
                env.getProperty("complaints.webhooks.allow-insecure-targets", Boolean.class, false),
                env.getProperty("complaints.webhooks.connect-timeout", Duration.class, Duration.ofSeconds(5)),
                env.getProperty("complaints.webhooks.read-timeout", Duration.class, Duration.ofSeconds(5)),
                env.getProperty("complaints.webhooks.max-subscriptions-per-tenant", Integer.class, 20),
                Map.copyOf(roles));
    }
}
