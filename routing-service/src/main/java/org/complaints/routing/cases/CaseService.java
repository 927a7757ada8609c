package org.complaints.routing.cases;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.complaints.routing.calendar.SiteCalendar;
import org.complaints.routing.commitments.EarlierCommitments;
import org.complaints.routing.commitments.OpenCommitment;
import org.complaints.routing.incidents.GroupComplaints;
import org.complaints.routing.policy.RoutingPolicy;
import org.complaints.routing.rosters.DeskCoverage;
import org.complaints.routing.system.RoutingMetrics;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.lookup.HourIndex;
import org.complaints.support.scope.CallerScope;
import org.complaints.support.store.DocumentIds;
import org.complaints.support.tenant.Site;
import org.complaints.support.tenant.TenantDirectory;
import org.complaints.support.tenant.TenantPolicies;
import org.complaints.support.text.TextLinter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;

/**
 * The application service of cases: loads a case, lets the aggregate apply the action or event
 * ({@link Case#apply}), numbers the case-state change and saves everything as one version-checked
 * document write; metrics are counted only once the write succeeded. Refusals are
 * {@link CaseRefusal}s; the controllers turn them into problem details.
 */
@Service
public class CaseService {

    /**
     * Intake accepts a receipt time up to its tenant's clock skew ahead (ADR 0103, 2 minutes by
     * default); routing accepts what intake accepted, with room for its own clock lagging intake's,
     * so a complaint intake took is never refused here and parked. Clocks count from it as given.
     */
    static final Duration RECEIPT_AHEAD = Duration.ofMinutes(5);

    /** Intake links at most 20 earlier complaints; more are not kept. */
    static final int MAX_LINKED = 50;

    public record Opened(Case kase, boolean created) {}

    private final CaseRepository cases;
    private final GroupComplaints groups;
    private final TenantDirectory tenants;
    private final TenantPolicies<RoutingPolicy> policies;
    private final RoutingMetrics metrics;
    private final DeskCoverage desk;
    private final EarlierCommitments commitments;
    private final TextLinter texts;
    private final Clock clock;

    /** Without a source of earlier commitments (tests of other rules): nothing needs acknowledging. */
    @Autowired
    public CaseService(
            CaseRepository cases,
            GroupComplaints groups,
            TenantDirectory tenants,
            TenantPolicies<RoutingPolicy> policies,
            RoutingMetrics metrics,
            DeskCoverage desk,
            EarlierCommitments commitments,
            TextLinter texts,
            Clock clock) {
        this.cases = cases;
        this.groups = groups;
        this.tenants = tenants;
        this.policies = policies;
        this.metrics = metrics;
        this.desk = desk;
        this.commitments = commitments;
        this.texts = texts;
        this.clock = clock;
    }

