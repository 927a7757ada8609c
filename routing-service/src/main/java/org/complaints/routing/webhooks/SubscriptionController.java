package org.complaints.routing.webhooks;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.complaints.support.identity.CallerIdentity;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /webhooks/subscriptions} (public as {@code /api/v1/webhooks/subscriptions}): register (201,
 * with the signing secret, shown this once), list, read and delete (204) a tenant's subscriptions.
 */
@RestController
@Tag(
        name = "Webhook subscriptions",
        description = "Partner webhooks (routing-service): case events signed per Standard Webhooks, ADR 0260.")
class SubscriptionController {

    private final Subscriptions subscriptions;
    private final Deliveries deliveries;

    SubscriptionController(Subscriptions subscriptions, Deliveries deliveries) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
    }

    /** A subscription as its readers see it; {@code secret} only in the answer that created it. */
    @Schema(name = "WebhookSubscription")
    record View(
            String id,
            String url,
            List<String> eventTypes,
            List<String> regions,
            List<String> sites,
            String description,
            boolean active,
            Instant createdAt,
            String secret) {

        static View of(Subscription s, boolean withSecret) {
            return new View(
                    s.id(),
                    s.url(),
                    s.eventTypes(),
                    s.regions(),
                    s.sites(),
                    s.description(),
                    s.active(),
                    s.createdAt(),
                    withSecret ? s.secret() : null);
        }
    }

    @Schema(name = "WebhookSubscriptionList")
    record Page(List<View> items) {}

    @Schema(name = "ParkedWebhookDeliveryList")
    record ParkedPage(List<Deliveries.ParkedDelivery> items) {}

    @Operation(
            operationId = "createWebhookSubscription",
            summary = "Register a webhook subscription; the answer (201) carries its signing secret, shown this once")
    @ApiResponse(responseCode = "201", description = "Registered")
    @PostMapping(value = "/webhooks/subscriptions", consumes = "application/json")
    ResponseEntity<View> create(CallerIdentity caller, @RequestBody Subscriptions.NewSubscription request) {
        var created = subscriptions.create(caller, request);
        return ResponseEntity.created(URI.create("/webhooks/subscriptions/" + created.id()))
                .body(View.of(created, true));
    }

    @Operation(operationId = "listWebhookSubscriptions", summary = "The caller's tenant's subscriptions")
    @GetMapping("/webhooks/subscriptions")
    Page list(CallerIdentity caller) {
        return new Page(
                subscriptions.list(caller).stream().map(s -> View.of(s, false)).toList());
    }

    @Operation(operationId = "getWebhookSubscription", summary = "One subscription, without its secret")
    @GetMapping("/webhooks/subscriptions/{id}")
    View get(CallerIdentity caller, @PathVariable String id) {
        return View.of(subscriptions.get(caller, id), false);
    }

    @Operation(
            operationId = "deleteWebhookSubscription",
            summary = "Deactivate a subscription (204); its pending events are dropped")
    @ApiResponse(responseCode = "204", description = "Deactivated")
    @DeleteMapping("/webhooks/subscriptions/{id}")
    ResponseEntity<Void> delete(CallerIdentity caller, @PathVariable String id) {
        subscriptions.delete(caller, id);
        return ResponseEntity.noContent().build();
    }

    @Operation(
            operationId = "listParkedWebhookDeliveries",
            summary = "Deliveries of this subscription that were parked after 24 hours of retries or a refusal"
                    + " (410 Gone); later events of the same case wait behind them")
    @GetMapping("/webhooks/subscriptions/{id}/deliveries/parked")
    ParkedPage parked(CallerIdentity caller, @PathVariable String id) {
        return new ParkedPage(deliveries.parked(caller, id));
    }

    @Operation(
            operationId = "redeliverWebhookDelivery",
            summary = "Send a parked delivery again (202): same webhook-id and body, a fresh retry budget;"
                    + " the case's later events follow it in order")
    @ApiResponse(responseCode = "202", description = "Due now; the webhook relay sends it within seconds")
    @PostMapping("/webhooks/subscriptions/{id}/deliveries/{webhookId}/redeliver")
    ResponseEntity<Void> redeliver(CallerIdentity caller, @PathVariable String id, @PathVariable String webhookId) {
        deliveries.redeliver(caller, id, webhookId);
        return ResponseEntity.accepted()
                .location(URI.create("/webhooks/subscriptions/" + id + "/deliveries/parked"))
                .build();
    }
}
