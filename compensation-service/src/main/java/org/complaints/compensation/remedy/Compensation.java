package org.complaints.compensation.remedy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.complaints.support.delivery.Delivery;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The remedies offered for one case. Options are approved at once within the proposer's authority
 * (CP-01) or wait for the lowest role that covers them (ESC-04); the customer's consent turns one
 * into an agreement (CP-06, LC-45); delivery completes the ledger entry. Routing hears of each
 * step through {@link #deliveries}; intake hears of the agreement (signed, delivered) the same way,
 * so a later complaint of the customer shows it while it is open (OT-02, ADR 0122).
 */
@Document("compensations")
@CompoundIndex(name = "tenant_case", def = "{'tenant': 1, 'caseId': 1}")
@CompoundIndex(name = "tenant_customer", def = "{'tenant': 1, 'customerRef': 1, 'createdAt': -1}")
@CompoundIndex(name = "pending", def = "{'tenant': 1, 'options.status': 1, 'options.requiredRole': 1}")
@CompoundIndex(name = "approval_due", def = "{'nextApprovalDue': 1}")
// The versioned save filters on (_id, version): by this unique index, not a scan, on the embedded store.
@CompoundIndex(name = "id_version", def = "{'_id': 1, 'version': 1}", unique = true)
@CompoundIndex(name = "implementation_due", def = "{'implementationDue': 1}")
public class Compensation {

    @io.swagger.v3.oas.annotations.media.Schema(name = "ApprovalDecision")
    public record Decision(String decision, String by, List<String> roles, Money amount, String reason, Instant at) {}

    /** {@code amountMinor} is derived (whole cents) so reports can sum it in the store. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "RemedyOption")
    public record Option(
            String optionId,
            String kind,
            Money amount,
            String rationale,
            String status,
            String requiredRole,
            Instant approvalDue,
            List<Decision> decisions,
            Long amountMinor) {

        public Option {
            amountMinor = amount == null || amount.amount() == null ? 0L : amount.minor();
        }

        Option with(String newStatus, Money newAmount, String newRequiredRole, Decision decision) {
            return with(newStatus, newAmount, newRequiredRole, approvalDue, decision);
        }

        Option with(String newStatus, Money newAmount, String newRequiredRole, Instant newDue, Decision decision) {
            var all = new ArrayList<>(decisions == null ? List.<Decision>of() : decisions);
            if (decision != null) {
                all.add(decision);
            }
            return new Option(optionId, kind, newAmount, rationale, newStatus, newRequiredRole, newDue, all, null);
        }

        boolean pending() {
            return "PENDING_APPROVAL".equals(status);
        }

        /** When the option was approved (its last approving decision), or null. */
        Instant approvedAt() {
            if (!"APPROVED".equals(status) || decisions == null) {
                return null;
            }
            return decisions.stream()
                    .filter(d -> "APPROVE".equals(d.decision()) || "MODIFY".equals(d.decision()))
                    .map(Decision::at)
                    .reduce((a, b) -> b)
                    .orElse(null);
        }
    }

    /** CP-11: the customer's wish; {@code none} when asked and they had none of their own. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "CustomerRemedyRequest")
    public record CustomerRequest(String kind, Money amount, String text, boolean none) {}

    /** CP-11: the tenant's customary remedy for the complaint's subject type, proposed when the customer had no wish. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "CustomaryRemedy")
    public record Customary(String kind, Money amount, String subjectType) {}

    @io.swagger.v3.oas.annotations.media.Schema(name = "RemedyAgreement")
    public record Agreement(String optionId, String terms, Money amount, Instant signedAt, Instant dueAt) {}

    @io.swagger.v3.oas.annotations.media.Schema(name = "CustomerRejection")
    public record Rejection(String optionId, String customerWants, Instant at) {}

    /**
     * An approval left undecided past its due time moved one rung up the ladder (CP-02, ESC-04), or
     * an agreement not implemented by its due time was escalated (LC-35); stamped at the due time.
     */
    @io.swagger.v3.oas.annotations.media.Schema(name = "CompensationEscalation")
    public record Escalation(String rule, String optionId, String from, String to, Instant dueAt, Instant at) {}

    /** The delivery kind that tells an escalation's recipient through routing's notifications. */
    static final String ESCALATION_NOTICE = "escalation-notice";

    @Id
    String id;

    @Version
    Long version;

    String tenant;
    String caseId;
    /** The case's complaint at intake, where the agreement is mirrored (OT-02); null for older documents. */
    String complaintId;

    String region;
    String site;
    String month;
    String customerRef;
    String proposer;
    List<Option> options = new ArrayList<>();
    boolean economicLossConfirmed;
    /** CP-10: the confirmed economic loss (null when none was confirmed). */
    Money economicLoss;

    CustomerRequest customerRequested;
    /** CP-11: the customary remedy proposed because the customer had no wish (null otherwise). */
    Customary customaryRemedy;

    List<Rejection> rejections = new ArrayList<>();
    String escalatedTo;
    Agreement agreement;
    String deliveryReference;
    Instant deliveredAt;
    String deliveredRecordedBy;
    List<Escalation> escalations = new ArrayList<>();
    /** The earliest approval due time of a pending option (null when none waits): the sweep's index. */
    Instant nextApprovalDue;
    /** The agreement's implementation due time while nothing is delivered and no escalation happened. */
    Instant implementationDue;

    boolean repeatCompensation;
    Instant createdAt;
    List<Delivery> deliveries = new ArrayList<>();
    /** When intake's order anonymised the customer's data here (LC-12, ADR 0522); null before. */
    Instant anonymisedAt;

    /**
     * Records an escalation and, in the same write, the notification its recipient is owed: a
     * {@value #ESCALATION_NOTICE} delivery whose event id names the escalation's position, the same
     * for every runner (a racing runner's versioned save fails), so routing creates it once.
     */
    void escalate(Escalation e, Instant written) {
        var all = new ArrayList<>(escalations);
        all.add(e);
        escalations = all;
        var pending = new ArrayList<>(deliveries);
        pending.add(new Delivery(escalationEventId(all.size() - 1), ESCALATION_NOTICE, written, 0, null));
        deliveries = pending;
    }

    String escalationEventId(int index) {
        return "compensation-escalation:" + id + ":" + index;
    }

    /** Keeps the sweep's due fields in step with the options and the agreement. */
    void refreshDueTimes() {
        nextApprovalDue = options.stream()
                .filter(Option::pending)
                .map(Option::approvalDue)
                .filter(java.util.Objects::nonNull)
                .min(Instant::compareTo)
                .orElse(null);
        var implementationEscalated = escalations.stream().anyMatch(e -> "LC-35".equals(e.rule()));
        implementationDue =
                agreement != null && deliveredAt == null && !implementationEscalated ? agreement.dueAt() : null;
    }

    /** The earlier of the two due times (null when nothing is due): when the sweep must look next. */
    Instant nextDue() {
        if (nextApprovalDue == null || implementationDue == null) {
            return nextApprovalDue == null ? implementationDue : nextApprovalDue;
        }
        return nextApprovalDue.isBefore(implementationDue) ? nextApprovalDue : implementationDue;
    }
}
