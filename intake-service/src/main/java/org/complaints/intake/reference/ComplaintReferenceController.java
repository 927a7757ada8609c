package org.complaints.intake.reference;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.complaints.intake.classification.Circumstance;
import org.complaints.intake.classification.Level;
import org.complaints.intake.complaint.Channel;
import org.complaints.intake.policy.IntakeAction;
import org.complaints.intake.policy.IntakePolicy;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.scope.CallerScope;
import org.complaints.support.tenant.Site;
import org.complaints.support.tenant.TenantDirectory;
import org.complaints.support.tenant.TenantPolicies;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's tenant's closed sets for filing a complaint (issue 13, ADR 0283): the channels it
 * accepts with their mandatory fields, its names for the levels, the CL-02 circumstances, who may
 * take each intake action and the sites in the caller's scope (the console's forms and filters). Built
 * from the tenant's effective intake policy, so a partner never reads the presets.
 */
@RestController
@Tag(name = "Reference", description = "The caller's tenant's closed sets, one section per service.")
class ComplaintReferenceController {

    @Schema(name = "ChannelReference")
    record ChannelView(
            @Schema(implementation = Channel.class) String channel,

            @Schema(description = "Weighs on the level (CL-02) and opens external-channel routes")
            boolean external,

            @Schema(description = "Fields a complaint on this channel must carry")
            List<String> mandatory,

            @Schema(description = "Staff roles that may record it (empty: any)")
            List<String> recorderRoles,

            @Schema(description = "Whether partner systems may file on it")
            boolean partnerAllowed) {}

    @Schema(name = "LevelReference")
    record LevelView(@Schema(implementation = Level.class) String level, String name) {}

    @Schema(name = "SiteReference")
    record SiteView(String site, String name, String region, String regionName) {}

    @Schema(name = "ComplaintReference")
    record ComplaintReference(
            String tenant,
            List<ChannelView> channels,
            List<LevelView> levels,

            @io.swagger.v3.oas.annotations.media.ArraySchema(schema = @Schema(implementation = Circumstance.class))
            List<String> circumstances,

            @Schema(
                    description = "Each intake action → the roles allowed (docs/permissions-intake.md; `*` every caller"
                            + " that may file, `system` the services' own jobs)")
            Map<String, List<String>> permissions,

            @Schema(description = "The tenant's sites in the caller's regions and sites, with their region")
            List<SiteView> sites) {}

    private final TenantPolicies<IntakePolicy> policies;
    private final TenantDirectory tenants;

    ComplaintReferenceController(TenantPolicies<IntakePolicy> policies, TenantDirectory tenants) {
        this.policies = policies;
        this.tenants = tenants;
    }

    @Operation(
            operationId = "getComplaintReference",
            summary = "Channels with their mandatory fields, level names and circumstances of the caller's tenant")
    @GetMapping("/reference/complaints")
    ComplaintReference reference(CallerIdentity caller) {
        var policy = policies.of(caller);
        var channels = policy.channels().entrySet().stream()
                .sorted(java.util.Map.Entry.comparingByKey())
                .map(e -> new ChannelView(
                        e.getKey(),
                        Arrays.stream(Channel.values()).anyMatch(c -> c.name().equals(e.getKey()) && c.external()),
                        e.getValue().mandatory(),
                        e.getValue().recorderRoles(),
                        e.getValue().partnerAllowed()))
                .toList();
        var levels = Arrays.stream(Level.values())
                .filter(l -> policy.levelNames().containsKey(l.name()))
                .map(l -> new LevelView(l.name(), policy.levelNames().get(l.name())))
                .toList();
        var circumstances = Arrays.stream(Circumstance.values()).map(Enum::name).toList();
        var permissions = new TreeMap<String, List<String>>();
        Arrays.stream(IntakeAction.values()).forEach(a -> permissions.put(a.name(), policy.allowed(a)));
        var scope = CallerScope.of(caller);
        var sites = tenants.find(caller.tenant()).stream()
                .flatMap(t -> t.sites().values().stream()
                        .filter(s -> scope.covers(caller.tenant(), s.region(), s.id()))
                        .sorted(Comparator.comparing(Site::region).thenComparing(Site::id))
                        .map(s -> new SiteView(
                                s.id(), s.name(), s.region(), t.regions().get(s.region()))))
                .toList();
        return new ComplaintReference(caller.tenant(), channels, levels, circumstances, permissions, sites);
    }
}
