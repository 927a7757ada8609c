package org.complaints.support.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
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
 * {@value #FIELD}). A success removes the entry; a transient failure backs off exponentially up to
 * a cap; a permanent refusal (HTTP 4xx other than 408/429), an unknown kind or an entry past its
 * retry budget is <em>parked</em>: it stays in the document with {@code parkedAt} set and no due
 * time, is counted ({@code complaints.relay.parked}, {@code complaints.relay.parkings}) and waits
 * for an operator's {@link #replay}. Nothing is retried forever and nothing is dropped (ADR 0006).
 *
 * <p>Finding due work (ADR 0007): against a real MongoDB the {@code deliveries.due} index answers
 * the poll and a claim (compare-and-set of the entry's due time) keeps replicas from sending the
 * same entry at once. The embedded server ignores that index, so there the relay keeps an
 * in-memory list of the documents that carry deliveries, fed by every save of the owning service
 * ({@link #noteSaved}) and rebuilt by one scan at start (and a rare rescan); a poll then loads only
 * those documents, by {@code _id}. All state stays in the documents, so a {@code kill -9} loses
 * nothing: the start-up scan finds it again. Receivers de-duplicate by the event id, which makes a
 * resend after a crash harmless.
 */
public class DeliveryRelay {

    public static final String FIELD = "deliveries";
    private static final Logger log = LoggerFactory.getLogger(DeliveryRelay.class);

    private final MongoTemplate mongo;
    private final String collection;
    private final Map<String, DeliveryHandler> handlers;
    private final Clock clock;
    private final Counter failures;
    private final Counter parkings;
    private volatile RelaySettings settings;

    /** Hinted mode: documents known to carry deliveries, by id. Values are replaced, never mutated. */
    private final Map<Object, Pending> hints = new ConcurrentHashMap<>();

    /** Settings read from {@code <prefix>.*} instead of {@code complaints.relay.*}, and a schedule of its own. */
    private volatile String ownSettings;

    private Instant lastScan;
    private volatile long indexedBacklog;
    private volatile long indexedParked;

    /**
     * What one document still owes: the earliest due unparked entry, how many wait, how many are
     * parked. {@code stamp} makes every hint distinct, so a poll's conditional removal never takes
     * out an equal-looking hint that a write of the handler itself put in meanwhile.
     */
    record Pending(Instant nextDue, int waiting, int parked, long stamp) {}

    private static final java.util.concurrent.atomic.AtomicLong STAMPS = new java.util.concurrent.atomic.AtomicLong();

    /** A parked entry as the operator endpoint shows it. */
    public record Parked(
            String documentId,
            String eventId,
            String kind,
            int attempts,
            String lastError,
            Instant firstFailure,
            Instant parkedAt) {}

    public DeliveryRelay(
            MongoTemplate mongo,
            String collection,
            List<DeliveryHandler> handlers,
            Clock clock,
            MeterRegistry meters,
            String service) {
        this(mongo, collection, handlers, clock, meters, service, RelaySettings.defaults());
    }

    public DeliveryRelay(
            MongoTemplate mongo,
            String collection,
            List<DeliveryHandler> handlers,
            Clock clock,
            MeterRegistry meters,
            String service,
            RelaySettings settings) {
        this.mongo = mongo;
        this.collection = collection;
        this.handlers = handlers.stream()
                .flatMap(h -> h.kinds().stream().map(kind -> Map.entry(kind, h)))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        this.clock = clock;
        this.settings = settings;
        this.failures = Counter.builder("complaints.relay.failures")
                .description("Deliveries to another service that failed and will be retried")
                .tag("service", service)
                .tag("kind", collection)
                .register(meters);
        this.parkings = Counter.builder("complaints.relay.parkings")
                .description("Deliveries parked: refused for good or out of retry budget")
                .tag("service", service)
                .tag("kind", collection)
                .register(meters);
        Gauge.builder("complaints.relay.backlog", this, DeliveryRelay::backlog)
                .description("Documents with at least one undelivered, unparked message")
                .tag("service", service)
                .tag("kind", collection)
                .register(meters);
        Gauge.builder("complaints.relay.parked", this, DeliveryRelay::parked)
                .description("Parked deliveries waiting for an operator's replay")
                .tag("service", service)
                .tag("kind", collection)
                .register(meters);
        mongo.indexOps(collection).createIndex(new Index().on(FIELD + ".due", Sort.Direction.ASC));
    }

    /** Applied once at start-up from the {@code complaints.relay.*} settings. */
    public void configure(RelaySettings settings) {
        synchronized (this) {
            this.settings = settings;
            this.lastScan = null;
        }
    }

    public String collection() {
        return collection;
    }

    /**
     * This relay reads its retry settings from {@code prefix.*} (falling back to
     * {@code complaints.relay.*}) and is not run by the shared {@link DeliverySchedule}: its owner
     * schedules it, so slow receivers (partners' webhook endpoints) never hold up the service's
     * other relays.
     */
    public DeliveryRelay withOwnSettings(String prefix) {
        this.ownSettings = prefix;
        return this;
    }

    /** The prefix of this relay's own settings, or null when it follows {@code complaints.relay.*}. */
    public String ownSettings() {
        return ownSettings;
    }

    /** Sends up to {@code max} documents' due deliveries; returns how many were acknowledged. */
    public synchronized int relayDue(int max) {
        var now = clock.instant();
        var hinted = settings.hinted();
        List<Document> documents;
        Map<Object, Pending> before;
        if (hinted) {
            rescanIfDue(now);
            var due = hints.entrySet().stream()
                    .filter(e -> e.getValue().nextDue() != null
                            && !e.getValue().nextDue().isAfter(now))
                    .sorted(Comparator.comparing(e -> e.getValue().nextDue()))
                    .limit(max)
                    .toList();
            before = due.stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            documents = new ArrayList<>();
            for (var e : due) {
                var document = mongo.findById(e.getKey(), Document.class, collection);
                if (document == null) {
                    hints.remove(e.getKey(), e.getValue());
                } else {
                    documents.add(document);
                }
            }
        } else {
            before = Map.of();
            var query = new Query(Criteria.where(FIELD + ".due").lte(now)).limit(max);
            query.fields().include(FIELD);
            documents = mongo.find(query, Document.class, collection);
        }
        var delivered = new AtomicInteger();
        forEachAtOnce(documents, document -> delivered.addAndGet(deliverDue(document, now, hinted, before)));
        if (!hinted) {
            refreshIndexedCounts();
        }
        return delivered.get();
    }

    /** Sends one document's due entries, one after another; returns how many were acknowledged. */
    private int deliverDue(Document document, Instant now, boolean hinted, Map<Object, Pending> before) {
        var delivered = 0;
        var id = document.get("_id");
        var entries = new ArrayList<>(entries(document));
        for (var i = 0; i < entries.size(); i++) {
            var entry = entries.get(i);
            if (!isDue(entry, now)) {
                continue;
            }
            if (!hinted && !claim(id, entry)) {
                continue;
            }
            var outcome = send(id, entry);
            if (outcome == null) {
                delivered++;
            }
            entries.set(i, outcome);
        }
        if (hinted) {
            var after = pendingOf(entries.stream().filter(e -> e != null).toList());
            var old = before.get(id);
            // Only if no save of the owning service replaced the hint meanwhile.
            if (after == null) {
                hints.remove(id, old);
            } else {
                hints.replace(id, old, after);
            }
        }
        return delivered;
    }

    /**
     * Up to {@link RelaySettings#parallel} documents at once (ADR 0610): each send waits on the
     * receiver's durable write, and documents are independent (receivers de-duplicate by event id
     * and order by their own sequence numbers). The first failure is rethrown once all are done.
     */
    private void forEachAtOnce(List<Document> documents, Consumer<Document> action) {
        var workers = Math.min(settings.parallel(), documents.size());
        if (workers <= 1) {
            documents.forEach(action);
            return;
        }
        var next = new AtomicInteger();
        Runnable worker = () -> {
            for (var i = next.getAndIncrement(); i < documents.size(); i = next.getAndIncrement()) {
                action.accept(documents.get(i));
            }
        };
        var running = new ArrayList<Future<?>>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (var w = 0; w < workers; w++) {
                running.add(executor.submit(worker));
            }
        }
        for (var future : running) {
            try {
                future.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Documents with at least one undelivered, unparked message. */
    public long backlog() {
        if (settings.hinted()) {
            return hints.values().stream().filter(p -> p.waiting() > 0).count();
        }
        return indexedBacklog;
    }

    /** Parked entries (hinted mode) or documents holding parked entries (index mode). */
    public long parked() {
        if (settings.hinted()) {
            return hints.values().stream().mapToLong(Pending::parked).sum();
        }
        return indexedParked;
    }

    /** Called after every save of a document of this collection (the mapping layer's event). */
    public void noteSaved(String savedCollection, Document document) {
        if (!collection.equals(savedCollection) || document == null || !document.containsKey("_id")) {
            return;
        }
        var pending = pendingOf(entries(document));
        if (pending == null) {
            hints.remove(document.get("_id"));
        } else {
            hints.put(document.get("_id"), pending);
        }
    }

    /** The parked entries of one tenant's documents. */
    public List<Parked> parkedOf(String tenant) {
        List<Document> documents;
        var parked = Criteria.where(FIELD).elemMatch(Criteria.where("parkedAt").ne(null));
        if (settings.hinted()) {
            var ids = hints.entrySet().stream()
                    .filter(e -> e.getValue().parked() > 0)
                    .map(Map.Entry::getKey)
                    .toList();
            documents = ids.isEmpty()
                    ? List.of()
                    : mongo.find(new Query(Criteria.where("_id").in(ids)), Document.class, collection);
        } else {
            documents = mongo.find(
                    new Query(Criteria.where("tenant").is(tenant).andOperator(parked)), Document.class, collection);
        }
        var result = new ArrayList<Parked>();
        for (var document : documents) {
            if (!tenant.equals(document.getString("tenant"))) {
                continue;
            }
            for (var entry : entries(document)) {
                if (entry.parkedAt() != null) {
                    result.add(new Parked(
                            String.valueOf(document.get("_id")),
                            entry.eventId(),
                            entry.kind(),
                            entry.attempts(),
                            entry.lastError(),
                            entry.since(),
                            entry.parkedAt()));
                }
            }
        }
        result.sort(Comparator.comparing(Parked::parkedAt));
        return result;
    }

    /**
     * Makes a parked entry due now with a fresh budget. False when the document is not this
     * tenant's or holds no such parked entry.
     */
    public synchronized boolean replay(String tenant, String documentId, String eventId) {
        var document = mongo.findById(documentId, Document.class, collection);
        if (document == null || !tenant.equals(document.getString("tenant"))) {
            return false;
        }
        var parked = entries(document).stream().anyMatch(e -> eventId.equals(e.eventId()) && e.parkedAt() != null);
        if (!parked) {
            return false;
        }
        var now = clock.instant();
        var replayed = setEntry(
                document.get("_id"),
                eventId,
                new Update()
                        .set(FIELD + ".$[d].due", Date.from(now))
                        .set(FIELD + ".$[d].attempts", 0)
                        .set(FIELD + ".$[d].since", null)
                        .set(FIELD + ".$[d].parkedAt", null));
        if (replayed) {
            log.info("parked delivery {} of {} replayed by an operator", eventId, collection);
            var reloaded = mongo.findById(document.get("_id"), Document.class, collection);
            if (reloaded != null) {
                noteSaved(collection, reloaded);
            }
        }
        return replayed;
    }

    private void rescanIfDue(Instant now) {
        if (lastScan != null && now.isBefore(lastScan.plus(settings.rescan()))) {
            return;
        }
        lastScan = now;
        var query = new Query(Criteria.where(FIELD + ".0").exists(true));
        query.fields().include(FIELD);
        var found = 0;
        for (var document : mongo.find(query, Document.class, collection)) {
            var pending = pendingOf(entries(document));
            if (pending != null) {
                hints.putIfAbsent(document.get("_id"), pending);
                found++;
            }
        }
        log.info("relay of {}: {} documents with deliveries found by scan", collection, found);
    }

    private void refreshIndexedCounts() {
        indexedBacklog = mongo.count(
                new Query(Criteria.where(FIELD)
                        .elemMatch(Criteria.where("parkedAt").is(null))),
                collection);
        indexedParked = mongo.count(
                new Query(Criteria.where(FIELD)
                        .elemMatch(Criteria.where("parkedAt").ne(null))),
                collection);
    }

    /**
     * Moves the entry's due time forward by the lease, conditional on the due time read, so exactly
     * one replica wins. Only against a real MongoDB: its filter is not by {@code _id} alone.
     */
    private boolean claim(Object id, Delivery entry) {
        var filter = new Query(Criteria.where("_id")
                .is(id)
                .and(FIELD)
                .elemMatch(
                        Criteria.where("eventId").is(entry.eventId()).and("due").is(Date.from(entry.due()))));
        var update = new Update()
                .set(FIELD + ".$[d].due", Date.from(clock.instant().plus(settings.lease())))
                .filterArray(Criteria.where("d.eventId").is(entry.eventId()));
        return mongo.updateFirst(filter, update, collection).getModifiedCount() == 1;
    }

    /** Returns null when acknowledged (the entry is gone), else the entry as it now stands. */
    private Delivery send(Object id, Delivery delivery) {
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
            return null;
        } catch (Exception e) {
            failures.increment();
            var now = clock.instant();
            var attempts = delivery.attempts() + 1;
            var since = delivery.since() == null ? now : delivery.since();
            var error = truncate(rootCause(e));
            var refusal = handler == null ? Integer.valueOf(0) : refusal(e);
            var exhausted = attempts >= settings.maxAttempts() || !now.isBefore(since.plus(settings.maxAge()));
            if (refusal != null || exhausted) {
                var reason = refusal == null
                        ? "retry budget spent after " + attempts + " attempts: " + error
                        : (refusal == 0 ? error : "refused with HTTP " + refusal + ": " + error);
                var parked = setEntry(
                        id,
                        delivery.eventId(),
                        new Update()
                                .set(FIELD + ".$[d].due", null)
                                .set(FIELD + ".$[d].attempts", attempts)
                                .set(FIELD + ".$[d].since", Date.from(since))
                                .set(FIELD + ".$[d].parkedAt", Date.from(now))
                                .set(FIELD + ".$[d].lastError", truncate(reason)));
                if (parked) {
                    parkings.increment();
                }
                log.warn("delivery {} of {} parked for an operator: {}", delivery.kind(), collection, reason);
                return new Delivery(delivery.eventId(), delivery.kind(), null, attempts, reason, since, now);
            }
            var backoff = backoff(attempts);
            log.warn("delivery {} failed (attempt {}), retry in {}: {}", delivery.kind(), attempts, backoff, error);
            var due = now.plus(backoff);
            // If this loses a race the entry is simply tried again.
            setEntry(
                    id,
                    delivery.eventId(),
                    new Update()
                            .set(FIELD + ".$[d].due", Date.from(due))
                            .set(FIELD + ".$[d].attempts", attempts)
                            .set(FIELD + ".$[d].since", Date.from(since))
                            .set(FIELD + ".$[d].lastError", error));
            return new Delivery(delivery.eventId(), delivery.kind(), due, attempts, error, since, null);
        }
    }

    /** Changes one entry in place, addressed by {@code _id} and an array filter on its event id. */
    private boolean setEntry(Object id, String eventId, Update update) {
        update.filterArray(Criteria.where("d.eventId").is(eventId));
        return mongo.updateFirst(new Query(Criteria.where("_id").is(id)), update, collection)
                        .getModifiedCount()
                == 1;
    }

    /**
     * The HTTP status of a permanent refusal (4xx other than 408 and 429) anywhere in the cause
     * chain, or null for a transient failure.
     */
    static Integer refusal(Throwable e) {
        for (var t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DeliveryRefused refused) {
                return refused.status();
            }
            if (t instanceof feign.FeignException feign) {
                var status = feign.status();
                return status >= 400 && status < 500 && status != 408 && status != 429 ? status : null;
            }
        }
        return null;
    }

    private static boolean isDue(Delivery entry, Instant now) {
        return entry.parkedAt() == null && entry.due() != null && !entry.due().isAfter(now);
    }

    private static Pending pendingOf(List<Delivery> entries) {
        Instant next = null;
        var waiting = 0;
        var parked = 0;
        for (var entry : entries) {
            if (entry.parkedAt() != null) {
                parked++;
                continue;
            }
            waiting++;
            var due = entry.due() == null ? Instant.EPOCH : entry.due();
            if (next == null || due.isBefore(next)) {
                next = due;
            }
        }
        return waiting == 0 && parked == 0 ? null : new Pending(next, waiting, parked, STAMPS.incrementAndGet());
    }

    private static List<Delivery> entries(Document document) {
        var raw = document.get(FIELD);
        if (!(raw instanceof List<?> list)) {
            return List.of();
        }
        var entries = new ArrayList<Delivery>();
        for (var item : list) {
            if (item instanceof Delivery delivery) {
                entries.add(delivery);
            } else if (item instanceof Document d) {
                entries.add(new Delivery(
                        d.getString("eventId"),
                        d.getString("kind"),
                        instant(d.get("due")),
                        d.getInteger("attempts", 0),
                        d.getString("lastError"),
                        instant(d.get("since")),
                        instant(d.get("parkedAt"))));
            }
        }
        return entries;
    }

    private static Instant instant(Object value) {
        return switch (value) {
            case Date date -> date.toInstant();
            case Instant instant -> instant;
            case null, default -> null;
        };
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
        var seconds = Math.min(settings.maxBackoff().toSeconds(), 1L << Math.min(attempts, 20));
        return Duration.ofSeconds(seconds);
    }

    private static String truncate(String message) {
        if (message == null) {
            return "failed";
        }
        return message.length() > 200 ? message.substring(0, 200) : message;
    }
}
