package org.complaints.routing.webhooks;

import java.time.Instant;
import java.util.List;
import org.complaints.routing.cases.Case;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A partner's webhook subscription (ADR 0260): where to send which event types of one tenant's
 * cases, inside the regions and sites of the credentials that created it, signed with its own
 * secret (shown once, at creation). Deleting it deactivates it: nothing more is sent and its
 * pending deliveries are dropped.
 */
@Document("webhook_subscriptions")
@CompoundIndex(name = "tenant_active", def = "{'tenant': 1, 'active': 1}")
public record Subscription(
        @Id String id,
        String tenant,
        List<String> regions,
        List<String> sites,
        String url,
        List<String> eventTypes,
        String description,
        String secret,
        boolean active,
        String createdBy,
        Instant createdAt,
        Instant deletedAt) {

    public Subscription {
        regions = regions == null ? List.of() : List.copyOf(regions);
        sites = sites == null ? List.of() : List.copyOf(sites);
        eventTypes = eventTypes == null ? List.of() : List.copyOf(eventTypes);
    }

    /** Whether the case is inside the subscription's regions and sites (empty = all). */
    boolean covers(Case c) {
        return tenant.equals(c.tenant())
                && (regions.isEmpty() || regions.contains(c.region()))
                && (sites.isEmpty() || sites.contains(c.site()));
    }

    /** An event of a type it asked for, recorded once it existed. */
    boolean wants(Case.PublishedEvent e) {
        return eventTypes.contains(e.type()) && !e.recordedAt().isBefore(createdAt);
    }

    Subscription deactivated(Instant at) {
        return new Subscription(
                id, tenant, regions, sites, url, eventTypes, description, secret, false, createdBy, createdAt, at);
    }
}
