package org.complaints.intake.complaint;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.complaints.intake.classification.Circumstance;
import org.complaints.intake.classification.IntakeLevels;
import org.complaints.intake.classification.Level;
import org.complaints.intake.classification.Priority;
import org.complaints.intake.policy.IntakeAction;
import org.complaints.intake.policy.IntakePermissions;
import org.complaints.intake.policy.IntakePolicy;
import org.complaints.intake.system.IntakeMetrics;
import org.complaints.support.delivery.Delivery;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.scope.CallerScope;
import org.complaints.support.store.DocumentIds;
import org.complaints.support.tenant.Site;
import org.complaints.support.tenant.TenantDirectory;
import org.complaints.support.tenant.TenantPolicies;
import org.complaints.support.web.ProblemException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Files complaints: checks the channel and its recorder (LC-03), the mandatory fields of the
 * tenant's profile (LC-04, LC-30) and the site, sets the intake level (CL-01..03), links the
 * customer's history (OT-02/03), stores the complaint with its routing hand-off in one write and
 * tries routing once inline. Retries with the same {@code Idempotency-Key} replay the first result.
 */
@Service
public class ComplaintIntake {

    /** The outcome of a submission: the complaint and whether this call created it. */
    public record Filed(Complaint complaint, boolean created) {}

    private final ComplaintRepository complaints;
    private final ComplaintHistory history;
    private final ComplaintLookups lookups;
    private final TenantDirectory tenants;
    private final TenantPolicies<IntakePolicy> policies;
    private final RoutingHandOff handOff;
    private final IntakeMetrics metrics;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    ComplaintIntake(
            ComplaintRepository complaints,
            ComplaintHistory history,
            ComplaintLookups lookups,
            TenantDirectory tenants,
            TenantPolicies<IntakePolicy> policies,
            RoutingHandOff handOff,
            IntakeMetrics metrics,
            Clock clock) {
        this.complaints = complaints;
        this.history = history;
        this.lookups = lookups;
        this.tenants = tenants;
        this.policies = policies;
        this.handOff = handOff;
        this.metrics = metrics;
        this.clock = clock;
    }

