package org.complaints.routing.webhooks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import org.complaints.support.delivery.Delivery;
import org.complaints.support.delivery.DeliveryHandler;
import org.complaints.support.delivery.DeliveryRefused;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Sends the head of a stream to its subscription's URL, the Standard Webhooks way: headers
 * {@code webhook-id} (stable per subscription and event, for the receiver to de-duplicate),
 * {@code webhook-timestamp} (this attempt, seconds) and {@code webhook-signature}. A 2xx
 * acknowledges it and the next event becomes due; anything else fails the attempt and the webhook
 * relay backs off (ADR 0262); 410 Gone, or a target no longer allowed, parks it at once. Redirects
 * are not followed (they could lead to an address the target check would refuse). Runs on the
 * webhook relay's scheduled thread, never on a request thread.
 */
class Sender implements DeliveryHandler {

    private final MongoTemplate mongo;
    private final Subscriptions subscriptions;
    private final Streams streams;
    private final Targets targets;
    private final HttpClient http;
    private final Duration readTimeout;
    private final Clock clock;
    private final Counter delivered;
    private final Counter failed;

    Sender(
            MongoTemplate mongo,
            Subscriptions subscriptions,
            Streams streams,
            Targets targets,
            WebhookSettings settings,
            Clock clock,
            MeterRegistry meters) {
        this.mongo = mongo;
        this.subscriptions = subscriptions;
        this.streams = streams;
        this.targets = targets;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.readTimeout = settings.readTimeout();
        this.clock = clock;
        this.delivered = Counter.builder("complaints.webhooks.deliveries")
                .description("Webhook attempts by outcome")
                .tag("outcome", "acknowledged")
                .register(meters);
        this.failed = Counter.builder("complaints.webhooks.deliveries")
                .description("Webhook attempts by outcome")
                .tag("outcome", "failed")
                .register(meters);
    }

    @Override
    public String kind() {
        return Streams.SEND;
    }

    @Override
    public void deliver(String streamId, Delivery delivery) throws Exception {
        var stream = mongo.findById(streamId, Stream.class);
        if (stream == null) {
            return;
        }
        var head = stream.head();
        if (head == null || !head.webhookId().equals(delivery.eventId())) {
            if (stream.pending.stream().anyMatch(p -> p.webhookId().equals(delivery.eventId()))) {
                throw new IllegalStateException("not the head of its stream; sent in its turn");
            }
            return; // acknowledged already
        }
        var subscription = subscriptions.byId(stream.subscriptionId);
        if (subscription == null || !subscription.active()) {
            streams.drop(stream);
            return;
        }
        targets.checkAtSend(subscription.url());
        var status = post(subscription, head);
        if (status / 100 != 2) {
            failed.increment();
            if (status == 410) {
                throw new DeliveryRefused(status, "the receiver answered 410 Gone");
            }
            throw new IOException("the receiver answered HTTP " + status);
        }
        delivered.increment();
        streams.acknowledged(stream, head);
    }

    private int post(Subscription subscription, Stream.Pending event) throws IOException, InterruptedException {
        var timestamp = clock.instant().getEpochSecond();
        var request = HttpRequest.newBuilder(URI.create(subscription.url()))
                .timeout(readTimeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "complaints-webhooks/1")
                .header("webhook-id", event.webhookId())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header(
                        "webhook-signature",
                        Signatures.sign(subscription.secret(), event.webhookId(), timestamp, event.body()))
                .POST(HttpRequest.BodyPublishers.ofString(event.body()))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            failed.increment();
            throw e;
        }
    }
}
