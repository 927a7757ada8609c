package org.complaints.followup.report;

import java.util.List;
import org.complaints.followup.policy.FollowupAction;
import org.complaints.followup.policy.FollowupPermissions;
import org.complaints.followup.policy.FollowupPolicy;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.scope.CallerScope;
import org.complaints.support.tenant.TenantDirectory;
import org.complaints.support.tenant.TenantPolicies;
import org.complaints.support.web.ProblemException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /reports/monthly?month=YYYY-MM} as JSON, or CSV ({@code Accept: text/csv} or {@code format=csv}). */
@RestController
@io.swagger.v3.oas.annotations.tags.Tag(name = "Reports")
class ReportController {

    private static final MediaType CSV = MediaType.parseMediaType("text/csv");

    private final MonthlyReports reports;
    private final TenantPolicies<FollowupPolicy> policies;
    private final TenantDirectory tenants;

    ReportController(MonthlyReports reports, TenantPolicies<FollowupPolicy> policies, TenantDirectory tenants) {
        this.reports = reports;
        this.policies = policies;
        this.tenants = tenants;
    }

    @io.swagger.v3.oas.annotations.Operation(
            operationId = "getMonthlyReport",
            summary = "The monthly report (LC-11, KP-01..05): JSON, or CSV with format=csv")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
            responseCode = "200",
            description = "The month's report in the caller's scope (sanctions per person for staff readers only).",
            content = {
                @io.swagger.v3.oas.annotations.media.Content(
                        mediaType = "application/json",
                        schema =
                                @io.swagger.v3.oas.annotations.media.Schema(
                                        name = "MonthlyReport",
                                        type = "object",
                                        description =
                                                "Complaints, cases, remedies, follow-ups and sanctions of the month")),
                @io.swagger.v3.oas.annotations.media.Content(
                        mediaType = "text/csv",
                        schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string"))
            })
    @GetMapping("/reports/monthly")
    ResponseEntity<?> monthly(
            CallerIdentity caller,
            @RequestParam String month,
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String site,
            @RequestParam(required = false) String department,
            @io.swagger.v3.oas.annotations.Parameter(
                            schema = @io.swagger.v3.oas.annotations.media.Schema(allowableValues = {"json", "csv"}))
                    @RequestParam(required = false)
                    String format,
            @io.swagger.v3.oas.annotations.Parameter(hidden = true) @RequestHeader(value = "Accept", required = false)
                    String accept) {
        FollowupPermissions.require(caller, policies.of(caller), FollowupAction.REPORT_READ);
        requireKnown(caller.tenant(), region, site);
        var scope = CallerScope.of(caller);
        var report = reports.monthly(
                caller, month, new MonthlyReports.Scope(scope.region(region), scope.site(site), department));
        report.remove("_id");
        withoutPersonsForPartners(caller, report);
        if ("csv".equalsIgnoreCase(format) || (format == null && prefersCsv(accept))) {
            return ResponseEntity.ok().contentType(CSV).body(ReportCsv.write(report));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report);
    }

    /**
     * Whether {@code Accept} ranks CSV above JSON: the first of the two (or a wildcard) by quality,
     * then by order, so a generated client's {@code application/json, text/csv} gets JSON.
     */
    static boolean prefersCsv(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        List<MediaType> types;
        try {
            types = new java.util.ArrayList<>(MediaType.parseMediaTypes(accept));
        } catch (org.springframework.http.InvalidMediaTypeException e) {
            return false;
        }
        types.sort(
                java.util.Comparator.comparingDouble(MediaType::getQualityValue).reversed());
        return types.stream()
                .filter(t -> t.includes(MediaType.APPLICATION_JSON) || t.isCompatibleWith(CSV))
                .findFirst()
                .map(t -> !t.includes(MediaType.APPLICATION_JSON))
                .orElse(false);
    }

    /**
     * KP-05: staff see the sanctions per person; a partner system gets the month's count only, so
     * no staff member's penalties leave the operator (ADR 0242).
     */
    private static void withoutPersonsForPartners(CallerIdentity caller, org.bson.Document report) {
        if (caller.kind() != CallerIdentity.Kind.STAFF && report.get("sanctions") instanceof java.util.Map<?, ?> s) {
            report.put("sanctions", new org.bson.Document("month", s.get("month")).append("total", s.get("total")));
        }
    }

    /** A region or site the tenant does not have is not found, before the report asks three services for nothing. */
    private void requireKnown(String tenantId, String region, String site) {
        var tenant = tenants.find(tenantId).orElseThrow(() -> ProblemException.notFound("tenant", tenantId));
        if (region != null && !tenant.regions().containsKey(region)) {
            throw ProblemException.notFound("region", region);
        }
        if (site != null && tenant.site(site).isEmpty()) {
            throw ProblemException.notFound("site", site);
        }
    }
}
