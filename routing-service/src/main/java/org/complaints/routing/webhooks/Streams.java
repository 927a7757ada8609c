package org.complaints.routing.webhooks;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.complaints.routing.cases.Case;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.event.AfterSaveEvent;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.json.JsonMapper;

/**
 * The per-(subscription, case) streams (ADR 0260): {@link #append} queues a case's new events for
 * one subscription, {@link #acknowledged} moves the head on, {@link #drop} empties a stream whose
 * subscription is gone. Every change is conditional on the stream's version and retried on a lost
 * race; after each, the relays are told of the document as a mapped save would tell them, so a
 * hinted relay (embedded store, ADR 0007) sees the new head without a scan.
 */
class Streams {

    static final String SEND = "webhook";
    private static final int ATTEMPTS = 10;

    private final MongoTemplate mongo;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final Clock clock;

    Streams(MongoTemplate mongo, ApplicationEventPublisher events, JsonMapper json, Clock clock) {
        this.mongo = mongo;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    /** Queues the case's events after the stream's {@code queuedThrough} that the subscription wants. */
    void append(Subscription subscription, Case c) {
        var id = Stream.id(subscription.id(), c.id());
        for (var attempt = 0; attempt < ATTEMPTS; attempt++) {
            var stream = mongo.findById(id, Stream.class);
            var after = stream == null ? 0 : stream.queuedThrough;
            var fresh = c.published().stream().filter(e -> e.sequence() > after).toList();
            if (fresh.isEmpty()) {
                return;
            }
            var through = fresh.getLast().sequence();
            var wanted = fresh.stream()
                    .filter(subscription::wants)
                    .map(e -> pending(subscription, c, e))
                    .toList();
            var now = clock.instant();
            if (stream == null) {
                var created = new Stream();
                created.id = id;
                created.tenant = c.tenant();
                created.region = c.region();
                created.site = c.site();
                created.subscriptionId = subscription.id();
                created.caseId = c.id();
                created.queuedThrough = through;
                created.createdAt = now;
                created.pending = new ArrayList<>(wanted);
                created.deliveries = wanted.isEmpty()
                        ? new ArrayList<>()
                        : new ArrayList<>(List.of(new org.complaints.support.delivery.Delivery(
                                wanted.getFirst().webhookId(), SEND, now, 0, null)));
                try {
                    mongo.insert(created);
                    return;
                } catch (DuplicateKeyException raced) {
                    continue;
                }
            }
            var update = new Update().set("queuedThrough", through).inc("version", 1);
            if (!wanted.isEmpty()) {
                update.push("pending")
                        .each(wanted.stream().map(Streams::document).toArray());
                if (stream.head() == null) {
                    update.set("deliveries", List.of(delivery(wanted.getFirst().webhookId(), now)));
                }
            }
            if (changed(stream, update)) {
                return;
            }
        }
        throw new IllegalStateException("webhook stream " + id + " kept changing; the fan-out is retried");
    }

    /** The head was acknowledged: it leaves the stream and the next event, if any, is due now. */
    void acknowledged(Stream stream, Stream.Pending head) {
        var current = stream;
        for (var attempt = 0; attempt < ATTEMPTS; attempt++) {
            if (current == null
                    || current.head() == null
                    || !current.head().webhookId().equals(head.webhookId())) {
                return;
            }
            var next = current.pending.size() > 1 ? current.pending.get(1) : null;
            var update = new Update()
                    .pull("pending", new org.bson.Document("webhookId", head.webhookId()))
                    .set("deliveries", next == null ? List.of() : List.of(delivery(next.webhookId(), clock.instant())))
                    .inc("version", 1);
            if (changed(current, update)) {
                return;
            }
            current = mongo.findById(current.id, Stream.class);
        }
        throw new IllegalStateException("webhook stream " + stream.id + " kept changing; the head is sent again");
    }

    /** The subscription is gone: nothing of this stream is sent any more. */
    void drop(Stream stream) {
        var current = stream;
        for (var attempt = 0; attempt < ATTEMPTS && current != null; attempt++) {
            var update = new Update()
                    .set("pending", List.of())
                    .set("deliveries", List.of())
                    .inc("version", 1);
            if (changed(current, update)) {
                return;
            }
            current = mongo.findById(current.id, Stream.class);
        }
    }

    /** Applies the update if the stream is still at the version read, then tells the relays. */
    private boolean changed(Stream stream, Update update) {
        var written = mongo.updateFirst(
                        new Query(Criteria.where("_id")
                                .is(stream.id)
                                .and("version")
                                .is(stream.version)),
                        update,
                        Stream.class)
                .getModifiedCount();
        if (written != 1) {
            return false;
        }
        var saved = mongo.findById(stream.id, org.bson.Document.class, Stream.COLLECTION);
        if (saved != null) {
            events.publishEvent(new AfterSaveEvent<>(saved, saved, Stream.COLLECTION));
        }
        return true;
    }

    /** The event as this subscription receives it: the body is fixed now, so every attempt signs the same bytes. */
    private Stream.Pending pending(Subscription subscription, Case c, Case.PublishedEvent e) {
        var data = new LinkedHashMap<String, Object>();
        data.put("caseId", c.id());
        data.put("complaintId", c.complaintId());
        data.put("tenant", c.tenant());
        data.put("region", c.region());
        data.put("site", c.site());
        data.putAll(e.data() == null ? Map.of() : e.data());
        var body = new LinkedHashMap<String, Object>();
        body.put("type", e.type());
        body.put("timestamp", e.occurredAt().toString());
        body.put("sequence", e.sequence());
        body.put("data", data);
        return new Stream.Pending(
                Stream.webhookId(subscription.id(), c.id(), e.sequence()),
                e.sequence(),
                e.type(),
                json.writeValueAsString(body));
    }

    private static org.bson.Document document(Stream.Pending p) {
        return new org.bson.Document("webhookId", p.webhookId())
                .append("sequence", p.sequence())
                .append("type", p.type())
                .append("body", p.body());
    }

    private static org.bson.Document delivery(String webhookId, Instant due) {
        return new org.bson.Document("eventId", webhookId)
                .append("kind", SEND)
                .append("due", Date.from(due))
                .append("attempts", 0);
    }
}
