package org.complaints.support.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Delivers the {@link Delivery} entries of one collection's documents (array field
 * {@value #FIELD}). Due entries are found through an index on {@code deliveries.due} and claimed
 * with a conditional update (the due time moves forward by a lease), so several replicas never send
 * the same entry at the same time; a failure backs off exponentially and a success removes the
 * entry. Receivers de-duplicate by the delivery id, which makes a resend after a crash harmless.
 */
public class DeliveryRelay {

    public static final String FIELD = "deliveries";
    private static final Logger log = LoggerFactory.getLogger(DeliveryRelay.class);

    private final MongoTemplate mongo;
    private final String collection;
    private final Map<String, DeliveryHandler> handlers;
    private final Clock clock;
    private final Duration lease;
    private final Duration maxBackoff;
    private final Counter failures;

    public DeliveryRelay(
            MongoTemplate mongo,
            String collection,
            List<DeliveryHandler> handlers,
            Clock clock,
            MeterRegistry meters,
            String service) {
        this.mongo = mongo;
        this.collection = collection;
        this.handlers = handlers.stream()
                .flatMap(h -> h.kinds().stream().map(kind -> Map.entry(kind, h)))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        this.clock = clock;
        this.lease = Duration.ofSeconds(30);
        this.maxBackoff = Duration.ofMinutes(5);
        this.failures = Counter.builder("complaints.relay.failures")
                .description("Deliveries to another service that failed and will be retried")
                .tag("service", service)
                .tag("kind", collection)
                .register(meters);
        Gauge.builder("complaints.relay.backlog", this, DeliveryRelay::backlog)
                .description("Documents with at least one undelivered message")
                .tag("service", service)
                .tag("kind", collection)
                .register(meters);
        mongo.indexOps(collection).createIndex(new Index().on(FIELD + ".due", Sort.Direction.ASC));
    }

    /** Sends up to {@code max} due deliveries; returns how many were acknowledged. */
    public int relayDue(int max) {
        var now = clock.instant();
        var query = new Query(Criteria.where(FIELD + ".due").lte(now)).limit(max);
        query.fields().include(FIELD);
        var delivered = 0;
        for (var document : mongo.find(query, Document.class, collection)) {
            var id = document.get("_id");
            for (var entry : document.getList(FIELD, Document.class, List.of())) {
                if (entry.getDate("due").toInstant().isAfter(now)) {
                    continue;
                }
                if (claim(id, entry) && send(id, entry)) {
                    delivered++;
                }
            }
        }
        return delivered;
    }

    public long backlog() {
        return mongo.count(new Query(Criteria.where(FIELD + ".0").exists(true)), collection);
    }

    /**
     * Moves the entry's due time forward by the lease with a compare-and-set on the whole array, so
     * exactly one replica wins; positional updates would be tidier but are not portable to the
     * embedded test server.
     */
    private boolean claim(Object id, Document entry) {
        return replaceEntry(
                id,
                entry.getString("eventId"),
                e -> e.append("due", date(clock.instant().plus(lease))));
    }

    private boolean send(Object id, Document entry) {
        var delivery = new Delivery(
                entry.getString("eventId"),
                entry.getString("kind"),
                entry.getDate("due").toInstant(),
                entry.getInteger("attempts", 0),
                entry.getString("lastError"));
        var handler = handlers.get(delivery.kind());
        try {
            if (handler == null) {
                throw new IllegalStateException("no handler for " + delivery.kind());
            }
            handler.deliver(id.toString(), delivery);
            mongo.updateFirst(
                    new Query(Criteria.where("_id").is(id)),
                    new Update().pull(FIELD, new Document("eventId", delivery.eventId())),
                    collection);
            return true;
        } catch (Exception e) {
            failures.increment();
            var attempts = delivery.attempts() + 1;
            var backoff = backoff(attempts);
            log.warn(
                    "delivery {} failed (attempt {}), retry in {}: {}",
                    delivery.kind(),
                    attempts,
                    backoff,
                    rootCause(e));
            // If this loses a race the lease simply expires and the entry is tried again.
            replaceEntry(
                    id,
                    delivery.eventId(),
                    d -> d.append("due", date(clock.instant().plus(backoff)))
                            .append("attempts", attempts)
                            .append("lastError", truncate(e.getMessage())));
            return false;
        }
    }

    private boolean replaceEntry(Object id, String deliveryId, java.util.function.UnaryOperator<Document> change) {
        var current = mongo.findById(id, Document.class, collection);
        if (current == null) {
            return false;
        }
        var before = current.getList(FIELD, Document.class, List.of());
        var after = before.stream()
                .map(e -> deliveryId.equals(e.getString("eventId")) ? change.apply(new Document(e)) : e)
                .toList();
        var filter = new Query(Criteria.where("_id").is(id).and(FIELD).is(before));
        return mongo.updateFirst(filter, new Update().set(FIELD, after), collection)
                        .getModifiedCount()
                == 1;
    }

    private static java.util.Date date(java.time.Instant instant) {
        return java.util.Date.from(instant);
    }

    /** The innermost cause's type and first line: the wrappers (breaker, Feign) say little. */
    private static String rootCause(Throwable e) {
        var root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        var message = root.getMessage() == null
                ? ""
                : root.getMessage().lines().findFirst().orElse("");
        return root.getClass().getSimpleName() + ": " + (message.length() > 160 ? message.substring(0, 160) : message);
    }

    private Duration backoff(int attempts) {
        var seconds = Math.min(maxBackoff.toSeconds(), 1L << Math.min(attempts, 20));
        return Duration.ofSeconds(seconds);
    }

    private static String truncate(String message) {
        if (message == null) {
            return "failed";
        }
        return message.length() > 200 ? message.substring(0, 200) : message;
    }
}
