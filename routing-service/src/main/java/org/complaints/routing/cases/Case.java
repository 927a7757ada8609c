package org.complaints.routing.cases;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.complaints.support.delivery.Delivery;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The handling case of one complaint. Opened once per complaint (unique per tenant), it moves
 * through the §2.8 states with one owner at a time (RT-10), carries its deadlines and the earliest
 * pending one in {@link #nextDueAt} (indexed, so the sweep reads only due cases), records every
 * transition, escalation and side-route task, and keeps the notifications it still owes other
 * services in {@link #deliveries}.
 */
@Document("cases")
@CompoundIndex(name = "complaint", def = "{'tenant': 1, 'complaintId': 1}", unique = true)
@CompoundIndex(name = "tenant_state", def = "{'tenant': 1, 'state': 1, 'receivedAt': -1}")
@CompoundIndex(name = "tenant_received", def = "{'tenant': 1, 'receivedAt': -1, '_id': -1}")
@CompoundIndex(name = "group", def = "{'tenant': 1, 'site': 1, 'productRef': 1, 'receivedAt': -1}")
public class Case {

    public record Deadline(
            String clock,
            String rule,
            Instant dueAt,
            Instant atRiskAt,
            String status,
            String action,
            String raiseTo,
            String cap,
            String onlyIfLevel,
            Integer minUrgings,
            Duration every,
            boolean assumed,
            boolean atRiskSignalled,
            Instant settledAt) {

        public boolean pending() {
            return "PENDING".equals(status) || "ARMED".equals(status);
        }

        Deadline settle(String newStatus, Instant at) {
            return new Deadline(
                    clock,
                    rule,
                    dueAt,
                    atRiskAt,
                    newStatus,
                    action,
                    raiseTo,
                    cap,
                    onlyIfLevel,
                    minUrgings,
                    every,
                    assumed,
                    atRiskSignalled,
                    at);
        }

        Deadline signalled() {
            return new Deadline(
                    clock,
                    rule,
                    dueAt,
                    atRiskAt,
                    status,
                    action,
                    raiseTo,
                    cap,
                    onlyIfLevel,
                    minUrgings,
                    every,
                    assumed,
                    true,
                    settledAt);
        }
    }

    public record Escalation(
            String rule,
            String kind,
            String clock,
            String fromLevel,
            String toLevel,
            String to,
            String reason,
            Instant at) {}

    public record Task(String task, String rule, String assignee, Instant dueAt, String status, Instant createdAt) {}

    public record AuditEntry(String action, String from, String to, String by, String reason, Instant at) {}

    public record Contact(String by, String channel, String note, Instant at) {}

    public record Message(String text, List<String> bannedHits, String by, Instant at) {}

    public record Measure(String action, String owner, java.time.LocalDate dueDate) {}

    /** The columns of 《顾客抱怨及返修记录》 (LC-08, LC-10, RC-03). */
    public record Resolution(
            String rootCause,
            String rootCauseCode,
            String defectCorrection,
            Measure longTermMeasure,
            Boolean rework,
            String by,
            Instant at) {}

    @Id
    String id;

    @Version
    Long version;

    String tenant;
    String complaintId;
    String region;
    String site;
    String channel;
    String level;
    String department;
    String domain;
    String owner;
    State state = State.REGISTERED;
    String subjectType;
    String responsibilityCategory;
    List<String> flags = new ArrayList<>();
    List<String> circumstances = new ArrayList<>();
    Map<String, Object> demand;
    String customerRef;
    String productRef;
    String receiver;
    Instant receivedAt;
    Instant timingStart;
    Instant handedOverAt;
    Instant acceptedAt;
    Instant firstContactAt;
    Instant resolvedAt;
    Instant closedAt;
    String closedBy;
    List<Instant> urgings = new ArrayList<>();
    List<Deadline> deadlines = new ArrayList<>();

    @Indexed(sparse = true)
    Instant nextDueAt;

    List<Escalation> escalations = new ArrayList<>();
    List<Task> tasks = new ArrayList<>();
    List<AuditEntry> audit = new ArrayList<>();
    List<Contact> contacts = new ArrayList<>();
    List<Message> messages = new ArrayList<>();
    Resolution resolution;
    Boolean followUpSatisfied;
    boolean remedyDelivered;
    int reopenCount;
    String incidentId;
    List<String> processedEvents = new ArrayList<>();
    List<Delivery> deliveries = new ArrayList<>();

    public String id() {
        return id;
    }

    public Level level() {
        return Level.valueOf(level);
    }
}
