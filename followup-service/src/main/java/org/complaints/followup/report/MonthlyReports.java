package org.complaints.followup.report;

import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.complaints.followup.policy.FollowupPolicy;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.identity.CurrentCaller;
import org.complaints.support.tenant.TenantPolicies;
import org.complaints.support.web.Months;
import org.complaints.support.web.ProblemException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * The monthly analysis report (LC-11, LC-13 record 3, KP-01), months counted in the tenant's zone
 * (ADR 0520). A month still running is {@code PROVISIONAL}: computed afresh on every request and
 * never stored, so asking again regenerates it. A closed month is {@code FINAL}: generated once
 * (by the scheduler on the 1st, or by the first request after the month ended), stored with
 * version 1 and never recomputed, with one review task per reviewer role of the tenant's policy
 * (服务总监 and 总经理 for the dealer preset), each announced to that role at the report's site
 * through routing's notifications and signed off here (ADR 0521). A month that has not begun is
 * refused (422).
 */
@Service
public class MonthlyReports {

    static final String COLLECTION = "reports";
    static final String PROVISIONAL = "PROVISIONAL";
    static final String FINAL = "FINAL";
    /** The delivery kind that announces a review task to its role (routing keeps notifications). */
    static final String REVIEW_TASK = "report-review";

    private final MonthlyFigures figures;
    private final TenantPolicies<FollowupPolicy> policies;
    private final MongoTemplate mongo;
    private final Clock clock;

    MonthlyReports(MonthlyFigures figures, TenantPolicies<FollowupPolicy> policies, MongoTemplate mongo, Clock clock) {
        this.figures = figures;
        this.policies = policies;
        this.mongo = mongo;
        this.clock = clock;
    }

    /** The scope of a report: the whole tenant, or one region, site or department (null = all). */
    public record Scope(String region, String site, String department) {
        String key() {
            return (region == null ? "*" : region) + "|" + (site == null ? "*" : site) + "|"
                    + (department == null ? "*" : department);
        }
    }

    /** The report of {@code month} in {@code scope}: provisional while the month runs, else the frozen one. */
    public Document monthly(CallerIdentity caller, String month, Scope scope) {
        var range = closedOrRunning(caller.tenant(), month);
        if (running(range)) {
            return provisional(caller.tenant(), range, scope);
        }
        return frozen(caller.tenant(), range, scope, "REQUEST");
    }

    /**
     * The scheduler's run (LC-11: on the 1st, for the month before): freezes the report of
     * {@code month} for {@code scope} unless it exists; true when this call generated it.
     */
    boolean freezeIfAbsent(String tenant, YearMonth month, Scope scope) {
        var id = id(tenant, month.toString(), scope);
        if (mongo.exists(new Query(Criteria.where("_id").is(id)), COLLECTION)) {
            return false;
        }
        var range = Months.of(month, policies.monthZone(tenant));
        CurrentCaller.runAs(
                CallerIdentity.system("followup-service", tenant), () -> frozen(tenant, range, scope, "SCHEDULER"));
        return true;
    }

    /**
     * A reviewer signs the frozen report off: the caller's first role with an open review task
     * (LC-11: 服务总监 and 总经理 review it). A running month has no frozen report to sign (409);
     * a review already signed is 409; a caller with no reviewer role is 403.
     */
    public Document signOff(CallerIdentity caller, String month, Scope scope) {
        var range = closedOrRunning(caller.tenant(), month);
        if (running(range)) {
            throw ProblemException.conflict(
                    "report-provisional",
                    "The month " + month
                            + " is still running: its report is provisional and is signed off once frozen.");
        }
        var report = frozen(caller.tenant(), range, scope, "REQUEST");
        for (var attempt = 0; attempt < 3; attempt++) {
            var reviews = report.getList("reviews", Document.class, List.of());
            var roles = reviews.stream().map(r -> r.getString("role")).toList();
            if (roles.stream().noneMatch(caller.roles()::contains)) {
                throw ProblemException.forbidden("Only the report's reviewers " + roles + " sign it off.");
            }
            var open = reviews.stream()
                    .filter(r -> caller.roles().contains(r.getString("role")) && r.get("signedAt") == null)
                    .findFirst();
            if (open.isEmpty()) {
                throw ProblemException.conflict(
                        "already-signed-off", "The review of your role is already signed off for this report.");
            }
            var signed = new ArrayList<Document>();
            for (var review : reviews) {
                signed.add(
                        review == open.get()
                                ? new Document(review)
                                        .append("status", "SIGNED_OFF")
                                        .append("signedBy", caller.subject())
                                        .append("signedAt", Date.from(clock.instant()))
                                : review);
            }
            // One conditional write on the report's revision: a concurrent sign-off is read again, never lost.
            var revision = report.get("revision") instanceof Number n ? n.longValue() : 0L;
            var changed = mongo.updateFirst(
                            new Query(Criteria.where("_id")
                                    .is(report.get("_id"))
                                    .and("revision")
                                    .is(revision)),
                            new Update().set("reviews", signed).set("revision", revision + 1),
                            COLLECTION)
                    .getModifiedCount();
            report = mongo.findById(report.get("_id"), Document.class, COLLECTION);
            if (changed == 1) {
                return report;
            }
        }
        throw ProblemException.conflict("concurrent-change", "The report changed meanwhile; try again.");
    }

