package org.complaints.intake.complaint;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import org.complaints.intake.policy.IntakePolicy;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * OT-02/03: a new complaint is linked to the same customer's earlier complaints and to earlier
 * complaints on the same vehicle or order, so staff see the history before proposing anything. A
 * complaint with an earlier one inside the tenant's window is a repeat; a customer reaching the
 * threshold in the window is flagged {@code REPEAT_COMPLAINANT}. All lookups use indexes.
 */
@Component
class ComplaintHistory {

    static final int MAX_LINKS = 20;
    private final MongoTemplate mongo;

    ComplaintHistory(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    void link(Complaint complaint, IntakePolicy policy) {
        var linked = new LinkedHashSet<String>();
        var windowStart = complaint.createdAt.minus(policy.repeatWindow());
        var inWindow = 0L;
        if (complaint.customerKey != null) {
            var sameCustomer = Criteria.where("tenant")
                    .is(complaint.tenant)
                    .and("customerKey")
                    .is(complaint.customerKey);
            earlier(sameCustomer).forEach(c -> linked.add(c.id));
            inWindow = mongo.count(
                    new Query(Criteria.where("tenant")
                            .is(complaint.tenant)
                            .and("customerKey")
                            .is(complaint.customerKey)
                            .and("createdAt")
                            .gte(windowStart)),
                    Complaint.class);
        }
        if (complaint.vehicle != null && complaint.vehicle.vin() != null) {
            earlier(Criteria.where("tenant")
                            .is(complaint.tenant)
                            .and("vehicle.vin")
                            .is(complaint.vehicle.vin()))
                    .forEach(c -> linked.add(c.id));
        }
        if (complaint.order != null && complaint.order.orderNumber() != null) {
            earlier(Criteria.where("tenant")
                            .is(complaint.tenant)
                            .and("order.orderNumber")
                            .is(complaint.order.orderNumber()))
                    .forEach(c -> linked.add(c.id));
        }
        complaint.linkedComplaints = new ArrayList<>(linked).subList(0, Math.min(linked.size(), MAX_LINKS));
        complaint.complaintsInWindow = (int) inWindow + 1;
        complaint.repeat = !linked.isEmpty() && hasEarlierSince(complaint, windowStart);
        if (complaint.complaintsInWindow >= policy.repeatThreshold()
                && !complaint.flags.contains("REPEAT_COMPLAINANT")) {
            var flags = new ArrayList<>(complaint.flags);
            flags.add("REPEAT_COMPLAINANT");
            complaint.flags = flags;
        }
    }

    private boolean hasEarlierSince(Complaint complaint, java.time.Instant since) {
        return mongo.exists(
                new Query(Criteria.where("_id")
                        .in(complaint.linkedComplaints)
                        .and("createdAt")
                        .gte(since)),
                Complaint.class);
    }

    private java.util.List<Complaint> earlier(Criteria criteria) {
        var query = new Query(criteria)
                .with(Sort.by(Sort.Direction.DESC, "createdAt"))
                .limit(MAX_LINKS);
        query.fields().include("_id", "createdAt");
        return mongo.find(query, Complaint.class);
    }

    /** The customer's id, else a hash of the normalised phone number; never the number itself. */
    static String customerKey(Complaint.Customer customer) {
        if (customer == null) {
            return null;
        }
        if (customer.id() != null && !customer.id().isBlank()) {
            return "id:" + customer.id();
        }
        if (customer.phone() != null) {
            var digits = customer.phone().replaceAll("\\D", "");
            if (!digits.isEmpty()) {
                return "phone:" + sha256(digits);
            }
        }
        return null;
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
