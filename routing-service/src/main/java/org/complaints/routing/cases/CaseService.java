package org.complaints.routing.cases;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.complaints.routing.calendar.SiteCalendar;
import org.complaints.routing.policy.RoutingPolicy;
import org.complaints.routing.system.RoutingMetrics;
import org.complaints.routing.text.TextChecks;
import org.complaints.support.delivery.Delivery;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.tenant.Site;
import org.complaints.support.tenant.TenantDirectory;
import org.complaints.support.tenant.TenantPolicies;
import org.complaints.support.web.ProblemException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Opens cases and applies every step of the §2.8 state machine. Each step is checked against the
 * transition table (409 otherwise) and the caller's role where a rule names one (LC-07), settles
 * the clocks it satisfies, appends an audit entry (who, when, from, to, why) and is saved as one
 * version-checked document write.
 */
@Service
public class CaseService {

    public static final String PLAN_FOLLOW_UP = "plan-follow-up";

    public record Opened(Case kase, boolean created) {}

    /** Everything a step may carry; each action reads what it needs. */
    public record StepRequest(
            String reason,
            String note,
            String channel,
            String domain,
            String department,
            String person,
            String level,
            String text,
            String to,
            Case.Resolution resolution,
            Long expectedVersion) {

        public static StepRequest empty() {
            return new StepRequest(null, null, null, null, null, null, null, null, null, null, null);
        }
    }

    private final CaseRepository cases;
    private final TenantDirectory tenants;
    private final TenantPolicies<RoutingPolicy> policies;
    private final RoutingMetrics metrics;
    private final GroupComplaints groups;
    private final Clock clock;

    CaseService(
            CaseRepository cases,
            TenantDirectory tenants,
            TenantPolicies<RoutingPolicy> policies,
            RoutingMetrics metrics,
            GroupComplaints groups,
            Clock clock) {
        this.cases = cases;
        this.tenants = tenants;
        this.policies = policies;
        this.metrics = metrics;
        this.groups = groups;
        this.clock = clock;
    }

    /** Idempotent by complaint id: a second call returns the case already opened (RT-10: one case, one owner). */
    public Opened open(CallerIdentity caller, OpenCaseRequest request) {
        if (request.complaintId() == null || request.complaintId().isBlank()) {
            throw ProblemException.invalid("complaintId", "is required");
        }
        var existing = cases.findByTenantAndComplaintId(caller.tenant(), request.complaintId());
        if (existing.isPresent()) {
            return new Opened(existing.get(), false);
        }
        var policy = policies.of(caller);
        var site = site(caller.tenant(), request.site());
        var c = new Case();
        c.id = UUID.randomUUID().toString();
        c.tenant = caller.tenant();
        c.complaintId = request.complaintId();
        c.region = site.region();
        c.site = site.id();
        c.channel = required(request.channel(), "channel");
        c.level = level(request.level()).name();
        c.subjectType = request.subjectType();
        c.responsibilityCategory = request.responsibilityCategory();
        c.domain = request.responsibleDomain();
        c.flags = request.flags() == null ? List.of() : request.flags();
        c.circumstances = request.circumstances() == null ? List.of() : request.circumstances();
        c.demand = request.demand();
        c.customerRef = request.customerRef();
        c.productRef = request.productRef();
        c.receiver = request.receiver();
        c.receivedAt = request.receivedAt() == null ? clock.instant() : request.receivedAt();
        var calendar = new SiteCalendar(site);
        c.timingStart = calendar.timingStart(c.receivedAt, policy.countingWindow());
        Assignment.assign(c, policy, c.domain, null, null);
        audit(c, "OPEN", null, c.state.name(), caller, "complaint " + c.complaintId);
        groups.join(c, policy);
        sideRoutes(c, policy);
        clocks(c, policy, site).plan(c);
        try {
            var saved = cases.insert(c);
            metrics.opened(c.tenant, c.level);
            return new Opened(saved, true);
        } catch (DuplicateKeyException race) {
            return new Opened(
                    cases.findByTenantAndComplaintId(caller.tenant(), request.complaintId())
                            .orElseThrow(),
                    false);
        }
    }

    public Case get(CallerIdentity caller, String id) {
        return cases.findByIdAndTenant(id, caller.tenant())
                .filter(c -> caller.mayActInRegion(c.region))
                .orElseThrow(() -> ProblemException.notFound("case", id));
    }

    public Optional<Case> byComplaint(CallerIdentity caller, String complaintId) {
        return cases.findByTenantAndComplaintId(caller.tenant(), complaintId)
                .filter(c -> caller.mayActInRegion(c.region));
    }

    public String levelName(Case c) {
        var names = policies.of(c.tenant).levelNames();
        return names == null ? c.level : names.getOrDefault(c.level, c.level);
    }