    public Filed submit(CallerIdentity caller, String idempotencyKey, SubmitComplaintRequest request) {
        if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    "idempotency-key-required",
                    "Send an Idempotency-Key header (1-200 characters) so a retry cannot file twice.",
                    List.of(new ProblemException.FieldProblem("Idempotency-Key", "is required")));
        }
        var hash = hash(request);
        var scope = CallerScope.of(caller);
        // By the unique (tenant, idempotencyKey) index: a key lookup on the embedded store too.
        var earlier = complaints.findByTenantAndIdempotencyKey(caller.tenant(), idempotencyKey);
        if (earlier.isPresent()) {
            return replay(scope, earlier.get(), hash);
        }
        var policy = policies.of(caller);
        var channel = channel(request.channel(), policy);
        checkRecorder(caller, channel, policy.channels().get(channel.name()));
        var site = site(caller, request.site());
        checkMandatory(request, policy.channels().get(channel.name()).mandatory());
        var receivedAt = receivedAt(request.receivedAt(), policy);

        var complaint = build(caller, request, channel, site, policy, receivedAt);
        complaint.idempotencyKey = idempotencyKey;
        complaint.requestHash = hash;
        history.link(complaint, policy);
        // Lookup entries first: an entry whose complaint is never stored is dropped on reading.
        lookups.record(complaint);
        try {
            complaint = complaints.insert(complaint);
        } catch (DuplicateKeyException race) {
            return replay(
                    scope,
                    complaints
                            .findByTenantAndIdempotencyKey(caller.tenant(), idempotencyKey)
                            .orElseThrow(),
                    hash);
        }
        metrics.received(complaint.tenant, complaint.region, complaint.channel, complaint.level);
        if (complaint.repeat) {
            metrics.repeat(complaint.tenant);
        }
        return new Filed(handOff.tryInline(complaint).orElse(complaint), true);
    }

    public String levelName(Complaint complaint) {
        var level = CaseStatus.level(complaint);
        var names = policies.of(complaint.tenant).levelNames();
        return names == null ? level : names.getOrDefault(level, level);
    }

    /**
     * A retry replays the first answer, but only to a caller whose scope covers the stored
     * complaint; anyone else gets the same 409 as a reused key (ADR 0107), so a replay neither
     * shows another region's complaint nor tells it apart from a key used with another body.
     */
    private Filed replay(CallerScope scope, Complaint earlier, String hash) {
        if (!scope.covers(earlier.tenant, earlier.region, earlier.site) || !earlier.requestHash.equals(hash)) {
            throw ProblemException.conflict(
                    "idempotency-key-reused", "This Idempotency-Key was already used with a different body.");
        }
        return new Filed(earlier, false);
    }

    /**
     * When the customer complained (issue 10, ADR 0103): not after now plus the tenant's clock
     * skew, not before now minus the tenant's maximum age; absent means now. Routing's clocks start
     * from it.
     */
    private Instant receivedAt(Instant requested, IntakePolicy policy) {
        var now = clock.instant();
        if (requested == null) {
            return now;
        }
        if (requested.isAfter(now.plus(policy.receivedAtClockSkew()))) {
            throw new ProblemException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "received-at-in-future",
                    "receivedAt lies in the future.",
                    List.of(new ProblemException.FieldProblem(
                            "receivedAt", "must not be later than now (+" + policy.receivedAtClockSkew() + ")")));
        }
        if (requested.isBefore(now.minus(policy.receivedAtMaxAge()))) {
            throw new ProblemException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "received-at-too-old",
                    "receivedAt is older than this tenant accepts.",
                    List.of(new ProblemException.FieldProblem(
                            "receivedAt", "must not be older than " + policy.receivedAtMaxAge())));
        }
        return requested;
    }

    private Complaint build(
            CallerIdentity caller,
            SubmitComplaintRequest r,
            Channel channel,
            Site site,
            IntakePolicy policy,
            Instant receivedAt) {
        var now = clock.instant();
        var c = new Complaint();
        c.id = DocumentIds.next();
        c.tenant = caller.tenant();
        c.region = site.region();
        c.site = site.id();
        c.channel = channel.name();
        c.external = channel.external();
        c.brandTicketNumber = r.brandTicketNumber();
        c.customer = r.customer();
        c.customerKey = ComplaintHistory.customerKey(r.customer());
        c.vehicle = r.vehicle();
        c.product = r.product();
        c.order = r.order();
        c.category = r.category();
        c.content = r.content();
        c.demand = r.demand();
        c.occurredAt = r.occurredAt();
        c.attachments = r.attachments() == null ? List.of() : r.attachments();
        c.flags = r.flagsOrEmpty().stream()
                .map(f -> f.toUpperCase(Locale.ROOT))
                .distinct()
                .toList();
        if (c.flags.contains(MaliciousSuspicions.FLAG)) {
            throw ProblemException.invalid(
                    "flags",
                    "MALICIOUS_SUSPECTED is set only with a supervisor's approval, after filing:"
                            + " POST /complaints/{id}/malicious-suspicion (OT-13)");
        }
        var circumstances = circumstances(r.circumstancesOrEmpty());
        // CL-02.3 / CH-04: a reporter, TV staff or lawyer as complainant carries media or legal pressure.
        if (c.flags.contains("MEDIA_OR_LEGAL_PROFESSION")) {
            circumstances.add(Circumstance.EXTERNAL_PARTY_THREATENED);
        }
        c.circumstances = circumstances.stream().map(Enum::name).toList();
        c.urgingCallsWithinHour = r.urgingCallsWithinHour() == null ? 0 : Math.max(0, r.urgingCallsWithinHour());
        var assessed = IntakeLevels.assess(
                new IntakeLevels.Facts(
                        circumstances,
                        channel.external(),
                        r.demand() != null
                                && r.demand().amount() != null
                                && r.demand().amount().amount() != null,
                        c.urgingCallsWithinHour),
                policy.urgingCallsThreshold(),
                policy.externalChannelLevel() == IntakePolicy.ExternalChannelLevel.CHANNEL);
        var computed = assessed.level().atLeast(Level.valueOf(policy.levelFloor()));
        c.computedLevel = computed.name();
        c.levelReasons = new ArrayList<>(assessed.reasons());
        c.level =
                requestedLevel(caller, r.requestedLevel(), computed, policy, c).name();
        var priority = Priority.assess(
                Level.valueOf(c.level),
                c.flags,
                r.customer() == null ? null : r.customer().valueGrade(),
                policy.priority());
        c.priority = priority.priority();
        c.priorityReasons = priority.reasons();
        c.receiver = caller.subject();
        c.receiverKind = caller.kind().name();
        c.createdAt = now;
        c.receivedAt = receivedAt;
        // LC-12: the retention runs from archiving (CaseStateMirror), not from filing (ADR 0522)
        // Give the inline attempt a head start before the relay also tries.
        c.deliveries = new ArrayList<>(List.of(Delivery.of(RoutingHandOff.OPEN_CASE, now.plusSeconds(5))));
        return c;
    }

    /** The receiver may raise the level; lowering it below the computed one needs a supervisor (CL-02). */
    private static Level requestedLevel(
            CallerIdentity caller, String requested, Level computed, IntakePolicy policy, Complaint c) {
        if (requested == null || requested.isBlank()) {
            return computed;
        }
        var level = parse(Level.class, requested, "requestedLevel");
        if (level.compareTo(computed) < 0) {
            IntakePermissions.require(caller, policy, IntakeAction.LEVEL_LOWER);
        } else if (level.compareTo(computed) > 0) {
            IntakePermissions.require(caller, policy, IntakeAction.LEVEL_RAISE);
        }
        if (level != computed) {
            c.levelReasons.add((level.compareTo(computed) > 0 ? "raised" : "lowered") + " by receiver to " + level);
        }
        return level;
    }

    private static Channel channel(String value, IntakePolicy policy) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalid("channel", "is required (CH-01)");
        }
        var channel = parse(Channel.class, value, "channel");
        if (!policy.channels().containsKey(channel.name())) {
            throw ProblemException.invalid("channel", "is not accepted by this tenant: " + channel);
        }
        return channel;
    }

    /** LC-03: each channel has its recorder; e.g. a dealer's C4 complaints are recorded by the marketing manager. */
    private static void checkRecorder(CallerIdentity caller, Channel channel, IntakePolicy.ChannelRule rule) {
        var allowed = switch (caller.kind()) {
            case PARTNER, SYSTEM -> rule.partnerAllowed();
            case STAFF -> rule.recorderRoles().isEmpty() || caller.hasAnyRole(rule.recorderRoles());
        };
        if (!allowed) {
            throw new ProblemException(
                    HttpStatus.FORBIDDEN,
                    "recorder-not-allowed",
                    "Complaints from " + channel + " are recorded by " + rule.recorderRoles() + " (LC-03).");
        }
    }

    private Site site(CallerIdentity caller, String siteId) {
        if (siteId == null || siteId.isBlank()) {
            throw ProblemException.invalid("site", "is required");
        }
        var site = tenants.find(caller.tenant())
                .flatMap(t -> t.site(siteId))
                .orElseThrow(() -> ProblemException.invalid("site", "is not a site of this tenant"));
        if (!caller.mayActAt(site.region(), site.id())) {
            throw ProblemException.forbidden("This caller may not file complaints for site " + siteId + ".");
        }
        return site;
    }

    /** LC-04 / LC-30: the profile's mandatory fields for this channel, all named at once. */
    private static void checkMandatory(SubmitComplaintRequest r, List<String> mandatory) {
        var missing = new ArrayList<ProblemException.FieldProblem>();
        for (var field : mandatory) {
            if (!present(r, field)) {
                missing.add(
                        new ProblemException.FieldProblem(field, describe(field) + " is required for this channel"));
            }
        }
        if (!missing.isEmpty()) {
            throw new ProblemException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "mandatory-field-missing",
                    "Missing mandatory fields (LC-04): "
                            + String.join(
                                    ", ",
                                    missing.stream()
                                            .map(ProblemException.FieldProblem::field)
                                            .toList()),
                    missing);
        }
    }

    private static boolean present(SubmitComplaintRequest r, String field) {
        return switch (field) {
            case "customer" ->
                r.customer() != null
                        && (notBlank(r.customer().id())
                                || notBlank(r.customer().phone())
                                || notBlank(r.customer().name()));
            case "vehicle" ->
                r.vehicle() != null
                        && (notBlank(r.vehicle().vin()) || notBlank(r.vehicle().plate()));
            case "product" -> r.product() != null && notBlank(r.product().sku());
            case "order" -> r.order() != null && notBlank(r.order().orderNumber());
            case "subject" -> r.vehicle() != null || r.product() != null || r.order() != null;
            case "content" -> notBlank(r.content());
            case "demand" ->
                r.demand() != null
                        && (notBlank(r.demand().kind()) || notBlank(r.demand().text()));
            case "occurredAt" -> r.occurredAt() != null;
            case "brandTicketNumber" -> notBlank(r.brandTicketNumber());
            case "category" -> r.category() != null && notBlank(r.category().subjectType());
            default -> throw new IllegalStateException("unknown mandatory field in preset: " + field);
        };
    }

    private static String describe(String field) {
        return switch (field) {
            case "customer" -> "customerInfo (customer id, name or phone)";
            case "vehicle" -> "vehicleInfo (VIN or plate)";
            case "product" -> "productInfo (SKU)";
            case "order" -> "order number";
            case "content" -> "complaint content";
            case "demand" -> "the customer's demand";
            default -> field;
        };
    }

    private static EnumSet<Circumstance> circumstances(List<String> values) {
        var set = EnumSet.noneOf(Circumstance.class);
        for (var value : values) {
            set.add(parse(Circumstance.class, value, "circumstances"));
        }
        return set;
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(field, "has an unknown value: " + value);
        }
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private String hash(SubmitComplaintRequest request) {
        try {
            var digest = MessageDigest.getInstance("SHA-256")
                    .digest(json.writeValueAsString(request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
