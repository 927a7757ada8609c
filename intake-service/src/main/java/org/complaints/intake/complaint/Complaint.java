package org.complaints.intake.complaint;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.complaints.support.delivery.Delivery;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The complaint as filed. Lifecycle: created {@code OPEN} with routing {@code PENDING} and an
 * {@code open-case} delivery in the same write; {@code ROUTED} once routing acknowledged (case id,
 * owner, deadlines copied here); from then on {@link #status} follows the case through the
 * case-state events routing sends (IN_PROGRESS, RESOLVED, CLOSED, NOT_ESTABLISHED, SECOND_HANDLING; see
 * {@link CaseStatus}), applied only when their sequence is higher than {@link #caseSequence};
 * {@code NOT_ESTABLISHED} also when a handler here finds it not valid (LC-31), still archived;
 * archived when its case ends (CLOSED or NOT_ESTABLISHED, {@link #archivedAt}), kept for the tenant's
 * retention from then ({@link #retentionUntil}, LC-12 / OT-50: two years), then its personal data
 * is anonymised here and, by orders in the same write, in every other service, unless a legal hold
 * stops it (ADR 0522).
 *
 * <p>{@link #receivedAt} is when the customer complained (given by the caller or now),
 * {@link #createdAt} when it was recorded here (shown as {@code recordedAt}).
 *
 * <p>Hot paths reach a complaint by key only (ADR 0106): by {@code _id}, by the unique
 * (tenant, idempotencyKey) index, and every conditional write by the unique ({@code _id}, version)
 * index, because the embedded store serves nothing else without scanning. The other compound
 * indexes serve real MongoDB.
 */
@Document("complaints")
@CompoundIndex(name = "idempotency", def = "{'tenant': 1, 'idempotencyKey': 1}", unique = true)
@CompoundIndex(name = "id_version", def = "{'_id': 1, 'version': 1}", unique = true)
@CompoundIndex(name = "tenant_created", def = "{'tenant': 1, 'createdAt': -1, '_id': -1}")
@CompoundIndex(name = "site_created", def = "{'tenant': 1, 'site': 1, 'createdAt': -1, '_id': -1}")
@CompoundIndex(name = "region_created", def = "{'tenant': 1, 'region': 1, 'createdAt': -1, '_id': -1}")
@CompoundIndex(name = "channel_created", def = "{'tenant': 1, 'channel': 1, 'createdAt': -1, '_id': -1}")
@CompoundIndex(name = "level_created", def = "{'tenant': 1, 'level': 1, 'createdAt': -1, '_id': -1}")
@CompoundIndex(name = "status_created", def = "{'tenant': 1, 'status': 1, 'createdAt': -1, '_id': -1}")
@CompoundIndex(name = "customer_created", def = "{'tenant': 1, 'customerKey': 1, 'createdAt': -1, '_id': -1}")
@CompoundIndex(name = "vin", def = "{'tenant': 1, 'vehicle.vin': 1}")
@CompoundIndex(name = "order", def = "{'tenant': 1, 'order.orderNumber': 1}")
public class Complaint {

    /** The complaint's status as partners see it; after routing it mirrors the case (ADR 0105). */
    public enum Status {
        OPEN,
        ROUTED,
        IN_PROGRESS,
        RESOLVED,
        CLOSED,
        NOT_ESTABLISHED,
        SECOND_HANDLING
    }

    /**
     * @param valueGrade the customer's value grade from the tenant's rating (OT-04: 大客户, 优质客户,
     *     VIP); the preset says how it raises the attention priority (CP-17)
     */
    public record Customer(String id, String name, String phone, String email, String valueGrade) {}

    /**
     * OT-13 / CP-20: a supervisor's decision on the {@code MALICIOUS_SUSPECTED} flag, kept with who
     * decided (and in which roles), why and when; the flag is never set any other way.
     */
    @io.swagger.v3.oas.annotations.media.Schema(name = "FlagDecision")
    public record FlagDecision(
            String flag, boolean set, String reason, String decidedBy, List<String> roles, Instant decidedAt) {}

    public record Vehicle(String vin, String plate, String model) {}

    public record Product(String sku, String batch, String name) {}

    public record Order(String orderNumber) {}

    @io.swagger.v3.oas.annotations.media.Schema(name = "ComplaintCategory")
    public record Category(
            String subjectType, String lifecycleStage, String responsibleDomain, String responsibilityCategory) {}

    public record Money(BigDecimal amount, String currency) {}

    @io.swagger.v3.oas.annotations.media.Schema(name = "ComplaintDemand")
    public record Demand(String kind, Money amount, String text) {}

    @io.swagger.v3.oas.annotations.media.Schema(name = "ComplaintDeadline")
    public record Deadline(String clock, Instant dueAt, String rule) {}

    /** Routing's answer, copied here so a read needs no call to routing. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "ComplaintRouting")
    public record Routing(
            String status,
            String caseId,
            String state,
            String department,
            String owner,
            List<Deadline> deadlines,
            Instant routedAt) {
        public static Routing pending() {
            return new Routing("PENDING", null, null, null, null, List.of(), null);
        }
    }

    /** LC-31, with the §12 linter's result on the reply to the customer (ADR 0500). */
    @io.swagger.v3.oas.annotations.media.Schema(name = "ComplaintValidity")
    public record Validity(
            boolean valid,
            String reason,
            String reply,
            String decidedBy,
            Instant decidedAt,
            org.complaints.support.text.TextCheck replyCheck) {}

    /**
     * A promise made to the customer (OT-20, §13.3): {@code OPEN} until its owner records it kept
     * or broken, or the promise sweep finds it past {@link #dueAt} and marks it {@code BROKEN}
     * (OT-21). {@link #fulfilledAt} is when it was settled either way; {@link #supervisorRole} is
     * who a broken promise alerts (the preset's supervisor of the owner's role).
     */
    public record Promise(
            String promiseId,
            String text,
            Instant dueAt,
            String owner,
            String status,
            String recordedBy,
            Instant recordedAt,
            Instant fulfilledAt,
            String supervisorRole) {

        public static final String OPEN = "OPEN";
        public static final String KEPT = "KEPT";
        public static final String BROKEN = "BROKEN";

        Promise settled(String outcome, Instant at) {
            return new Promise(promiseId, text, dueAt, owner, outcome, recordedBy, recordedAt, at, supervisorRole);
        }
    }

    /**
     * An agreement compensation signed with the customer on this complaint's case (CP-06), mirrored
     * from compensation's events (ADR 0122): {@code OPEN} until the agreed remedy is delivered
     * ({@code DELIVERED}, final). Only what OT-02 needs to show: no customer data.
     */
    public record Agreement(
            String agreementId,
            String caseId,
            String kind,
            String amount,
            String currency,
            Instant signedAt,
            Instant dueAt,
            String status,
            Instant deliveredAt) {

        public static final String OPEN = "OPEN";
        public static final String DELIVERED = "DELIVERED";

        boolean open() {
            return OPEN.equals(status);
        }
    }

    /** The case's state, level, incident and round as of {@code sequence} (routing's event). */
    public record CaseMirror(
            String caseId, String state, String level, String incidentId, int round, long sequence, Instant at) {}

    public record LevelChange(String from, String to, String by, String reason, Instant at) {}

    @Id
    String id;

    @Version
    Long version;

    String tenant;
    String region;
    String site;
    String channel;
    boolean external;
    String brandTicketNumber;
    Customer customer;
    String customerKey;
    Vehicle vehicle;
    Product product;
    Order order;
    Category category;
    String content;
    Demand demand;
    Instant occurredAt;
    List<String> attachments = new ArrayList<>();
    List<String> flags = new ArrayList<>();
    /** OT-13: every supervisor decision on a flag that needs approval, in order. */
    List<FlagDecision> flagDecisions = new ArrayList<>();
    /** CP-17 / OT-04: the attention priority (1-5) and why; 0 for complaints filed before it existed. */
    int priority;

    List<String> priorityReasons = new ArrayList<>();
    List<String> circumstances = new ArrayList<>();
    int urgingCallsWithinHour;
    String level;
    String computedLevel;
    List<String> levelReasons = new ArrayList<>();
    List<LevelChange> levelChanges = new ArrayList<>();
    String receiver;
    String receiverKind;
    Status status = Status.OPEN;
    Validity validity;
    Routing routing = Routing.pending();
    /** The case as routing last reported it (case-state events); null until the first event. */
    CaseMirror caseMirror;
    /** Highest case-state sequence applied; events with a lower or equal one are replays. */
    long caseSequence;

    List<String> linkedComplaints = new ArrayList<>();
    boolean repeat;
    int complaintsInWindow;
    List<Promise> promises = new ArrayList<>();
    /** Agreements of this complaint's case, mirrored from compensation (OT-02, ADR 0122). */
    List<Agreement> agreements = new ArrayList<>();

    /** When the case ended and the record went to the archive (LC-12); null while it is handled. */
    Instant archivedAt;

    @Indexed
    Instant retentionUntil;

    boolean legalHold;
    String legalHoldReason;
    boolean anonymised;
    Instant anonymisedAt;
    String idempotencyKey;
    String requestHash;
    Instant receivedAt;
    Instant createdAt;
    List<Delivery> deliveries = new ArrayList<>();

    public String id() {
        return id;
    }

    public String tenant() {
        return tenant;
    }

    /** The case routing opened for this complaint; null while routing is pending. */
    public String caseId() {
        return routing == null ? null : routing.caseId();
    }

    /**
     * LC-12 / OT-50: the personal data goes, the statistics stay (channel, level, site, dates,
     * category, the case link): customer, contact details, content, the customer's words in the
     * demand and in replies, attachments, the plate, promises.
     */
    void anonymise(String redacted, Instant at) {
        customer = new Customer(null, redacted, null, null, customer == null ? null : customer.valueGrade());
        customerKey = null;
        content = redacted;
        demand = demand == null ? null : new Demand(demand.kind(), demand.amount(), null);
        attachments = new ArrayList<>();
        vehicle = vehicle == null ? null : new Vehicle(vehicle.vin(), null, vehicle.model());
        promises = new ArrayList<>();
        validity = validity == null
                ? null
                : new Validity(
                        validity.valid(),
                        validity.reason(),
                        null,
                        validity.decidedBy(),
                        validity.decidedAt(),
                        validity.replyCheck());
        anonymised = true;
        anonymisedAt = at;
    }
}
