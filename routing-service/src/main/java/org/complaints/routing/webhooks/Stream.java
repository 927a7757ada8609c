package org.complaints.routing.webhooks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.complaints.support.delivery.Delivery;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What one subscription still has to receive of one case, in sequence order (ADR 0260): the
 * {@code pending} events, each with its signed body fixed, and at most one {@link Delivery} in
 * {@code deliveries}, for the head, which the webhook relay sends, backs off and parks like any other
 * (ADR 0002, 0006). The next event gets its delivery only once the head is acknowledged, so a
 * receiver never sees event n+1 before n. {@code queuedThrough} is the case's last sequence number
 * already considered, so a repeated fan-out adds nothing twice. Changed only by updates conditional on
 * {@code version} (the unique (_id, version) index serves them by key on the embedded store).
 */
@Document(Stream.COLLECTION)
@CompoundIndex(name = "id_version", def = "{'_id': 1, 'version': 1}", unique = true)
class Stream {

    static final String COLLECTION = "webhook_streams";

    /** One event as the subscription receives it; {@code webhookId} is stable across attempts. */
    record Pending(String webhookId, long sequence, String type, String body) {}

    @Id
    String id;

    @Version
    Long version;

    String tenant;
    String region;
    String site;
    String subscriptionId;
    String caseId;
    long queuedThrough;
    Instant createdAt;
    List<Pending> pending = new ArrayList<>();
    List<Delivery> deliveries = new ArrayList<>();

    static String id(String subscriptionId, String caseId) {
        return subscriptionId + ":" + caseId;
    }

    static String webhookId(String subscriptionId, String caseId, long sequence) {
        return "msg_" + subscriptionId + "_" + caseId + "_" + sequence;
    }

    Pending head() {
        return pending == null || pending.isEmpty() ? null : pending.getFirst();
    }
}