    /**
     * Idempotent by complaint id: a second call returns the case already opened (RT-10: one case, one
     * owner). A ticket that finds nobody on duty at its site's desk alerts the acceptance clock's
     * recipient at once, in the same write (OT-30, LC-51); its clocks run as usual.
     */
    public Opened open(CallerIdentity caller, OpenCaseRequest request) {
        if (request.complaintId() == null || request.complaintId().isBlank()) {
            throw CaseRefusal.invalid("complaintId", "is required");
        }
        var existing = cases.findByTenantAndComplaintId(caller.tenant(), request.complaintId());
        if (existing.isPresent()) {
            return new Opened(existing.get(), false);
        }
        var now = clock.instant();
        var policy = policies.of(caller.tenant());
        var site = site(caller.tenant(), request.site());
        var c = new Case();
        c.id = DocumentIds.next();
        c.tenant = caller.tenant();
        c.complaintId = request.complaintId();
        c.region = site.region();
        c.site = site.id();
        if (Case.blank(request.channel())) {
            throw CaseRefusal.invalid("channel", "is required");
        }
        c.channel = request.channel();
        c.level = Case.parseLevel(request.level()).name();
        c.priority = request.priority() == null ? 0 : Math.max(0, Math.min(5, request.priority()));
        c.subjectType = request.subjectType();
        c.responsibilityCategory = request.responsibilityCategory();
        c.domain = request.responsibleDomain();
        c.flags = request.flags() == null ? List.of() : request.flags();
        c.circumstances = request.circumstances() == null ? List.of() : request.circumstances();
        c.demand = request.demand();
        c.customerRef = request.customerRef();
        c.productRef = request.productRef();
        c.receiver = request.receiver();
        c.linkedComplaints = request.linkedComplaints() == null
                ? List.of()
                : request.linkedComplaints().stream()
                        .filter(id -> id != null && !id.isBlank())
                        .distinct()
                        .limit(MAX_LINKED)
                        .toList();
        c.receivedAt = request.receivedAt() == null ? now : request.receivedAt();
        if (c.receivedAt.isAfter(now.plus(RECEIPT_AHEAD))) {
            throw CaseRefusal.invalid("receivedAt", "is more than " + RECEIPT_AHEAD + " ahead of routing's clock");
        }
        c.openedAt = now;
        c.roundStartedAt = c.receivedAt;
        c.levels = List.of(new Case.LevelChange(c.level, c.receivedAt, "OPEN"));
        var opening = CaseFacts.Snapshot.opening(c.level);
        var calendar = new SiteCalendar(site);
        c.timingStart = calendar.timingStart(c.receivedAt, policy.countingWindow());
        Assignment.assign(c, policy, c.domain, null, null);
        c.audit("OPEN", null, c.state, caller.subject(), "complaint " + c.complaintId, now);
        var signals = new Signals();
        var rules = new CaseClocks(policy, calendar, signals, texts.policy(c.tenant));
        var linked = joinIncident(c, policy, rules);
        rules.plan(c, now);
        rules.routeSides(c, c.receivedAt);
        CustomerFlags.atOpening(c, rules, c.receivedAt);
        rules.handOver(c, now);
        if (c.owner != null && !c.owner.startsWith("role:")) {
            HandlingTaskRules.rootCause(c, rules, now);
        }
        rules.fire(c, now);
        desk.unstaffedAt(c.tenant, site, c.timingStart)
                .ifPresent(at -> c.deskUnstaffed(
                        at.atZone(site.zone()).toLocalDateTime(),
                        policy.ladder() == null
                                ? policy.triageRole()
                                : policy.ladder().forClock("ACCEPTANCE"),
                        now));
        CaseFacts.publish(
                c,
                opening,
                List.of(CaseFacts.Fact.of(
                        PartnerEvent.COMPLAINT_RECEIVED,
                        c.receivedAt,
                        "complaintId",
                        c.complaintId,
                        "channel",
                        c.channel,
                        "level",
                        opening.level(),
                        "receivedAt",
                        c.receivedAt)),
                now);
        c.recordChange(null, now);
        Case saved;
        try {
            saved = cases.insert(c);
        } catch (DuplicateKeyException race) {
            return new Opened(
                    cases.findByTenantAndComplaintId(caller.tenant(), request.complaintId())
                            .orElseThrow(),
                    false);
        }
        signals.flush(saved);
        c.escalations.forEach(e -> metrics.escalated(c.tenant, e.rule()));
        metrics.opened(c.tenant, c.level);
        for (var id : linked) {
            raiseLinked(id, c, now);
        }
        return new Opened(saved, true);
    }

    /** RT-06: the new case joins (or forms) an incident and is raised to the incident's level before planning. */
    private List<String> joinIncident(Case c, RoutingPolicy policy, CaseClocks rules) {
        var rule = policy.groupComplaint();
        if (rule == null || c.productRef == null || c.productRef.isBlank()) {
            return List.of();
        }
        var earlier = cases.findOnProduct(c.tenant, c.site, c.productRef, c.receivedAt.minus(rule.window()));
        var members = earlier.stream()
                .map(k -> new GroupComplaints.Member(k.id, k.incidentId))
                .toList();
        var incident = groups.join(c.tenant, c.site, c.productRef, c.id, c.receivedAt, members, rule);
        if (incident.isEmpty()) {
            return List.of();
        }
        c.incidentId = incident.get();
        rules.raise(
                c,
                Level.valueOf(rule.minLevel()),
                "RT-06",
                null,
                "group complaint " + c.incidentId,
                c.receivedAt,
                null);
        return earlier.stream().map(Case::id).toList();
    }