    private Months closedOrRunning(String tenant, String month) {
        var range = Months.parse(month, policies.monthZone(tenant));
        if (range.start().isAfter(clock.instant())) {
            throw ProblemException.invalid(
                    "month", "is in the future: a report covers a month that has begun (" + month + ")");
        }
        return range;
    }

    private boolean running(Months range) {
        return clock.instant().isBefore(range.end());
    }

    private Document provisional(String tenant, Months range, Scope scope) {
        var policy = policies.of(tenant);
        var report = header(tenant, range, scope, policy, PROVISIONAL)
                .append("version", null)
                .append("generatedBy", "REQUEST")
                .append("reviews", List.of())
                .append(
                        "note",
                        "The month is still running: these figures are provisional and are computed again on every request.");
        report.putAll(compose(tenant, range, scope, policy));
        return report;
    }

    private Document compose(String tenant, Months range, Scope scope, FollowupPolicy policy) {
        return figures.compose(tenant, range, range.previous(policies.monthZone(tenant)), scope, policy.report());
    }

    /** The stored report of a closed month, generated and stored once if absent. */
    private Document frozen(String tenant, Months range, Scope scope, String trigger) {
        var id = id(tenant, range.month().toString(), scope);
        var stored = mongo.findById(id, Document.class, COLLECTION);
        if (stored != null) {
            return stored;
        }
        var policy = policies.of(tenant);
        var now = clock.instant();
        var reviews = new ArrayList<Document>();
        var deliveries = new ArrayList<Document>();
        for (var role : policy.report().reviewers()) {
            reviews.add(new Document("role", role)
                    .append("status", "OPEN")
                    .append("signedBy", null)
                    .append("signedAt", null));
            if (scope.site() != null) {
                // A notification needs a site: a site's report tells that site's reviewers (ADR 0521).
                deliveries.add(new Document("eventId", reviewEventId(id, role))
                        .append("kind", REVIEW_TASK)
                        .append("due", Date.from(now))
                        .append("attempts", 0)
                        .append("lastError", null)
                        .append("role", role));
            }
        }
        var report = new Document("_id", id);
        report.putAll(header(tenant, range, scope, policy, FINAL)
                .append("version", 1)
                .append("revision", 0L)
                .append("generatedBy", trigger)
                .append("frozenAt", Date.from(now))
                .append("reviews", reviews));
        report.putAll(compose(tenant, range, scope, policy));
        report.append("deliveries", deliveries);
        try {
            mongo.insert(report, COLLECTION);
        } catch (DuplicateKeyException generatedConcurrently) {
            return mongo.findById(id, Document.class, COLLECTION);
        }
        return report;
    }

    private Document header(String tenant, Months range, Scope scope, FollowupPolicy policy, String status) {
        return new Document("tenant", tenant)
                .append("month", range.month().toString())
                .append("zone", policies.monthZone(tenant).getId())
                .append("status", status)
                .append("author", policy.report().author())
                .append("generatedAt", Date.from(clock.instant()))
                .append(
                        "scope",
                        new Document("region", scope.region())
                                .append("site", scope.site())
                                .append("department", scope.department()));
    }

    /** One notification per report and role however often the relay sends it (routing keys on the event id). */
    static String reviewEventId(String reportId, String role) {
        return "report-review:" + role + ":"
                + UUID.nameUUIDFromBytes(reportId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static String id(String tenant, String month, Scope scope) {
        return tenant + "|" + month + "|" + scope.key();
    }
}
