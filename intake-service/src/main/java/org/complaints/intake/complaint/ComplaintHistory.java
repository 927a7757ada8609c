package org.complaints.intake.complaint;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import org.complaints.intake.policy.IntakePolicy;
import org.springframework.stereotype.Component;

/**
 * OT-02/03: a new complaint is linked to the same customer's earlier complaints and to earlier
 * complaints on the same vehicle or order, so staff see the history before proposing anything. A
 * complaint with an earlier one inside the tenant's window (by {@code receivedAt}) is a repeat; a
 * customer reaching the threshold in the window is flagged {@code REPEAT_COMPLAINANT}. Every lookup
 * reads the customer's and the subject's lookup documents by key ({@link ComplaintLookups}), never
 * the complaints collection by a secondary field.
 */
@Component
class ComplaintHistory {

    static final int MAX_LINKS = 20;
    private final ComplaintLookups lookups;

    ComplaintHistory(ComplaintLookups lookups) {
        this.lookups = lookups;
    }

    void link(Complaint complaint, IntakePolicy policy) {
        var windowStart = complaint.receivedAt.minus(policy.repeatWindow());
        var earlier = lookups.earlier(complaint);
        var linked = new LinkedHashMap<String, ComplaintLookups.Earlier>();
        for (var kind : List.of("customer", "vin", "order")) {
            earlier.getOrDefault(kind, List.of()).stream().limit(MAX_LINKS).forEach(e -> linked.putIfAbsent(e.id(), e));
        }
        var sameCustomerInWindow = earlier.getOrDefault("customer", List.of()).stream()
                .filter(e -> !e.receivedAt().isBefore(windowStart))
                .count();
        complaint.linkedComplaints = new ArrayList<>(linked.keySet()).subList(0, Math.min(linked.size(), MAX_LINKS));
        complaint.complaintsInWindow = (int) sameCustomerInWindow + 1;
        complaint.repeat =
                linked.values().stream().anyMatch(e -> !e.receivedAt().isBefore(windowStart));
        if (complaint.complaintsInWindow >= policy.repeatThreshold()
                && !complaint.flags.contains("REPEAT_COMPLAINANT")) {
            var flags = new ArrayList<>(complaint.flags);
            flags.add("REPEAT_COMPLAINANT");
            complaint.flags = flags;
        }
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
