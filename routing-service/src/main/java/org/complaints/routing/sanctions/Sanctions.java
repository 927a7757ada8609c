package org.complaints.routing.sanctions;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.complaints.routing.cases.CaseService;
import org.complaints.routing.policy.Permission;
import org.complaints.routing.policy.RoutingPermissions;
import org.complaints.routing.policy.RoutingPolicy;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.scope.CallerScope;
import org.complaints.support.tenant.TenantPolicies;
import org.complaints.support.web.Months;
import org.complaints.support.web.ProblemException;
import org.complaints.support.web.ProblemException.FieldProblem;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Sanctions on cases (KP-05): recorded by the preset's {@code SANCTION} roles on a case inside
 * their scope, listed per case ({@code SANCTION_READ}), and summed per person for the monthly
 * report (by the month they were recorded in, UTC, as every summary). A retry with the same
 * {@code Idempotency-Key} returns the first sanction; with another body it is a conflict.
 */
@Service
public class Sanctions {

    public record Created(SanctionView sanction, boolean created) {}

    /** The month's sanctions per person (the report's {@code sanctions} section). */
    public record Summary(String month, long total, List<SanctionRepository.PerPerson> byPerson) {}

    static final int MAX_TEXT = 500;
    static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000");
    private static final Pattern PERSON = Pattern.compile("[A-Za-z0-9._@\\-]{1,120}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern LONG_NUMBER = Pattern.compile("\\d{7,}");

    private final SanctionRepository sanctions;
    private final CaseService cases;
    private final TenantPolicies<RoutingPolicy> policies;
    private final Clock clock;

    Sanctions(SanctionRepository sanctions, CaseService cases, TenantPolicies<RoutingPolicy> policies, Clock clock) {
        this.sanctions = sanctions;
        this.cases = cases;
        this.policies = policies;
        this.clock = clock;
    }

    public Created record(CallerIdentity caller, String caseId, SanctionRequest request, String idempotencyKey) {
        // Scope first, as every case step: a case outside it is 404 whatever the role.
        var kase = cases.get(caller, caseId);
        RoutingPermissions.require(caller, policies.of(caller), Permission.SANCTION);
        var problems = problems(request, idempotencyKey);
        if (!problems.isEmpty()) {
            throw new ProblemException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "invalid-sanction",
                    "The sanction is not valid: it names the person (a user id), the measure and, for a fine, a non-negative amount with its currency (KP-05).",
                    problems);
        }
        var amount = request.amount();
        var sanction = new Sanction(
                idempotencyKey == null ? UUID.randomUUID().toString() : keyed(caller.tenant(), caseId, idempotencyKey),
                kase.tenant(),
                kase.region(),
                kase.site(),
                kase.id(),
                request.person(),
                request.text().strip(),
                amount == null ? null : amount.amount().movePointRight(2).longValueExact(),
                amount == null ? null : amount.currency(),
                caller.subject(),
                clock.instant());
        try {
            return new Created(SanctionView.of(sanctions.insert(sanction)), true);
        } catch (DuplicateKeyException replay) {
            var first = sanctions.findById(sanction.id);
            if (first == null || !first.tenant.equals(caller.tenant()) || !first.sameAs(sanction)) {
                throw ProblemException.conflict(
                        "idempotency-key-reused", "This Idempotency-Key was used for another sanction.");
            }
            return new Created(SanctionView.of(first), false);
        }
    }

    public List<SanctionView> forCase(CallerIdentity caller, String caseId) {
        RoutingPermissions.require(caller, policies.of(caller), Permission.SANCTION_READ);
        var kase = cases.get(caller, caseId);
        return sanctions.forCase(kase.tenant(), kase.id()).stream()
                .map(SanctionView::of)
                .toList();
    }

    /** Per person, the sanctions recorded in the month inside the caller's scope narrowed to region and site. */
    public Summary summary(CallerIdentity caller, String month, String region, String site) {
        var range = Months.parse(month, policies.monthZone(caller.tenant()));
        var rows =
                sanctions.perPerson(CallerScope.of(caller).within(region, site).criteria(), range.start(), range.end());
        return new Summary(
                month,
                rows.stream().mapToLong(SanctionRepository.PerPerson::count).sum(),
                rows);
    }

    static List<FieldProblem> problems(SanctionRequest r, String idempotencyKey) {
        var problems = new ArrayList<FieldProblem>();
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            problems.add(new FieldProblem("Idempotency-Key", "must be 1-200 characters"));
        }
        if (r == null) {
            problems.add(new FieldProblem("body", "is required: person, text and optionally amount"));
            return problems;
        }
        if (r.person() == null || !PERSON.matcher(r.person()).matches()) {
            problems.add(new FieldProblem(
                    "person", "must be the user id of the staff member (1-120 letters, digits or . _ @ -)"));
        }
        if (r.text() == null || r.text().isBlank()) {
            problems.add(new FieldProblem("text", "is required: the measure taken (e.g. 处罚绩效50元)"));
        } else if (r.text().length() > MAX_TEXT) {
            problems.add(new FieldProblem("text", "is longer than " + MAX_TEXT + " characters"));
        } else if (LONG_NUMBER.matcher(r.text()).find()) {
            problems.add(new FieldProblem("text", "must not carry personal data such as phone numbers"));
        }
        var amount = r.amount();
        if (amount != null) {
            if (amount.amount() == null) {
                problems.add(new FieldProblem("amount.amount", "is required with an amount"));
            } else if (amount.amount().signum() < 0 || amount.amount().compareTo(MAX_AMOUNT) > 0) {
                problems.add(new FieldProblem("amount.amount", "must be between 0 and " + MAX_AMOUNT));
            } else if (amount.amount().stripTrailingZeros().scale() > 2) {
                problems.add(new FieldProblem("amount.amount", "must have at most 2 decimal places"));
            }
            if (amount.currency() == null
                    || !CURRENCY.matcher(amount.currency()).matches()) {
                problems.add(new FieldProblem("amount.currency", "must be an ISO 4217 code such as CNY"));
            }
        }
        return problems;
    }

    private static String keyed(String tenant, String caseId, String key) {
        try {
            var digest = MessageDigest.getInstance("SHA-256")
                    .digest((tenant + "|" + caseId + "|" + key).getBytes(StandardCharsets.UTF_8));
            return "k-" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