    /**
     * RT-06 after the fact: an earlier case of the incident is linked and raised to the incident's
     * level; its clocks and side routes (SLA-X2 legal report) are re-planned from the incident's
     * time. A terminal case is linked but not raised. Retried on a concurrent write.
     */
    private void raiseLinked(String id, Case trigger, Instant now) {
        var minimum = Level.valueOf(policies.of(trigger.tenant).groupComplaint().minLevel());
        for (var attempt = 0; attempt < 5; attempt++) {
            var k = cases.findById(id).orElse(null);
            if (k == null) {
                return;
            }
            if (trigger.incidentId.equals(k.incidentId) && (k.level().atLeast(minimum) || k.state.terminal())) {
                return;
            }
            try {
                update(k, now, (kase, rules) -> {
                    kase.incidentId = trigger.incidentId;
                    if (!kase.state.terminal()) {
                        var at = kase.receivedAt.isAfter(trigger.receivedAt) ? kase.receivedAt : trigger.receivedAt;
                        rules.raise(kase, minimum, "RT-06", null, "group complaint " + trigger.incidentId, at, null);
                        rules.fire(kase, now);
                    }
                });
                return;
            } catch (OptimisticLockingFailureException raced) {
                // reload and apply again
            }
        }
    }

    public Case get(CallerIdentity caller, String id) {
        var scope = CallerScope.of(caller);
        return cases.findById(id)
                .filter(c -> scope.covers(c.tenant, c.region, c.site))
                .orElseThrow(() -> CaseRefusal.notFound("case", id));
    }

    public Optional<Case> byComplaint(CallerIdentity caller, String complaintId) {
        var scope = CallerScope.of(caller);
        return cases.findByTenantAndComplaintId(caller.tenant(), complaintId)
                .filter(c -> scope.covers(c.tenant, c.region, c.site));
    }

    public HourIndex.Page<Case> page(
            CallerIdentity caller, String state, String level, String site, String cursor, int limit) {
        return cases.page(CallerScope.of(caller).within(null, site), state, level, cursor, limit);
    }

    /** The open cases {@code owner} (see {@link #owners}) holds in the caller's scope, nearest deadline first. */
    public HourIndex.Page<Case> owned(
            CallerIdentity caller, String owner, String state, String level, String site, String cursor, int limit) {
        var scope = CallerScope.of(caller).within(null, site);
        return cases.ownedBy(scope, owners(caller, owner), state, level, cursor, limit);
    }

    /**
     * {@code me}: the caller in person and every role they hold; {@code role:<r>}: one of the caller's
     * roles. Taken from the verified identity only, so nobody lists another person's cases this way.
     */
    static Set<String> owners(CallerIdentity caller, String owner) {
        if (owner.equals("me")) {
            var owners = new HashSet<String>();
            owners.add(caller.subject());
            owners.add("person:" + caller.subject());
            caller.roles().forEach(r -> owners.add("role:" + r));
            return owners;
        }
        if (!owner.startsWith("role:")) {
            throw CaseRefusal.invalid("owner", "must be me or role:<one of your roles>");
        }
        if (!caller.hasRole(owner.substring("role:".length()))) {
            throw new CaseRefusal(
                    CaseRefusal.Kind.NOT_ALLOWED, "You may list your own cases and your roles' cases, not " + owner);
        }
        return Set.of(owner);
    }

    /** The case as callers see it: its level's tenant name and what may be done next. */
    public CaseView view(Case c) {
        var policy = policies.of(c.tenant);
        var names = policy.levelNames();
        return CaseView.of(c, names == null ? c.level : names.getOrDefault(c.level, c.level), policy);
    }

    /** Applies one staff action; {@code CONTACT} after the first response is a logged contact. */
    public Case act(CallerIdentity caller, String id, Action action, Step step) {
        if (caller.kind() == CallerIdentity.Kind.PARTNER && !caller.hasScope("cases:write")) {
            throw new CaseRefusal(CaseRefusal.Kind.NOT_ALLOWED, "Scope cases:write is required.");
        }
        return retried(() -> {
            var c = get(caller, id);
            var effective = action == Action.CONTACT
                            && !Action.CONTACT.allowedFrom(c.state)
                            && Action.LOG_CONTACT.allowedFrom(c.state)
                    ? Action.LOG_CONTACT
                    : action;
            var open = effective == Action.PROPOSE ? openCommitments(c, actor(caller)) : List.<OpenCommitment>of();
            return update(c, clock.instant(), (kase, rules) -> {
                kase.apply(effective, step, actor(caller), clock.instant(), rules);
                if (effective == Action.PROPOSE) {
                    kase.acknowledge(open, step.acknowledgedOrEmpty(), actor(caller), clock.instant());
                }
            });
        });
    }

