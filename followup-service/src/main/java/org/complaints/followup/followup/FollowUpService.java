package org.complaints.followup.followup;

import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.complaints.followup.policy.FollowupAction;
import org.complaints.followup.policy.FollowupPermissions;
import org.complaints.followup.policy.FollowupPolicy;
import org.complaints.followup.system.FollowupMetrics;
import org.complaints.support.delivery.Delivery;
import org.complaints.support.due.DueBuckets;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.scope.CallerScope;
import org.complaints.support.store.DocumentIds;
import org.complaints.support.tenant.Site;
import org.complaints.support.tenant.TenantDirectory;
import org.complaints.support.tenant.TenantPolicies;
import org.complaints.support.text.TextLinter;
import org.complaints.support.web.ProblemException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/** Plans follow-ups when routing resolves a case, and records their outcomes (FU-*, LC-09, ESC-08). */
@Service
public class FollowUpService {

    public static final String OUTCOME = "outcome";

    static final int MAX_COMMENT = 4000;

    public record PlanRequest(
            String eventId,
            String caseId,
            String complaintId,
            String tenant,
            String region,
            String site,
            String department,
            String level,
            String channel,
            Instant resolvedAt,
            Boolean reworkDone,
            Integer round,
            String responsible) {}

    @io.swagger.v3.oas.annotations.media.Schema(name = "RecordOutcomeRequest")
    public record OutcomeRequest(
            @io.swagger.v3.oas.annotations.media.Schema(
                    description = "1 to the preset's scale maximum (GET /reference/follow-ups)",
                    example = "5")
            Integer satisfaction,

            Boolean resolved,
            String comment,

            @io.swagger.v3.oas.annotations.media.Schema(implementation = ContactChannel.class)
            String channel,

            @io.swagger.v3.oas.annotations.media.Schema(
                    description =
                            "A product or service suggestion worth passing on (RT-09, RC-11): listed in the monthly report for the departments concerned, e.g. R&D",
                    example = "包装容易破损,建议加固外箱")
            String valuableFeedback) {}

    private final MongoTemplate mongo;
    private final TenantPolicies<FollowupPolicy> policies;
    private final TenantDirectory tenants;
    private final FollowupMetrics metrics;
    private final DueBuckets due;
    private final CaseFollowUps byCase;
    private final FollowUpLists lists;
    private final FollowUpCompletions completions;
    private final TextLinter texts;
    private final Clock clock;

    FollowUpService(
            MongoTemplate mongo,
            TenantPolicies<FollowupPolicy> policies,
            TenantDirectory tenants,
            FollowupMetrics metrics,
            DueBuckets due,
            CaseFollowUps byCase,
            FollowUpLists lists,
            FollowUpCompletions completions,
            TextLinter texts,
            Clock clock) {
        this.mongo = mongo;
        this.policies = policies;
        this.tenants = tenants;
        this.metrics = metrics;
        this.due = due;
        this.byCase = byCase;
        this.lists = lists;
        this.completions = completions;
        this.texts = texts;
        this.clock = clock;
    }

    /**
     * Idempotent by case, round and type: a repeated plan request returns the tasks already
     * planned; a reopened case's next round (ESC-08, FU-05) gets a plan of its own.
     */
    public List<FollowUp> plan(CallerIdentity caller, PlanRequest request) {
        if (request.caseId() == null || request.caseId().isBlank()) {
            throw ProblemException.invalid("caseId", "is required");
        }
        var policy = policies.of(caller);
        FollowupPermissions.require(caller, policy, FollowupAction.PLAN);
        var site = tenants.find(caller.tenant())
                .flatMap(t -> t.site(request.site()))
                .orElseThrow(() -> ProblemException.invalid("site", "is not a site of this tenant"));
        var resolvedAt = request.resolvedAt() == null ? clock.instant() : request.resolvedAt();
        var tasks = Boolean.TRUE.equals(request.reworkDone()) ? policy.reworkTasks() : policy.tasks();
        var round = request.round() == null || request.round() < 1 ? 1 : request.round();
        var planned = new ArrayList<FollowUp>();
        for (var task : tasks) {
            var f = new FollowUp();
            f.id = DocumentIds.next();
            f.tenant = caller.tenant();
            f.caseId = request.caseId();
            f.complaintId = request.complaintId();
            f.region = site.region();
            f.site = site.id();
            f.department = request.department();
            f.level = request.level();
            f.responsible = request.responsible();
            f.round = round;
            f.type = task.type();
            f.rule = task.rule();
            f.roles = task.roles();
            f.resolvedAt = resolvedAt;
            f.dueAt = due(task, resolvedAt, site);
            try {
                // Filed before the insert (a crash in between leaves a stale entry); the due time never changes.
                due.file(f.id, f.dueAt);
                byCase.file(f);
                lists.file(f);
                planned.add(mongo.insert(f));
            } catch (DuplicateKeyException alreadyPlanned) {
                byCase.forget(f);
                lists.forget(f);
                planned.add(mongo.findOne(
                        new Query(Criteria.where("tenant")
                                .is(f.tenant)
                                .and("caseId")
                                .is(f.caseId)
                                .and("round")
                                .is(f.round)
                                .and("type")
                                .is(f.type)),
                        FollowUp.class));
            }
        }
        return planned;
    }