    /** Applies one staff action. */
    public Case act(CallerIdentity caller, String id, String action, StepRequest step) {
        if (caller.kind() == CallerIdentity.Kind.PARTNER && !caller.hasScope("cases:write")) {
            throw ProblemException.forbidden("Scope cases:write is required.");
        }
        var c = get(caller, id);
        if (step.expectedVersion() != null && !step.expectedVersion().equals(c.version)) {
            throw new ProblemException(
                    HttpStatus.PRECONDITION_FAILED,
                    "stale-version",
                    "The case changed since version " + step.expectedVersion() + "; reload it.");
        }
        var policy = policies.of(c.tenant);
        var now = clock.instant();
        var from = c.state;
        if (action.equals("CONTACT") && !Transitions.STEPS.get("CONTACT").from().contains(from)) {
            action = "LOG_CONTACT";
        }
        var to = transition(action, from);
        var clocks = clocks(c, policy, site(c.tenant, c.site));
        switch (action) {
            case "HAND_OVER" -> {
                c.handedOverAt = now;
                clocks.settle(c, "HAND_OVER", now);
            }
            case "ACCEPT" -> {
                c.acceptedAt = now;
                if (c.handedOverAt == null) {
                    c.handedOverAt = now;
                    clocks.settle(c, "HAND_OVER", now);
                }
                clocks.settle(c, "ACCEPTANCE", now);
            }
            case "ASSIGN" -> Assignment.assign(c, policy, step.domain(), step.department(), step.person());
            case "CONTACT" -> contact(c, clocks, caller, step, now);
            case "LOG_CONTACT" -> contact(c, clocks, caller, step, now);
            case "URGE" -> {
                var urgings = new ArrayList<>(c.urgings);
                urgings.add(now);
                c.urgings = urgings;
                clocks.urged(c, now);
            }
            case "RESOLVE" -> resolve(c, policy, caller, step, clocks, now);
            case "CLOSE" -> close(c, policy, caller, clocks, now);
            case "REOPEN" -> {
                requireRole(caller, policy.reopenRoles(), "reopen a case");
                reopen(c, now, step.reason(), "REOPEN");
            }
            case "MESSAGE" -> message(c, policy, caller, step, now);
            case "ESCALATE" -> escalateByHand(c, caller, step, clocks, now);
            case "RAISE_LEVEL" -> raiseLevel(c, caller, step, clocks, now);
            default -> {
                // state-only steps: investigate, propose, offer, agree, implement
            }
        }
        c.state = to;
        audit(c, action, from.name(), to.name(), caller, step.reason());
        return cases.save(c);
    }

    /** Another service's event; a repeated event id changes nothing (docs/contracts.md). */
    public Case event(CallerIdentity caller, String id, CaseEvent event) {
        if (event.eventId() == null || event.eventId().isBlank()) {
            throw ProblemException.invalid("eventId", "is required");
        }
        var c = get(caller, id);
        if (c.processedEvents.contains(event.eventId())) {
            return c;
        }
        var now = clock.instant();
        var from = c.state;
        var policy = policies.of(c.tenant);
        var action = switch (event.type() == null ? "" : event.type()) {
            case "COMPENSATION_PROPOSED" -> "PROPOSE";
            case "COMPENSATION_PENDING_APPROVAL" -> "REQUEST_APPROVAL";
            case "COMPENSATION_APPROVED" -> "OFFER";
            case "OFFER_REJECTED_BY_CUSTOMER" -> "OFFER_REJECTED";
            case "AGREEMENT_SIGNED" -> "AGREE";
            case "REMEDY_DELIVERED" -> "IMPLEMENT";
            case "FOLLOW_UP_SATISFIED" -> "FOLLOW_UP_SATISFIED";
            case "FOLLOW_UP_UNSATISFIED" -> "FOLLOW_UP_UNSATISFIED";
            case "COMPLAINT_NOT_ESTABLISHED" -> "NOT_ESTABLISHED";
            default -> throw ProblemException.invalid("type", "is not a known event type: " + event.type());
        };
        var to = transition(action, from);
        switch (action) {
            case "FOLLOW_UP_SATISFIED" -> c.followUpSatisfied = true;
            case "FOLLOW_UP_UNSATISFIED" -> reopen(c, now, event.reason(), "ESC-08");
            case "OFFER_REJECTED" -> {
                var escalateTo =
                        event.data() == null ? null : (String) event.data().get("escalateTo");
                if (escalateTo != null) {
                    c.owner = escalateTo;
                    escalation(
                            c,
                            new Case.Escalation(
                                    "ESC-05",
                                    "CONFLICT",
                                    null,
                                    c.level,
                                    c.level,
                                    escalateTo,
                                    "customer rejected the proposal",
                                    now));
                }
            }
            case "IMPLEMENT" -> c.remedyDelivered = true;
            case "NOT_ESTABLISHED" -> {
                c.closedAt = now;
                clocks(c, policy, site(c.tenant, c.site)).settle(c, "CLOSURE", now);
                c.deadlines = c.deadlines.stream()
                        .map(d -> d.pending() ? d.settle("SKIPPED", now) : d)
                        .toList();
                c.nextDueAt = null;
            }
            default -> {}
        }
        c.state = to;
        var processed = new ArrayList<>(c.processedEvents);
        processed.add(event.eventId());
        c.processedEvents = processed;
        audit(c, event.type(), from.name(), to.name(), caller, event.reason());
        return cases.save(c);
    }

