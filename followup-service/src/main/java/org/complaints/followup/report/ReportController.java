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
import org.springframework.web.bind.annotation.PostMapping;
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
        var report = reports.monthly(caller, month, scope(caller, region, site, department));
        report.remove("_id");
        report.remove("deliveries");
        report.remove("revision");
        withoutPersonsForPartners(caller, report);
        if ("csv".equalsIgnoreCase(format) || (format == null && prefersCsv(accept))) {
            return ResponseEntity.ok().contentType(CSV).body(ReportCsv.write(report));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report);
    }

    @io.swagger.v3.oas.annotations.Operation(
            operationId = "signOffMonthlyReport",
            summary =
                    "A reviewer (LC-11: 服务总监, 总经理 for the dealer) signs off a closed month's frozen report in the scope asked for")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
            responseCode = "200",
            description = "The frozen report with the caller's review signed off",
            content =
                    @io.swagger.v3.oas.annotations.media.Content(
                            mediaType = "application/json",
                            schema =
                                    @io.swagger.v3.oas.annotations.media.Schema(
                                            type = "object",
                                            description =
                                                    "Complaints, cases, remedies, follow-ups and sanctions of the month")))
    @PostMapping("/reports/monthly/sign-offs")
    ResponseEntity<?> signOff(
            CallerIdentity caller,
            @RequestParam String month,
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String site,
            @RequestParam(required = false) String department) {
        FollowupPermissions.require(caller, policies.of(caller), FollowupAction.REPORT_SIGN_OFF);
        var report = reports.signOff(caller, month, scope(caller, region, site, department));
        report.remove("_id");
        report.remove("deliveries");
        report.remove("revision");
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report);
    }

    /**
     * The report's scope within the caller's: a site asked for without its region gets it, so a
     * site's report is one document whoever asks (and the scheduler's).
     */
    private MonthlyReports.Scope scope(CallerIdentity caller, String region, String site, String department) {
        var tenant = requireKnown(caller.tenant(), region, site);
        var scope = CallerScope.of(caller);
        var narrowedSite = scope.site(site);
        var narrowedRegion = scope.region(
                region == null && narrowedSite != null
                        ? tenant.site(narrowedSite).map(s -> s.region()).orElse(null)
                        : region);
        return new MonthlyReports.Scope(narrowedRegion, narrowedSite, department);
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
        if (caller.kind() != CallerIdentity.Kind.STAFF) {
            // KP-07: satisfaction per staff member feeds performance reviews; staff data (ADR 0521)
            report.remove("responsiblePersons");
            if (report.get("followUps") instanceof java.util.Map<?, ?> f) {
                f.remove("satisfactionByStaff");
            }
            if (report.get("cases") instanceof java.util.Map<?, ?> c) {
                c.remove("byResponsiblePerson");
            }
        }
    }

    /** A region or site the tenant does not have is not found, before the report asks three services for nothing. */
    private org.complaints.support.tenant.Tenant requireKnown(String tenantId, String region, String site) {
        var tenant = tenants.find(tenantId).orElseThrow(() -> ProblemException.notFound("tenant", tenantId));
        if (region != null && !tenant.regions().containsKey(region)) {
            throw ProblemException.notFound("region", region);
        }
        if (site != null && tenant.site(site).isEmpty()) {
            throw ProblemException.notFound("site", site);
        }
        if (region != null
                && site != null
                && !region.equals(tenant.site(site).get().region())) {
            throw ProblemException.notFound("site", site);
        }
        return tenant;
    }
}