    /**
     * The table's RECORD_OUTCOME row and the roles of the visit (LC-09) record its outcome, also
     * after unreached attempts (FU-03); unsatisfied → routing reopens (ESC-08).
     */
    public FollowUp record(CallerIdentity caller, String id, OutcomeRequest request) {
        var f = find(caller, id);
        var policy = policies.of(caller);
        FollowupPermissions.requireVisit(caller, policy, f.type, f.roles);
        if ("DONE".equals(f.status)) {
            throw ProblemException.conflict("already-recorded", "The outcome of this follow-up is already recorded.");
        }
        if (request.satisfaction() == null && request.resolved() == null) {
            throw ProblemException.invalid("satisfaction", "a score or resolved yes/no is required");
        }
        if (request.satisfaction() != null
                && (request.satisfaction() < 1 || request.satisfaction() > policy.scaleMax())) {
            throw ProblemException.invalid("satisfaction", "must be 1.." + policy.scaleMax());
        }
        if (request.comment() != null && request.comment().length() > MAX_COMMENT) {
            throw ProblemException.invalid("comment", "is longer than " + MAX_COMMENT + " characters");
        }
        // §12 (ADR 0500): what was said to the customer in the follow-up; BLOCK refuses, WARN stores the hits.
        var check = request.comment() == null || request.comment().isBlank()
                ? null
                : texts.require(caller.tenant(), "comment", request.comment());
        var satisfied = (request.satisfaction() == null || request.satisfaction() >= policy.satisfiedAtLeast())
                && !Boolean.FALSE.equals(request.resolved());
        var now = clock.instant();
        f.outcome = new FollowUp.Outcome(
                request.satisfaction(),
                request.resolved(),
                satisfied,
                request.comment(),
                request.channel(),
                caller.subject(),
                now,
                check,
                request.valuableFeedback() == null || request.valuableFeedback().isBlank()
                        ? null
                        : request.valuableFeedback().strip());
        f.status = "DONE";
        f.completedAt = now;
        var deliveries = new ArrayList<>(f.deliveries);
        deliveries.add(Delivery.of(OUTCOME, now));
        f.deliveries = deliveries;
        completions.record(f); // before the write: the month's feedback is found by completion (ADR 0602)
        var saved = mongo.save(f);
        lists.done(saved);
        if (request.satisfaction() != null) {
            metrics.satisfaction(f.tenant, f.region, request.satisfaction());
        }
        if (!satisfied) {
            metrics.reopened(f.tenant);
        }
        return saved;
    }

    public FollowUp find(CallerIdentity caller, String id) {
        var f = mongo.findById(id, FollowUp.class);
        if (f == null || !CallerScope.of(caller).covers(f.tenant, f.region, f.site)) {
            throw ProblemException.notFound("follow-up", id);
        }
        return f;
    }

    /** Due times on the site's calendar. */
    static Instant due(FollowupPolicy.Task task, Instant resolvedAt, Site site) {
        var local = resolvedAt.atZone(site.zone());
        return switch (task.due()) {
            case "SAME_DAY" ->
                local.toLocalDate().atTime(23, 59, 59).atZone(site.zone()).toInstant();
            case "NEXT_WORKING_DAY" -> nextWorkingDay(local, site);
            default -> resolvedAt.plus(task.after());
        };
    }

    private static Instant nextWorkingDay(ZonedDateTime local, Site site) {
        var date = local.toLocalDate().plusDays(1);
        for (var guard = 0; guard < 366 && !site.isWorkingDay(date); guard++) {
            date = date.plusDays(1);
        }
        return date.atTime(site.workingHours().end()).atZone(site.zone()).toInstant();
    }
}
