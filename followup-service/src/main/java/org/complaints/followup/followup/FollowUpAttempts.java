package org.complaints.followup.followup;

import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import org.complaints.followup.policy.FollowupPermissions;
import org.complaints.followup.policy.FollowupPolicy;
import org.complaints.followup.system.FollowupMetrics;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.tenant.TenantPolicies;
import org.complaints.support.web.ProblemException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

/**
 * Records contact attempts on a follow-up (FU-03, §8.2). The versioned save is the
 * compare-and-set that lets only one of two racing attempts escalate; the other gets 409
 * {@code concurrent-modification} and may retry.
 */
@Service
class FollowUpAttempts {

    static final int MAX_NOTE = 500;
    /** Bounds the document: an attempt a day for weeks is far below it. */
    static final int MAX_ATTEMPTS = 50;

    @io.swagger.v3.oas.annotations.media.Schema(name = "RecordAttemptRequest")
    record AttemptRequest(
            @io.swagger.v3.oas.annotations.media.Schema(
                    requiredMode = io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED)
            Boolean reached,

            @io.swagger.v3.oas.annotations.media.Schema(implementation = ContactChannel.class)
            String channel,

            String note) {}

    private final FollowUpService followUps;
    private final MongoTemplate mongo;
    private final TenantPolicies<FollowupPolicy> policies;
    private final FollowupMetrics metrics;
    private final Clock clock;

    FollowUpAttempts(
            FollowUpService followUps,
            MongoTemplate mongo,
            TenantPolicies<FollowupPolicy> policies,
            FollowupMetrics metrics,
            Clock clock) {
        this.followUps = followUps;
        this.mongo = mongo;
        this.policies = policies;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Out of scope → 404 before any other answer, as the other endpoints do; then 403, 409, 422. */
    FollowUp record(CallerIdentity caller, String id, AttemptRequest request) {
        var f = followUps.find(caller, id);
        var policy = policies.of(caller);
        FollowupPermissions.requireVisit(caller, policy, f.type, f.roles);
        if ("DONE".equals(f.status)) {
            throw ProblemException.conflict(
                    "already-recorded", "The outcome of this follow-up is recorded; no more attempts are taken.");
        }
        if (f.attempts.size() >= MAX_ATTEMPTS) {
            throw ProblemException.conflict(
                    "too-many-attempts", "This follow-up has " + MAX_ATTEMPTS + " attempts; record its outcome.");
        }
        var attempt = new FollowUp.Attempt(
                reached(request), channel(request), note(request), caller.subject(), clock.instant());
        var escalation =
                f.recordAttempt(attempt, policy.unreachedAttemptsBeforeEscalation(), policy.supervisorOf(f.roles));
        var saved = mongo.save(f);
        escalation.ifPresent(e -> metrics.escalated(f.tenant, e.reason()));
        return saved;
    }

    private static boolean reached(AttemptRequest request) {
        if (request.reached() == null) {
            throw ProblemException.invalid("reached", "is required: true or false");
        }
        return request.reached();
    }

    private static String channel(AttemptRequest request) {
        var known = Arrays.stream(ContactChannel.values()).map(Enum::name).toList();
        if (request.channel() == null || request.channel().isBlank()) {
            throw ProblemException.invalid("channel", "is required: one of " + known);
        }
        var channel = request.channel().strip().toUpperCase(Locale.ROOT);
        if (!known.contains(channel)) {
            throw ProblemException.invalid("channel", "must be one of " + known);
        }
        return channel;
    }

    private static String note(AttemptRequest request) {
        if (request.note() == null || request.note().isBlank()) {
            return null;
        }
        if (request.note().length() > MAX_NOTE) {
            throw ProblemException.invalid("note", "is longer than " + MAX_NOTE + " characters");
        }
        return request.note().strip();
    }
}