    /**
     * OT-02: the earlier, linked complaints' open promises and agreements, asked from intake only
     * for a case that has linked complaints and only once the step itself is permitted here (so a
     * refusal for role or state does not depend on intake). Intake not answering refuses the step
     * (503, nothing changed): the check is a MUST, and only linked cases depend on it (ADR 0122).
     */
    private List<OpenCommitment> openCommitments(Case c, Actor actor) {
        if (!c.hasLinkedComplaints() || !Action.PROPOSE.allowedFrom(c.state)) {
            return List.of();
        }
        c.authorize(Action.PROPOSE, actor, policies.of(c.tenant));
        try {
            return commitments.open(c.tenant, c.complaintId);
        } catch (EarlierCommitments.Unavailable e) {
            throw new CaseRefusal(
                    CaseRefusal.Kind.UNAVAILABLE,
                    "The earlier complaints' promises and agreements cannot be checked now (intake-service is unavailable); retry later (OT-02).");
        }
    }

    /** Completes one of the case's side-route tasks with evidence ({@link Case#completeTask}). */
    public Case completeTask(CallerIdentity caller, String id, String taskId, String evidence) {
        return retried(() -> {
            var c = get(caller, id);
            var now = clock.instant();
            return update(c, now, (kase, rules) -> kase.completeTask(taskId, actor(caller), evidence, now, rules));
        });
    }

    /**
     * A step or event that lost the race with another write of the case (the sweep, an event, a
     * colleague) is applied again to the case as it now is: the caller did not change anything the
     * other writer did (a step pinned by If-Match then fails its version check, 412). Without this an
     * event was answered 409 and parked by the sender's relay.
     */
    private static Case retried(java.util.function.Supplier<Case> write) {
        for (var attempt = 1; ; attempt++) {
            try {
                return write.get();
            } catch (OptimisticLockingFailureException raced) {
                if (attempt >= 5) {
                    throw raced;
                }
            }
        }
    }

    /**
     * Another service's event (compensation, follow-up), idempotent by {@code eventId}: a replay
     * changes nothing and is acknowledged. A follow-up outcome of an earlier round (the case was
     * reopened already) is acknowledged and ignored, so an unsatisfied outcome reopens once.
     */
    public Case event(CallerIdentity caller, String id, CaseEvent event) {
        if (event.eventId() == null || event.eventId().isBlank()) {
            throw CaseRefusal.invalid("eventId", "is required");
        }
        var action = CaseEvent.action(event.type())
                .orElseThrow(() -> CaseRefusal.invalid("type", "is not a known event type: " + event.type()));
        return retried(() -> {
            var c = get(caller, id);
            if (c.processedEvents.contains(event.eventId())) {
                return c;
            }
            var now = clock.instant();
            var step = Step.event(event.reason(), event.data());
            var round = event.data() == null ? null : event.data().get("round");
            var stale = (action == Action.FOLLOW_UP_SATISFIED || action == Action.FOLLOW_UP_UNSATISFIED)
                    && round instanceof Number n
                    && n.intValue() < c.round;
            return update(c, now, facts(event, action, now), (kase, rules) -> {
                if (stale) {
                    kase.authorize(action, actor(caller), rules.policy());
                    kase.audit(
                            event.type(), kase.state, kase.state, caller.subject(), "outcome of an earlier round", now);
                } else {
                    kase.apply(action, step, actor(caller), now, rules);
                }
                var processed = new ArrayList<>(kase.processedEvents);
                processed.add(event.eventId());
                kase.processedEvents = processed;
            });
        });
    }

