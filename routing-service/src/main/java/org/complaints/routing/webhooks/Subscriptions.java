package org.complaints.routing.webhooks;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.complaints.routing.cases.PartnerEvent;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.store.DocumentIds;
import org.complaints.support.tenant.TenantDirectory;
import org.complaints.support.web.ProblemException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;

/**
 * Registering, reading and deleting subscriptions (ADR 0260). Partner keys (scope
 * {@code webhooks:write} to change, {@code webhooks:read} to read) and the tenant's administrators
 * ({@link WebhookSettings#adminRoles}) may; the tenant, regions and sites come from their
 * credentials. A subscription outside the caller's tenant, or wider than the caller's own regions
 * and sites, is not found.
 */
class Subscriptions {

    static final int MAX_DESCRIPTION = 200;

    @io.swagger.v3.oas.annotations.media.Schema(name = "NewWebhookSubscription")
    record NewSubscription(String url, List<String> eventTypes, String description) {}

    private final MongoTemplate mongo;
    private final Targets targets;
    private final TenantDirectory tenants;
    private final WebhookSettings settings;
    private final Clock clock;

    Subscriptions(
            MongoTemplate mongo, Targets targets, TenantDirectory tenants, WebhookSettings settings, Clock clock) {
        this.mongo = mongo;
        this.targets = targets;
        this.tenants = tenants;
        this.settings = settings;
        this.clock = clock;
    }

    Subscription create(CallerIdentity caller, NewSubscription request) {
        authorize(caller, true);
        if (request == null) {
            throw ProblemException.invalid("body", "is required");
        }
        var url = targets.check(request.url()).toString();
        var types = eventTypes(request.eventTypes());
        if (request.description() != null && request.description().length() > MAX_DESCRIPTION) {
            throw ProblemException.invalid("description", "is longer than " + MAX_DESCRIPTION + " characters");
        }
        if (active(caller.tenant()).size() >= settings.maxSubscriptionsPerTenant()) {
            throw ProblemException.conflict(
                    "subscription-limit",
                    "The tenant has " + settings.maxSubscriptionsPerTenant()
                            + " active subscriptions already; delete one first.");
        }
        var subscription = new Subscription(
                DocumentIds.next(),
                caller.tenant(),
                List.copyOf(caller.regions()),
                List.copyOf(caller.sites()),
                url,
                types,
                request.description(),
                Signatures.newSecret(),
                true,
                caller.subject(),
                clock.instant(),
                null);
        return mongo.insert(subscription);
    }

    List<Subscription> list(CallerIdentity caller) {
        authorize(caller, false);
        return active(caller.tenant()).stream().filter(s -> visible(caller, s)).toList();
    }

    Subscription get(CallerIdentity caller, String id) {
        authorize(caller, false);
        return find(caller, id);
    }

    /** A subscription the caller may change (scope {@code webhooks:write} or a webhook admin role). */
    Subscription manage(CallerIdentity caller, String id) {
        authorize(caller, true);
        return find(caller, id);
    }

    void delete(CallerIdentity caller, String id) {
        mongo.save(manage(caller, id).deactivated(clock.instant()));
    }

    /** The tenant's active subscriptions (a handful per tenant; read by the fan-out). */
    List<Subscription> active(String tenant) {
        return mongo.find(
                new Query(Criteria.where("tenant").is(tenant).and("active").is(true)), Subscription.class);
    }

    Subscription byId(String id) {
        return mongo.findById(id, Subscription.class);
    }

    private Subscription find(CallerIdentity caller, String id) {
        var s = mongo.findById(id, Subscription.class);
        if (s == null || !s.active() || !s.tenant().equals(caller.tenant()) || !visible(caller, s)) {
            throw ProblemException.notFound("subscription", id);
        }
        return s;
    }

    /** Inside the caller's scope: its regions and sites are among the caller's (empty = all). */
    private static boolean visible(CallerIdentity caller, Subscription s) {
        return within(caller.regions(), s.regions()) && within(caller.sites(), s.sites());
    }

    private static boolean within(java.util.Set<String> allowed, List<String> asked) {
        return allowed.isEmpty() || (!asked.isEmpty() && allowed.containsAll(asked));
    }

    private void authorize(CallerIdentity caller, boolean write) {
        switch (caller.kind()) {
            case PARTNER -> {
                var scope = write ? "webhooks:write" : "webhooks:read";
                if (!caller.hasScope(scope)) {
                    throw ProblemException.forbidden("Scope " + scope + " is required.");
                }
            }
            case STAFF -> {
                var preset = tenants.find(caller.tenant()).map(t -> t.preset()).orElse("");
                var roles = settings.adminRoles().getOrDefault(preset, List.of());
                if (!caller.hasAnyRole(roles)) {
                    throw ProblemException.forbidden(
                            "Webhook subscriptions are managed by partner keys and by " + roles + ".");
                }
            }
            default -> throw ProblemException.forbidden("Webhook subscriptions are managed by partners and staff.");
        }
    }

    private static List<String> eventTypes(List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            throw ProblemException.invalid("eventTypes", "names at least one of " + PartnerEvent.wireNames());
        }
        var problems = new ArrayList<ProblemException.FieldProblem>();
        var seen = new HashSet<String>();
        var types = new ArrayList<String>();
        for (var i = 0; i < requested.size(); i++) {
            var type = requested.get(i);
            if (type == null || PartnerEvent.ofWire(type).isEmpty()) {
                problems.add(new ProblemException.FieldProblem(
                        "eventTypes[" + i + "]", "is not an event type: one of " + PartnerEvent.wireNames()));
            } else if (seen.add(type)) {
                types.add(type);
            }
        }
        if (!problems.isEmpty()) {
            throw new ProblemException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "validation-failed",
                    "The request is not valid: unknown event types",
                    problems);
        }
        return List.copyOf(types);
    }
}