    private void contact(Case c, CaseClocks clocks, CallerIdentity caller, StepRequest step, Instant now) {
        var contacts = new ArrayList<>(c.contacts);
        contacts.add(new Case.Contact(caller.subject(), step.channel(), step.note(), now));
        c.contacts = contacts;
        if (c.firstContactAt == null) {
            c.firstContactAt = now;
            clocks.settle(c, "FIRST_RESPONSE", now);
        }
    }

    /** LC-08/LC-10: root cause, defect correction and a concrete long-term measure (action, owner, due date). */
    private void resolve(
            Case c, RoutingPolicy policy, CallerIdentity caller, StepRequest step, CaseClocks clocks, Instant now) {
        var r = step.resolution();
        if (r == null) {
            throw ProblemException.invalid(
                    "resolution", "is required: rootCause, defectCorrection and longTermMeasure");
        }
        var problems = new ArrayList<ProblemException.FieldProblem>();
        if (blank(r.rootCause())) {
            problems.add(new ProblemException.FieldProblem("rootCause", "is required (LC-06, RC-05)"));
        }
        if (blank(r.defectCorrection())) {
            problems.add(new ProblemException.FieldProblem("defectCorrection", "is required (LC-08: 缺点纠正)"));
        }
        var m = r.longTermMeasure();
        if (m == null || blank(m.action()) || blank(m.owner()) || m.dueDate() == null) {
            problems.add(new ProblemException.FieldProblem(
                    "longTermMeasure", "needs a concrete action, an owner and a due date (LC-10)"));
        } else if (TextChecks.isVague(m.action(), policy.vagueMeasures())) {
            problems.add(
                    new ProblemException.FieldProblem(
                            "longTermMeasure.action",
                            "is vague wording (e.g. 加强培训/加强检查); name a concrete, verifiable action with its owner and due date (LC-10, RC-02)"));
        }
        if (!problems.isEmpty()) {
            throw new ProblemException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "vague-or-missing-corrective-measure",
                    "The resolution record is incomplete or vague: a concrete measure needs an action, an owner and a due date (LC-10).",
                    problems);
        }
        c.resolution = new Case.Resolution(
                r.rootCause(),
                r.rootCauseCode(),
                r.defectCorrection(),
                m,
                Boolean.TRUE.equals(r.rework()),
                caller.subject(),
                now);
        c.resolvedAt = now;
        c.followUpSatisfied = null;
        clocks.settle(c, "RESOLUTION", now);
        var deliveries = new ArrayList<>(c.deliveries);
        deliveries.add(Delivery.of(PLAN_FOLLOW_UP, now));
        c.deliveries = deliveries;
    }

    /** LC-07: only the roles the policy names close; after rework or a remedy, a satisfied follow-up first (§2.8). */
    private void close(Case c, RoutingPolicy policy, CallerIdentity caller, CaseClocks clocks, Instant now) {
        requireRole(caller, policy.closureRoles(), "close a case (LC-07)");
        var remedyOrRework = c.remedyDelivered || (c.resolution != null && Boolean.TRUE.equals(c.resolution.rework()));
        if (policy.closureRequiresFollowUp() && remedyOrRework && !Boolean.TRUE.equals(c.followUpSatisfied)) {
            throw ProblemException.conflict(
                    "follow-up-required",
                    "Closure waits for a satisfied follow-up after rework or a delivered remedy (LC-09, §2.8).");
        }
        c.closedAt = now;
        c.closedBy = caller.subject();
        clocks.settle(c, "CLOSURE", now);
    }

    /** ESC-08: second handling; the case is worked again from investigation. */
    private void reopen(Case c, Instant now, String reason, String rule) {
        c.reopenCount++;
        c.resolvedAt = null;
        c.closedAt = null;
        c.followUpSatisfied = null;
        escalation(
                c,
                new Case.Escalation(
                        rule,
                        "REOPEN",
                        null,
                        c.level,
                        c.level,
                        c.owner,
                        reason == null ? "second handling" : reason,
                        now));
    }

    private void message(Case c, RoutingPolicy policy, CallerIdentity caller, StepRequest step, Instant now) {
        if (blank(step.text())) {
            throw ProblemException.invalid("text", "is required");
        }
        var hits = TextChecks.bannedHits(step.text(), policy.bannedPhrases());
        if (!hits.isEmpty() && "BLOCK".equals(policy.bannedPhraseMode())) {
            throw new ProblemException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "banned-phrase",
                    "The message contains phrases not to use with customers (§12.1): " + hits,
                    List.of(new ProblemException.FieldProblem("text", "contains " + hits)));
        }
        var messages = new ArrayList<>(c.messages);
        messages.add(new Case.Message(step.text(), hits, caller.subject(), now));
        c.messages = messages;
    }

    private void escalateByHand(Case c, CallerIdentity caller, StepRequest step, CaseClocks clocks, Instant now) {
        if (blank(step.to())) {
            throw ProblemException.invalid("to", "names who the case is escalated to");
        }
        escalation(c, new Case.Escalation("MANUAL", "MANUAL", null, c.level, c.level, step.to(), step.reason(), now));
        clocks.settle(c, "ESCALATION", now);
    }

    /** The level may be raised by hand; lowering is not a step (CL-03). */
    private void raiseLevel(Case c, CallerIdentity caller, StepRequest step, CaseClocks clocks, Instant now) {
        var to = level(step.level());
        var from = c.level();
        if (to.compareTo(from) < 0) {
            throw ProblemException.conflict("level-never-lowered", "A case level is never lowered (CL-03).");
        }
        c.level = to.name();
        escalation(
                c, new Case.Escalation("CL-03", "LEVEL_RAISE", null, from.name(), to.name(), null, step.reason(), now));
        sideRoutes(c, policies.of(c.tenant));
        clocks.plan(c);
    }

    /** ESC-01, SLA-X2 and the like: tasks opened at once for the matching cases, once each. */
    void sideRoutes(Case c, RoutingPolicy policy) {
        if (policy.sideRoutes() == null) {
            return;
        }
        var now = clock.instant();
        for (var route : policy.sideRoutes()) {
            var channelMatches = route.channels().isEmpty() || route.channels().contains(c.channel);
            var levelMatches = route.minLevel() == null || c.level().atLeast(Level.valueOf(route.minLevel()));
            var already = c.tasks.stream().anyMatch(t -> t.task().equals(route.task()));
            if (channelMatches && levelMatches && !already) {
                var tasks = new ArrayList<>(c.tasks);
                tasks.add(new Case.Task(route.task(), route.rule(), route.assignee(), now, "OPEN", now));
                c.tasks = tasks;
                escalation(
                        c,
                        new Case.Escalation(
                                route.rule(),
                                "SIDE_ROUTE",
                                null,
                                c.level,
                                c.level,
                                route.assignee(),
                                route.task(),
                                now));
            }
        }
    }

    void escalation(Case c, Case.Escalation e) {
        var all = new ArrayList<>(c.escalations);
        all.add(e);
        c.escalations = all;
        metrics.escalated(c.tenant, e.rule());
    }

    CaseClocks clocks(Case c, RoutingPolicy policy, Site site) {
        return new CaseClocks(policy, new SiteCalendar(site), new CaseClocks.Signals() {
            @Override
            public void atRisk(Case k, Case.Deadline d) {
                metrics.atRisk(k.tenant, d.clock());
            }

            @Override
            public void breached(Case k, Case.Deadline d) {
                metrics.breached(k.tenant, d.clock());
            }

            @Override
            public void escalated(Case k, Case.Escalation e) {
                metrics.escalated(k.tenant, e.rule());
            }
        });
    }

    Site site(String tenant, String siteId) {
        return tenants.find(tenant)
                .flatMap(t -> t.site(siteId))
                .orElseThrow(() -> ProblemException.invalid("site", "is not a site of this tenant"));
    }

    private static State transition(String action, State from) {
        try {
            return Transitions.next(action, from);
        } catch (Transitions.IllegalTransition e) {
            throw ProblemException.conflict("illegal-transition", e.getMessage() + " (DOMAIN.md §2.8).");
        }
    }

    private static void requireRole(CallerIdentity caller, List<String> roles, String what) {
        if (!caller.hasAnyRole(roles)) {
            throw ProblemException.forbidden("Only " + roles + " may " + what + ".");
        }
    }

    private void audit(Case c, String action, String from, String to, CallerIdentity caller, String why) {
        var audit = new ArrayList<>(c.audit);
        audit.add(new Case.AuditEntry(action, from, to, caller.subject(), why, clock.instant()));
        c.audit = audit;
    }

    private static Level level(String value) {
        try {
            return Level.valueOf(required(value, "level"));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("level", "is not a level: " + value);
        }
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalid(field, "is required");
        }
        return value;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
