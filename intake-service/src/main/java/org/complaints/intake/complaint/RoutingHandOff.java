package org.complaints.intake.complaint;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.complaints.intake.routing.CaseEvent;
import org.complaints.intake.routing.OpenCaseRequest;
import org.complaints.intake.routing.RoutingClient;
import org.complaints.support.delivery.Delivery;
import org.complaints.support.delivery.DeliveryHandler;
import org.complaints.support.delivery.DeliveryRelay;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.identity.CurrentCaller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Hands complaints to routing. The first attempt runs inline so the caller usually gets case id,
 * owner and deadlines at once; when routing is down or slow the complaint stays {@code PENDING}
 * and its {@code open-case} delivery is retried by the relay until routing acknowledges. Routing
 * opens at most one case per complaint id, so a retry never duplicates.
 */
@Component
public class RoutingHandOff {

    public static final String OPEN_CASE = "open-case";
    public static final String NOT_ESTABLISHED = "not-established";
    /** LC-31 found valid: routing records it (CM-04 liability waits for it). */
    public static final String VALID = "validity-confirmed";

    private static final Logger log = LoggerFactory.getLogger(RoutingHandOff.class);

    private final RoutingClient routing;
    private final MongoTemplate mongo;
    private final Clock clock;

    RoutingHandOff(RoutingClient routing, MongoTemplate mongo, Clock clock) {
        this.routing = routing;
        this.mongo = mongo;
        this.clock = clock;
    }

    /**
     * Tries once now. Returns the complaint as stored with routing's answer (the complaint as given
     * when it is no longer stored), or empty when the work is left to the relay.
     */
    Optional<Complaint> tryInline(Complaint complaint) {
        var delivery = complaint.deliveries.stream()
                .filter(d -> d.kind().equals(OPEN_CASE))
                .findFirst();
        if (delivery.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(openCase(complaint, delivery.get()).orElse(complaint));
        } catch (RuntimeException e) {
            log.info(
                    "routing not reachable for a new complaint, relay will retry: {}",
                    e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    DeliveryHandler openCaseHandler() {
        return new DeliveryHandler() {
            @Override
            public String kind() {
                return OPEN_CASE;
            }

            @Override
            public void deliver(String complaintId, Delivery delivery) {
                var complaint = mongo.findById(complaintId, Complaint.class);
                if (complaint != null) {
                    CurrentCaller.runAs(
                            CallerIdentity.system("intake-service", complaint.tenant),
                            () -> openCase(complaint, delivery));
                }
            }
        };
    }

    DeliveryHandler notEstablishedHandler() {
        return validityHandler(NOT_ESTABLISHED, "COMPLAINT_NOT_ESTABLISHED");
    }

    DeliveryHandler validHandler() {
        return validityHandler(VALID, "COMPLAINT_VALID");
    }

    /** LC-31: the validity decision as an event on the complaint's case, once routing opened it. */
    private DeliveryHandler validityHandler(String kind, String eventType) {
        return new DeliveryHandler() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public void deliver(String complaintId, Delivery delivery) {
                var complaint = mongo.findById(complaintId, Complaint.class);
                if (complaint == null) {
                    return;
                }
                if (complaint.routing.caseId() == null) {
                    throw new IllegalStateException("case not opened yet; retry after routing acknowledges");
                }
                var reason = complaint.validity == null ? null : complaint.validity.reason();
                CurrentCaller.runAs(
                        CallerIdentity.system("intake-service", complaint.tenant),
                        () -> routing.event(
                                complaint.routing.caseId(),
                                new CaseEvent(delivery.eventId(), eventType, reason, Map.of())));
            }
        };
    }

    /** Returns the complaint as stored with routing's answer; empty when it is no longer stored. */
    private Optional<Complaint> openCase(Complaint complaint, Delivery delivery) {
        var opened = routing.open(request(complaint));
        if (opened == null || opened.caseId() == null) {
            throw new IllegalStateException("routing did not acknowledge the case");
        }
        var deadlines = opened.deadlines() == null
                ? List.<Complaint.Deadline>of()
                : opened.deadlines().stream()
                        .map(d -> new Complaint.Deadline(d.clock(), d.dueAt(), d.rule()))
                        .toList();
        var routed = new Complaint.Routing(
                "ROUTED",
                opened.caseId(),
                opened.state(),
                opened.department(),
                opened.owner(),
                deadlines,
                clock.instant());
        // Compare-and-set on (_id, version), a unique index, so the embedded store needs no scan
        // and a concurrent case-state event or handling decision is never overwritten. The first
        // attempt uses the complaint as the caller just stored or loaded it; a changed version
        // reloads it. The stored result comes back from the same command (no read after it).
        var current = complaint;
        for (var attempt = 0; attempt < 5; attempt++) {
            if (attempt > 0) {
                current = mongo.findById(complaint.id, Complaint.class);
                if (current == null) {
                    return Optional.empty();
                }
            }
            var update = new Update()
                    .set("routing", routed)
                    .inc("version", 1)
                    .pull(DeliveryRelay.FIELD, new org.bson.Document("eventId", delivery.eventId()));
            if (current.status == Complaint.Status.OPEN && current.caseSequence == 0) {
                update.set("status", Complaint.Status.ROUTED);
            }
            var written = mongo.findAndModify(
                    new Query(
                            Criteria.where("_id").is(current.id).and("version").is(current.version)),
                    update,
                    FindAndModifyOptions.options().returnNew(true),
                    Complaint.class);
            if (written != null) {
                return Optional.of(written);
            }
        }
        throw new IllegalStateException("complaint kept changing while recording routing's answer; retry");
    }

    private static OpenCaseRequest request(Complaint c) {
        var demand = c.demand == null
                ? null
                : new OpenCaseRequest.Demand(
                        c.demand.kind(),
                        c.demand.amount() == null || c.demand.amount().amount() == null
                                ? null
                                : new OpenCaseRequest.Amount(
                                        c.demand.amount().amount().toPlainString(),
                                        c.demand.amount().currency()));
        var category = c.category;
        return new OpenCaseRequest(
                c.id,
                c.tenant,
                c.region,
                c.site,
                c.channel,
                c.level,
                category == null ? null : category.subjectType(),
                category == null ? null : category.lifecycleStage(),
                category == null ? null : category.responsibleDomain(),
                category == null ? null : category.responsibilityCategory(),
                c.flags,
                c.circumstances,
                demand,
                c.customerKey,
                productRef(c),
                c.receivedAt == null ? c.createdAt : c.receivedAt,
                c.receiver,
                c.linkedComplaints,
                c.priority == 0 ? null : c.priority);
    }

    private static String productRef(Complaint c) {
        if (c.product != null && c.product.sku() != null) {
            return c.product.batch() == null ? c.product.sku() : c.product.sku() + "/" + c.product.batch();
        }
        if (c.vehicle != null && c.vehicle.vin() != null) {
            return c.vehicle.vin();
        }
        return c.order == null ? null : c.order.orderNumber();
    }
}
