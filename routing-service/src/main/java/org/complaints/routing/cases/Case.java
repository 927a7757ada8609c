package org.complaints.routing.cases;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.complaints.routing.commitments.OpenCommitment;
import org.complaints.routing.policy.RoutingPermissions;
import org.complaints.routing.policy.RoutingPolicy;
import org.complaints.routing.tasks.Task;
import org.complaints.routing.tasks.Tasks;
import org.complaints.routing.text.TextChecks;
import org.complaints.support.delivery.Delivery;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The handling case of one complaint, and the rules of its life. Opened once per complaint (unique
 * per tenant), it moves through the §2.8 states ({@link Action}'s table) with one owner at a time
 * (RT-10) in handling rounds: round 1 from receipt, one more per reopening (ESC-08), each with its
 * own resolution clock, resolution and follow-up plan. It carries its deadlines and the earliest
 * pending one in {@link #nextDueAt} (the sweep reads only due cases; open side-route tasks count
 * too), records every transition and escalation, owns its side-route tasks ({@link Task}: opened,
 * overdue once, completed with evidence), numbers every state or level change ({@link #stateEvents}, the
 * case-state mirror to intake), and keeps the notifications it still owes other services in
 * {@link #deliveries}, written in the same document update as the change.
 */
@Document("cases")
@CompoundIndex(name = "complaint", def = "{'tenant': 1, 'complaintId': 1}", unique = true)
// The versioned save filters on (_id, version): by this unique index, not a scan, on the embedded store.
@CompoundIndex(name = "id_version", def = "{'_id': 1, 'version': 1}", unique = true)
@CompoundIndex(name = "tenant_state", def = "{'tenant': 1, 'state': 1, 'receivedAt': -1}")
@CompoundIndex(name = "tenant_received", def = "{'tenant': 1, 'receivedAt': -1, '_id': -1}")
@CompoundIndex(name = "group", def = "{'tenant': 1, 'site': 1, 'productRef': 1, 'receivedAt': -1}")
public class Case {

    public static final String PLAN_FOLLOW_UP = "plan-follow-up";
    public static final String CASE_STATE = "case-state";
    public static final String TASK_OVERDUE = "task-overdue";
    public static final String UNSTAFFED_DESK = "unstaffed-desk";
    public static final String AT_RISK = "at-risk";
    public static final String ESCALATION_NOTICE = "escalation-notice";
    public static final String SAFETY_ALERT_NOTICE = "safety-alert";
    public static final String STATEMENT_APPROVAL_NOTICE = "statement-approval";
    /** The partner-webhook fan-out of the events a write published (ADR 0260). */
    public static final String PUBLISHED_EVENTS = "webhook-events";

    /** The longest person or {@code role:<role>} a notification can be addressed to. */
    static final int MAX_RECIPIENT = 120;
    /** Whom an escalation can reach: a role (any of the tenant's, incl. ones outside the step table) or a person. */
    static final java.util.regex.Pattern RECIPIENT = java.util.regex.Pattern.compile("(role|person):[\\w.@-]+");

    /** The kinds of escalation whose recipient is notified ({@code TASK_OVERDUE} has its own notice). */
    static final java.util.Set<String> NOTIFIED_ESCALATIONS =
            java.util.Set.of("BREACH", "LEVEL_RAISE", "MANUAL", "CONFLICT");

    /**
     * One clock of the case. {@code PENDING} until its step (then {@code MET}, or {@code BREACHED}
     * with {@code settledAt} after {@code dueAt + grace}) or its due time ({@code BREACHED} stamped
     * at the due time, {@code FIRED} for a timer); {@code ARMED} waits for urgings (SLA-G2);
     * {@code SKIPPED} when a raised level no longer owes it; {@code CANCELLED} by resolution,
     * closure, not-established or withdrawal.
     */
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
            Instant settledAt,
            Duration grace,
            Integer round,
            Instant plannedAt) {

        /** The handling round the clock belongs to (1 for clocks stored before rounds existed). */
        public int roundOrFirst() {
            return round == null ? 1 : round;
        }

        public boolean pending() {
            return "PENDING".equals(status) || "ARMED".equals(status);
        }

        /** The due time plus the grace: a step until then is in time, the sweep acts after it. */
        public Instant effectiveDue() {
            return grace == null ? dueAt : dueAt.plus(grace);
        }

        /** How late the step came, for a breached clock whose step happened. */
        public Duration lateBy() {
            return "BREACHED".equals(status) && settledAt != null ? Duration.between(effectiveDue(), settledAt) : null;
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
                    at,
                    grace,
                    round,
                    plannedAt);
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
                    settledAt,
                    grace,
                    round,
                    plannedAt);
        }
    }

    /** A breach, a raised level, a side route, a reopening or a manual escalation, always with its recipient. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "CaseEscalation")
    public record Escalation(
            String rule,
            String kind,
            String clock,
            String fromLevel,
            String toLevel,
            String to,
            String reason,
            Instant at,
            Instant dueAt) {}

    @io.swagger.v3.oas.annotations.media.Schema(name = "CaseAuditEntry")
    public record AuditEntry(String action, String from, String to, String by, String reason, Instant at) {}

    @io.swagger.v3.oas.annotations.media.Schema(name = "CaseContact")
    public record Contact(String by, String channel, String note, Instant at) {}

    /**
     * A written message or reply letter to the customer (§12, CM-16), stored with the §12 linter's
     * result. {@code status}: {@code SENT}, or for a customer whose flag needs PR approval (CM-15)
     * {@code AWAITING_APPROVAL} until the approver sends ({@code SENT}) or withholds it
     * ({@code WITHHELD}); messages stored before statuses existed read as sent.
     */
    @io.swagger.v3.oas.annotations.media.Schema(name = "CaseMessage")
    public record Message(
            String id,

            @io.swagger.v3.oas.annotations.media.Schema(allowableValues = {MESSAGE_KIND, LETTER_KIND})
            String kind,

            String text,
            Letter letter,

            @io.swagger.v3.oas.annotations.media.Schema(
                    description = "The banned phrases found (kept for earlier clients; see check)")
            List<String> bannedHits,

            org.complaints.support.text.TextCheck check,

            @io.swagger.v3.oas.annotations.media.Schema(allowableValues = {SENT, AWAITING_APPROVAL, WITHHELD})
            String status,

            String by,
            Instant at,
            StatementApproval approval) {

        boolean awaitingApproval() {
            return AWAITING_APPROVAL.equals(status);
        }

        Message decided(String newStatus, StatementApproval decision) {
            return new Message(id, kind, text, letter, bannedHits, check, newStatus, by, at, decision);
        }
    }

    public static final String MESSAGE_KIND = "MESSAGE";
    public static final String LETTER_KIND = "LETTER";
    public static final String SENT = "SENT";
    public static final String AWAITING_APPROVAL = "AWAITING_APPROVAL";
    public static final String WITHHELD = "WITHHELD";

    /**
     * CM-16: the six sections of a reply letter. {@code mistake} (2) is required once liability is
     * accepted (the complaint is justified) and flagged before; the others are always required,
     * the adjustment (4) with both how and when.
     */
    @io.swagger.v3.oas.annotations.media.Schema(
            name = "ReplyLetter",
            description = "CM-16: the six sections of a reply letter.")
    public record Letter(
            @io.swagger.v3.oas.annotations.media.Schema(
                    description = "1. Receipt of the complaint acknowledged",
                    example = "您于3月3日反映的发动机异响问题，我们已收到。")
            String receipt,

            @io.swagger.v3.oas.annotations.media.Schema(
                    description =
                            "2. The mistake admitted, where the complaint is justified (required once liability is accepted)",
                    example = "经核实，是我们的维修未能彻底排除故障。")
            String mistake,

            @io.swagger.v3.oas.annotations.media.Schema(
                    description = "3. The problem explained",
                    example = "异响来自喷油嘴积碳，上次维修只更换了火花塞。")
            String explanation,

            @io.swagger.v3.oas.annotations.media.Schema(
                    description = "4a. How the adjustment is made",
                    example = "免费清洗喷油嘴并复查点火系统")
            String adjustmentHow,

            @io.swagger.v3.oas.annotations.media.Schema(
                    description = "4b. When the adjustment is made",
                    example = "3月6日（周四）上午到店，约2小时完成")
            String adjustmentWhen,

            @io.swagger.v3.oas.annotations.media.Schema(
                    description = "5. What prevents it from happening again",
                    example = "维修后增加路试复检环节")
            String nonRecurrence,

            @io.swagger.v3.oas.annotations.media.Schema(
                    description = "6. Apology for the inconvenience",
                    example = "非常抱歉给您带来不便")
            String apology) {}

    /** CM-15: the PR decision on a written statement (APPROVED or WITHHELD), by whom and why. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "StatementApproval")
    public record StatementApproval(String decision, String by, String reason, Instant at) {}

    /** CM-03 / LC-22: what the staff member restated of the core problem, and whether the customer confirmed it. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "CaseParaphrase")
    public record Paraphrase(String text, boolean confirmed, String note, String by, Instant at) {}

    /** CM-04: liability accepted, once the facts were verified. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "CaseLiability")
    public record Liability(String by, String reason, Instant at) {}

    /** §12.4-6: what the case view shows staff while a customer flag is set. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "CaseBanner")
    public record Banner(String flag, String rule, String text) {}

    /** ESC-09 / CM-14: a safety alert raised on the case, and whom it alerted at once. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "SafetyAlert")
    public record SafetyAlert(String id, String by, String note, List<String> notified, Instant at) {}

    @io.swagger.v3.oas.annotations.media.Schema(name = "LongTermMeasure")
    public record Measure(String action, String owner, java.time.LocalDate dueDate) {}

    /** The columns of 《顾客抱怨及返修记录》 (LC-08, LC-10, RC-03). */
    @io.swagger.v3.oas.annotations.media.Schema(name = "CaseResolution")
    public record Resolution(
            String rootCause,
            String rootCauseCode,
            String defectCorrection,
            Measure longTermMeasure,
            Boolean rework,
            String by,
            Instant at) {}

    /** The level the case reached, when and by which rule (level-bound clocks count from here). */
    public record LevelChange(String level, Instant at, String rule) {}

    /** One numbered state or level change, sent to intake as a {@code case-state} delivery. */
    public record StateEvent(
            String eventId, long sequence, String state, String level, String incidentId, int round, Instant at) {}

    /**
     * SLA-X7: a clock reached the preset's share of its span; its owner is warned once, by a
     * notification whose id is {@link #eventId} (the clock's rule and round in this case: the same on
     * every sweeper and replay).
     */
    public record AtRiskWarning(
            String eventId, String rule, String clock, int round, String to, Instant at, Instant dueAt) {}

    /**
     * An earlier complaint's open promise or agreement that a solution proposal took into account
     * (OT-02): which one, and who acknowledged it when.
     */
    @io.swagger.v3.oas.annotations.media.Schema(name = "CommitmentAcknowledgement")
    public record Acknowledgement(String id, String kind, String complaintId, Instant dueAt, String by, Instant at) {}

    /**
     * One fact of the case's life as partners receive it (ADR 0260): numbered per case by
     * {@link #eventSequence} in the same write that records it, stamped when it happened and when it
     * was recorded (a subscription receives what was recorded after it was created). {@code data}
     * holds strings, numbers and booleans only, never personal data.
     */
    public record PublishedEvent(
            long sequence, String type, Instant occurredAt, Instant recordedAt, Map<String, Object> data) {}

    /**
     * A checklist a side route keeps on the case (RT-07: the legal-risk checklist, 投诉法律风险清单),
     * the items from the tenant's preset, for the route's task owner to go through.
     */
    @io.swagger.v3.oas.annotations.media.Schema(name = "CaseChecklist")
    public record Checklist(String rule, String task, List<String> items, Instant openedAt) {}

    /** The follow-up plan a resolution asks for, keyed by its delivery's event id. */
    public record FollowUpRequest(String eventId, int round, Instant resolvedAt, boolean rework) {}

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
    /** CP-17 / OT-04: intake's attention priority (1-5; VIP and value grades raise it as the preset says); 0 = none sent. */
    int priority;

    String department;
    /** LC-32: the department's handling unit and handling lead (受理负责人), from the tenant's policy. */
    String handlingUnit;

    String handlingLead;
    String domain;
    String owner;
    /** The owner whose open-case list holds this case (null once closed); kept by the store (ADR 0601). */
    String listedOwner;
    /** Whether the case is in its tenant's open-case set; kept by the store (ADR 0607). */
    boolean listedOpen;

    State state = State.REGISTERED;
    String subjectType;
    String responsibilityCategory;
    List<String> flags = new ArrayList<>();
    List<String> circumstances = new ArrayList<>();
    Map<String, Object> demand;
    String customerRef;
    String productRef;
    String receiver;
    /** The earlier complaints intake linked to this one (OT-02/03); their open commitments need acknowledging. */
    List<String> linkedComplaints = new ArrayList<>();

    List<Acknowledgement> acknowledgements = new ArrayList<>();
    Instant receivedAt;
    Instant openedAt;
    Instant timingStart;
    Instant handedOverAt;
    Instant acceptedAt;
    Instant firstContactAt;
    Instant resolvedAt;
    Instant closedAt;
    String closedBy;
    int round = 1;
    Instant roundStartedAt;
    List<Instant> urgings = new ArrayList<>();
    List<Deadline> deadlines = new ArrayList<>();

    @Indexed(sparse = true)
    Instant nextDueAt;

    List<LevelChange> levels = new ArrayList<>();
    List<Escalation> escalations = new ArrayList<>();
    List<AtRiskWarning> atRiskWarnings = new ArrayList<>();
    List<Task> tasks = new ArrayList<>();
    List<Checklist> checklists = new ArrayList<>();
    List<AuditEntry> audit = new ArrayList<>();
    List<Contact> contacts = new ArrayList<>();
    List<Message> messages = new ArrayList<>();
    /** LC-31 as intake decided it: {@code VALID} once the complaint was found valid; null while pending. */
    String validity;

    Liability liability;
    List<Paraphrase> paraphrases = new ArrayList<>();
    List<Banner> banners = new ArrayList<>();
    List<SafetyAlert> safetyAlerts = new ArrayList<>();
    Resolution resolution;
    List<Resolution> earlierResolutions = new ArrayList<>();
    Boolean followUpSatisfied;
    boolean remedyDelivered;
    int reopenCount;
    String incidentId;
    long sequence;
    List<StateEvent> stateEvents = new ArrayList<>();
    List<FollowUpRequest> followUpRequests = new ArrayList<>();
    List<String> processedEvents = new ArrayList<>();
    long eventSequence;
    List<PublishedEvent> published = new ArrayList<>();
    List<Delivery> deliveries = new ArrayList<>();
    /** When intake's order anonymised this case's personal data (LC-12, ADR 0522); null before. */
    Instant anonymisedAt;

    public String id() {
        return id;
    }

    public Level level() {
        return Level.valueOf(level);
    }

    public State state() {
        return state;
    }

    public String tenant() {
        return tenant;
    }

    public String site() {
        return site;
    }

    public String region() {
        return region;
    }

    public String incidentId() {
        return incidentId;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public int round() {
        return round;
    }

    public List<Deadline> deadlines() {
        return List.copyOf(deadlines);
    }

    public List<Escalation> escalations() {
        return List.copyOf(escalations);
    }

    public List<StateEvent> stateEvents() {
        return List.copyOf(stateEvents);
    }

    public List<AuditEntry> audit() {
        return List.copyOf(audit);
    }

    public List<Task> tasks() {
        return List.copyOf(tasks);
    }

    public List<Acknowledgement> acknowledgements() {
        return List.copyOf(acknowledgements);
    }

    public Instant nextDueAt() {
        return nextDueAt;
    }

    /**
     * The actions the state table allows now; {@code CLOSE} only once the case is eligible for
     * closure (FU-05: a reworked, remedied or reopened case waits for the round's satisfied follow-up).
     */
    public List<Action> allowedActions(RoutingPolicy policy) {
        return Action.allowedIn(state).stream()
                .filter(a -> a != Action.CLOSE || !closureWaitsForFollowUp(policy))
                .toList();
    }

    private boolean closureWaitsForFollowUp(RoutingPolicy policy) {
        var remedyOrRework = remedyDelivered || (resolution != null && Boolean.TRUE.equals(resolution.rework()));
        return policy.closureRequiresFollowUp()
                && (remedyOrRework || round > 1)
                && !Boolean.TRUE.equals(followUpSatisfied);
    }

    /** What the case-state mirror compares: a change of any of these is numbered and sent. */
    record Mirror(State state, String level, String incidentId, int round) {}

    Mirror mirror() {
        return new Mirror(state, level, incidentId, round);
    }

    /**
     * Applies one action at {@code now}: checks the actor against the preset's permission table
     * ({@link #authorize}, for staff steps and events alike), then the action against the state
     * table and the rules it names, first fires every clock that fell due before {@code now} (each at its own due time, so the
     * history does not depend on when the sweep last ran), then records the step. Throws a
     * {@link CaseRefusal}; the caller stores nothing then.
     */
    public void apply(Action action, Step step, Actor actor, Instant now, CaseClocks rules) {
        var policy = rules.policy();
        authorize(action, actor, policy);
        var from = state;
        var to = action.next(from).orElseThrow(() -> CaseRefusal.illegal(action, from));
        if (step.expectedVersion() != null && !step.expectedVersion().equals(version)) {
            throw new CaseRefusal(
                    CaseRefusal.Kind.STALE_VERSION,
                    "The case changed since version " + step.expectedVersion() + "; reload it.");
        }
        rules.catchUp(this, now);
        switch (action) {
            case HAND_OVER -> {
                handedOverAt = now;
                rules.settle(this, "HAND_OVER", now);
            }
            case ACCEPT -> {
                if (handedOverAt == null) {
                    handedOverAt = now;
                    rules.settle(this, "HAND_OVER", now);
                }
                acceptedAt = now;
                rules.settle(this, "ACCEPTANCE", now);
                rules.plan(this, now);
                HandlingTaskRules.rootCause(this, rules, now);
            }
            case ASSIGN -> {
                Assignment.assign(this, policy, step.domain(), step.department(), step.person());
                HandlingTaskRules.rootCause(this, rules, now);
            }
            case CONTACT, LOG_CONTACT -> contact(actor, step, now, rules);
            case URGE -> {
                var all = new ArrayList<>(urgings);
                all.add(now);
                urgings = all;
                rules.urged(this, now);
            }
            case RESOLVE -> resolve(actor, step, now, rules);
            case CLOSE -> {
                if (closureWaitsForFollowUp(policy)) {
                    throw new CaseRefusal(
                            CaseRefusal.Kind.FOLLOW_UP_REQUIRED,
                            "Closure waits for the round's satisfied follow-up after rework, a delivered remedy or a reopening (LC-09, FU-05, §2.8).");
                }
                closedAt = now;
                closedBy = actor.subject();
                rules.cancelAll(this, now);
                HandlingTaskRules.capaReview(this, rules, now);
                HandlingTaskRules.archive(this, rules, now);
            }
            case WITHDRAW -> {
                closedAt = now;
                closedBy = actor.subject();
                rules.cancelAll(this, now);
                HandlingTaskRules.caseEnded(this, now);
            }
            case NOT_ESTABLISHED -> {
                closedAt = now;
                rules.cancelAll(this, now);
                HandlingTaskRules.caseEnded(this, now);
            }
            case REOPEN -> reopen(now, step.reason(), "REOPEN", rules);
            case FOLLOW_UP_SATISFIED -> {
                if (from != State.CLOSED) {
                    followUpSatisfied = true;
                }
            }
            case FOLLOW_UP_UNSATISFIED -> reopen(now, step.reason(), "ESC-08", rules);
            case OFFER_REJECTED -> {
                var escalateTo = step.datum("escalateTo");
                if (escalateTo != null) {
                    owner = escalateTo.toString();
                    escalate(new Escalation(
                            "ESC-05",
                            "CONFLICT",
                            null,
                            level,
                            level,
                            owner,
                            "customer rejected the proposal",
                            now,
                            null));
                }
            }
            case IMPLEMENT -> remedyDelivered = true;
            case MESSAGE -> CustomerTexts.message(this, actor, step, now, rules);
            case LETTER -> CustomerTexts.letter(this, actor, step, now, rules);
            case APPROVE_STATEMENT -> CustomerTexts.decide(this, actor, step, now);
            case FLAG -> CustomerFlags.raise(this, parseFlag(step.flag()), actor.subject(), step.reason(), now, rules);
            case SAFETY_ALERT -> CustomerFlags.safetyAlert(this, actor.subject(), step.note(), now, rules);
            case PARAPHRASE -> Conversation.paraphrase(this, actor, step, now);
            case ACCEPT_LIABILITY -> Conversation.acceptLiability(this, actor, step, now, rules);
            case VALIDATE -> validity = "VALID";
            case ESCALATE -> {
                if (blank(step.to())) {
                    throw CaseRefusal.invalid("to", "names who the case is escalated to");
                }
                if (step.to().length() > MAX_RECIPIENT) {
                    throw CaseRefusal.invalid("to", "is longer than " + MAX_RECIPIENT + " characters");
                }
                if (!RECIPIENT.matcher(step.to()).matches()) {
                    throw CaseRefusal.invalid("to", "names a role or a person: role:<role> or person:<id>");
                }
                escalate(new Escalation("MANUAL", "MANUAL", null, level, level, step.to(), step.reason(), now, null));
                rules.settle(this, "ESCALATION", now);
            }
            case RAISE_LEVEL -> {
                var target = parseLevel(step.level());
                if (target.compareTo(level()) < 0) {
                    throw new CaseRefusal(
                            CaseRefusal.Kind.LEVEL_NEVER_LOWERED,
                            "A case level is never lowered (CL-03): it is " + level + ", not " + target + ".");
                }
                rules.raise(this, target, "CL-03", null, step.reason(), now, null);
            }
            default -> {
                // state-only steps: investigate, propose, request approval, offer, agree
            }
        }
        if (to != from) {
            state = to;
        }
        audit(action.name(), from, state, actor.subject(), step.reason(), now);
    }

    /**
     * The one permission check of a step: the actor must be on the action's list of the preset's
     * table (ADR 0205); a refusal names the roles (403).
     */
    void authorize(Action action, Actor actor, RoutingPolicy policy) {
        if (!RoutingPermissions.allows(policy, action.permission(), actor.asking(owner))) {
            throw new CaseRefusal(
                    CaseRefusal.Kind.NOT_ALLOWED, RoutingPermissions.refusal(policy, action.permission()));
        }
    }

    /**
     * Completes one side-route task with evidence ({@link Tasks#complete}: its owner or the table's
     * {@code COMPLETE_TASK} roles), in any state: a withdrawal or report may finish after closure.
     * A task already past its due time turns overdue first, at its due time, as the sweep would
     * have done, so its supervisor hears of it whichever came first.
     */
    void completeTask(String taskId, Actor actor, String evidence, Instant now, CaseClocks rules) {
        rules.catchUp(this, now);
        tasks = Tasks.complete(
                tasks,
                taskId,
                new Tasks.Completer(actor.subject(), actor.roles(), actor.staff(), actor.system()),
                evidence,
                rules.policy(),
                now);
        audit("COMPLETE_TASK", state, state, actor.subject(), taskId, now);
    }

    /**
     * OT-30 / LC-51: nobody was on duty at the desk when the ticket came before it ({@code at},
     * site time): recorded as an escalation to {@code recipient} (the acceptance clock's, from the
     * ladder) and owed as one {@value #UNSTAFFED_DESK} notification whose event id is the case's,
     * so a resend creates nothing twice. The acceptance clock is not touched.
     */
    void deskUnstaffed(java.time.LocalDateTime at, String recipient, Instant now) {
        escalate(new Escalation(
                "OT-30",
                "UNSTAFFED_DESK",
                "ACCEPTANCE",
                level,
                level,
                recipient,
                "No acceptor on duty at " + site + " at " + at.toLocalDate() + " " + at.toLocalTime()
                        + " (site time) for a new ticket; the acceptance clock runs (OT-30, LC-51)",
                now,
                null));
        addDelivery(new Delivery(UNSTAFFED_DESK + "-" + id, UNSTAFFED_DESK, now, 0, null));
    }

    /** Whether a solution proposal must first learn the earlier complaints' open commitments. */
    boolean hasLinkedComplaints() {
        return linkedComplaints != null && !linkedComplaints.isEmpty();
    }

    /**
     * OT-02: before a solution is proposed, each open promise and agreement of the earlier, linked
     * complaints must be named in the step's {@code acknowledged}; the missing ones are refused, one
     * field each (422). Otherwise each is recorded with who acknowledged it and when. Ids that are
     * no longer open (kept since) are ignored.
     */
    void acknowledge(List<OpenCommitment> open, List<String> acknowledged, Actor actor, Instant now) {
        var missing = open.stream().filter(o -> !acknowledged.contains(o.id())).toList();
        if (!missing.isEmpty()) {
            throw new CaseRefusal(
                    CaseRefusal.Kind.UNACKNOWLEDGED_COMMITMENTS,
                    "Earlier complaints of this customer or subject have open promises or agreements; acknowledge "
                            + missing.stream().map(OpenCommitment::id).toList()
                            + " in 'acknowledged' before proposing a solution (OT-02).",
                    missing.stream()
                            .map(o -> new CaseRefusal.Field(
                                    "acknowledged",
                                    "missing " + o.kind() + " " + o.id() + " of complaint " + o.complaintId()
                                            + (o.dueAt() == null ? "" : ", due " + o.dueAt())))
                            .toList());
        }
        if (open.isEmpty()) {
            return;
        }
        var all = new ArrayList<>(acknowledgements);
        open.forEach(
                o -> all.add(new Acknowledgement(o.id(), o.kind(), o.complaintId(), o.dueAt(), actor.subject(), now)));
        acknowledgements = all;
    }

    /** Records a numbered case-state event and its delivery when the mirrored fields changed. */
    boolean recordChange(Mirror before, Instant now) {
        var after = mirror();
        if (after.equals(before)) {
            return false;
        }
        sequence++;
        var delivery = Delivery.of(CASE_STATE, now);
        var events = new ArrayList<>(stateEvents);
        events.add(new StateEvent(delivery.eventId(), sequence, state.name(), level, incidentId, round, now));
        stateEvents = events;
        addDelivery(delivery);
        return true;
    }

    void addDelivery(Delivery delivery) {
        var all = new ArrayList<>(deliveries);
        all.add(delivery);
        deliveries = all;
    }

    private void contact(Actor actor, Step step, Instant now, CaseClocks rules) {
        var all = new ArrayList<>(contacts);
        all.add(new Contact(actor.subject(), step.channel(), step.note(), now));
        contacts = all;
        if (firstContactAt == null) {
            firstContactAt = now;
            rules.settle(this, "FIRST_RESPONSE", now);
        }
    }

    /** LC-10 / RC-02: the refusal names the tenant's vague phrases the measure consists of. */
    private static String vagueWording(String action, RoutingPolicy policy) {
        var found = TextChecks.phrasesIn(action, policy.vagueMeasures());
        return "具体措施 required: banned vague wording ("
                + (found.isEmpty() ? "e.g. 加强培训, 加强检查" : String.join(", ", found))
                + "); name a concrete, verifiable action with its owner and due date (LC-10, RC-02)";
    }

    /** LC-08/LC-10: root cause, defect correction and a concrete long-term measure (action, owner, due date). */
    private void resolve(Actor actor, Step step, Instant now, CaseClocks rules) {
        var r = step.resolution();
        if (r == null) {
            throw CaseRefusal.invalid("resolution", "is required: rootCause, defectCorrection and longTermMeasure");
        }
        var problems = new ArrayList<CaseRefusal.Field>();
        if (blank(r.rootCause())) {
            problems.add(new CaseRefusal.Field("rootCause", "is required (LC-06, RC-05)"));
        }
        if (blank(r.defectCorrection())) {
            problems.add(new CaseRefusal.Field("defectCorrection", "is required (LC-08: 缺点纠正)"));
        }
        var m = r.longTermMeasure();
        if (m == null || blank(m.action()) || blank(m.owner()) || m.dueDate() == null) {
            problems.add(new CaseRefusal.Field(
                    "longTermMeasure", "needs a concrete action, an owner and a due date (LC-10)"));
        } else if (TextChecks.isVague(m.action(), rules.policy().vagueMeasures())) {
            problems.add(new CaseRefusal.Field("longTermMeasure.action", vagueWording(m.action(), rules.policy())));
        }
        if (!problems.isEmpty()) {
            throw new CaseRefusal(
                    CaseRefusal.Kind.INCOMPLETE_RESOLUTION,
                    "The resolution record is incomplete or vague: a concrete measure needs an action, an owner and a due date (LC-10).",
                    problems);
        }
        resolution = new Resolution(
                r.rootCause(),
                r.rootCauseCode(),
                r.defectCorrection(),
                m,
                Boolean.TRUE.equals(r.rework()),
                actor.subject(),
                now);
        resolvedAt = now;
        Assignment.attributeRootCause(this, rules.policy(), r.rootCauseCode());
        HandlingTaskRules.rootCauseRecorded(this, actor.subject(), now);
        followUpSatisfied = null;
        rules.settle(this, "RESOLUTION", now);
        rules.settle(this, "CLOSURE", now);
        rules.cancelAll(this, now);
        var delivery = Delivery.of(PLAN_FOLLOW_UP, now);
        var requests = new ArrayList<>(followUpRequests);
        requests.add(new FollowUpRequest(delivery.eventId(), round, now, Boolean.TRUE.equals(r.rework())));
        followUpRequests = requests;
        addDelivery(delivery);
    }

    /** ESC-08: second handling, a new round with its own resolution clock from now. */
    private void reopen(Instant now, String reason, String rule, CaseClocks rules) {
        rules.cancelAll(this, now);
        reopenCount++;
        round++;
        roundStartedAt = now;
        if (resolution != null) {
            var earlier = new ArrayList<>(earlierResolutions);
            earlier.add(resolution);
            earlierResolutions = earlier;
        }
        resolution = null;
        resolvedAt = null;
        closedAt = null;
        closedBy = null;
        followUpSatisfied = null;
        escalate(new Escalation(
                rule,
                "REOPEN",
                null,
                level,
                level,
                owner,
                reason == null ? "second handling, round " + round : reason,
                now,
                null));
        rules.plan(this, now);
    }

    /**
     * Records an escalation; a breach, a raised level, a manual or conflict hand-over also owes its
     * recipient a notification in the same write ({@value #ESCALATION_NOTICE}, event id by the
     * escalation's position, which a version-checked save makes the same for every writer).
     */
    void escalate(Escalation e) {
        var all = new ArrayList<>(escalations);
        all.add(e);
        escalations = all;
        if (NOTIFIED_ESCALATIONS.contains(e.kind()) && !blank(e.to())) {
            addDelivery(new Delivery(escalationEventId(all.size() - 1), ESCALATION_NOTICE, e.at(), 0, null));
        }
    }

    String escalationEventId(int index) {
        return "escalation:" + id + ":" + index;
    }

    /** SLA-X7: warns the clock's owner once; the warning and its delivery are written with the case. */
    void warnAtRisk(Deadline d, String to, Instant now) {
        var eventId = ("at-risk:" + id + ":" + d.rule() + ":" + d.roundOrFirst()).replace('#', '.');
        if (atRiskWarnings.stream().anyMatch(w -> w.eventId().equals(eventId))) {
            return;
        }
        var all = new ArrayList<>(atRiskWarnings);
        all.add(new AtRiskWarning(eventId, d.rule(), d.clock(), d.roundOrFirst(), to, d.atRiskAt(), d.dueAt()));
        atRiskWarnings = all;
        addDelivery(new Delivery(eventId, AT_RISK, now, 0, null));
    }

    public List<PublishedEvent> published() {
        return List.copyOf(published);
    }

    public String complaintId() {
        return complaintId;
    }

    public List<AtRiskWarning> atRiskWarnings() {
        return List.copyOf(atRiskWarnings);
    }

    public String owner() {
        return owner;
    }

    void audit(String action, State from, State to, String by, String why, Instant at) {
        var all = new ArrayList<>(audit);
        all.add(new AuditEntry(action, from == null ? null : from.name(), to.name(), by, why, at));
        audit = all;
    }

    static Level parseLevel(String value) {
        if (value == null || value.isBlank()) {
            throw CaseRefusal.invalid("level", "is required");
        }
        try {
            return Level.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw CaseRefusal.invalid("level", "is not a level: " + value);
        }
    }

    static String parseFlag(String value) {
        if (blank(value)) {
            throw CaseRefusal.invalid("flag", "is required (CL-23, e.g. MEDIA_OR_LEGAL_PROFESSION)");
        }
        return value.strip().toUpperCase(java.util.Locale.ROOT);
    }

    boolean liabilityEstablished() {
        return liability != null;
    }

    boolean flagged(String flag) {
        return flags != null && flags.contains(flag);
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public String toString() {
        return "Case[" + id + " " + state + " " + level + " round " + round + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Case other && Objects.equals(id, other.id);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }
}