    /** What a relayed event tells partners besides the changes it makes (ADR 0260). */
    private static List<CaseFacts.Fact> facts(CaseEvent event, Action action, Instant now) {
        var data = event.data() == null ? java.util.Map.<String, Object>of() : event.data();
        return switch (event.type()) {
            case "COMPENSATION_APPROVED", "COMPENSATION_REJECTED" ->
                List.of(CaseFacts.Fact.of(
                        PartnerEvent.COMPENSATION_DECIDED,
                        now,
                        "decision",
                        event.type().equals("COMPENSATION_APPROVED") ? "APPROVED" : "REJECTED",
                        "compensationId",
                        text(data.get("compensationId"))));
            case "FOLLOW_UP_SATISFIED", "FOLLOW_UP_UNSATISFIED" ->
                List.of(CaseFacts.Fact.of(
                        PartnerEvent.FOLLOW_UP_OUTCOME,
                        now,
                        "satisfied",
                        action == Action.FOLLOW_UP_SATISFIED,
                        "round",
                        data.get("round") instanceof Number n ? n.intValue() : null,
                        "followUpId",
                        text(data.get("followUpId")),
                        "followUpType",
                        text(data.get("type"))));
            default -> List.of();
        };
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /**
     * Records facts that change nothing else on the case (a follow-up planned and due, a broken
     * promise; ADR 0260), once per {@code sourceId} however often the sender repeats it. A case
     * not (yet) opened for the complaint records nothing.
     */
    public void recordFacts(
            String tenant, String caseId, String complaintId, String sourceId, List<CaseFacts.Fact> facts) {
        retried(() -> {
            var found = caseId != null ? cases.findById(caseId) : cases.findByTenantAndComplaintId(tenant, complaintId);
            var c = found.filter(k -> k.tenant.equals(tenant)).orElse(null);
            if (c == null || c.processedEvents.contains(sourceId)) {
                return c;
            }
            return update(c, clock.instant(), facts, (kase, rules) -> {
                var processed = new ArrayList<>(kase.processedEvents);
                processed.add(sourceId);
                kase.processedEvents = processed;
            });
        });
    }

    /**
     * The sweep's step for one due case: fires its due clocks (on a terminal case only the work its
     * closure opened, the RC-04 review, can fall due); returns whether the case was saved (false
     * when another writer won the race).
     */
    public boolean sweep(Case c, Instant now) {
        if (c.state.terminal() && c.nextDueAt == null) {
            return false;
        }
        try {
            update(c, now, (kase, rules) -> rules.fire(kase, now));
            return true;
        } catch (OptimisticLockingFailureException raced) {
            return false;
        }
    }

    private interface Change {
        void apply(Case c, CaseClocks rules);
    }

    /**
     * One change of one case: applied, numbered for the mirror, saved, then counted. The next due
     * time is taken after the change, so a case that ended carries none even with open tasks.
     */
    private Case update(Case c, Instant now, Change change) {
        return update(c, now, List.of(), change);
    }

    private Case update(Case c, Instant now, List<CaseFacts.Fact> facts, Change change) {
        var before = c.mirror();
        var published = CaseFacts.Snapshot.of(c);
        var escalations = c.escalations.size();
        var reopens = c.reopenCount;
        var signals = new Signals();
        change.apply(c, clocks(c, signals));
        c.nextDueAt = CaseClocks.nextDue(c);
        CaseFacts.publish(c, published, facts, now);
        c.recordChange(before, now);
        var saved = cases.save(c);
        signals.flush(saved);
        c.escalations.subList(escalations, c.escalations.size()).forEach(e -> metrics.escalated(c.tenant, e.rule()));
        if (saved.reopenCount > reopens) {
            metrics.reopened(c.tenant);
        }
        return saved;
    }

    CaseClocks clocks(Case c, CaseClocks.Signals signals) {
        return new CaseClocks(
                policies.of(c.tenant), new SiteCalendar(site(c.tenant, c.site)), signals, texts.policy(c.tenant));
    }

    private Site site(String tenant, String siteId) {
        return tenants.find(tenant)
                .flatMap(t -> t.site(siteId))
                .orElseThrow(() -> CaseRefusal.invalid("site", "is not a site of this tenant"));
    }

    private static Actor actor(CallerIdentity caller) {
        return new Actor(
                caller.subject(), caller.roles(), caller.isSystem(), caller.kind() == CallerIdentity.Kind.STAFF);
    }

    /** Collects what the clocks signalled and counts it only after the write succeeded. */
    private final class Signals implements CaseClocks.Signals {
        private final List<Consumer<RoutingMetrics>> pending = new ArrayList<>();

        @Override
        public void atRisk(Case c, Case.Deadline d) {
            pending.add(m -> m.atRisk(c.tenant, d.clock()));
        }

        @Override
        public void breached(Case c, Case.Deadline d) {
            pending.add(m -> m.breached(c.tenant, d.clock()));
        }

        @Override
        public void escalated(Case c, Case.Escalation e) {
            // counted from the saved case's new escalations, with those the case records itself
        }

        void flush(Case saved) {
            pending.forEach(p -> p.accept(metrics));
            pending.clear();
        }
    }
}
