package org.complaints.compensation.policy;

import java.util.LinkedHashSet;
import java.util.Map;

/**
 * Renders the presets' permission tables as Markdown ({@code docs/permissions-compensation.md}),
 * so the published document is generated from the data the service enforces and cannot drift.
 */
public final class PermissionsDocument {

    private PermissionsDocument() {}

    /** @param presets preset name → its policy, in the order to print */
    public static String render(Map<String, CompensationPolicy> presets) {
        var out = new StringBuilder();
        out.append("# Compensation permissions\n\n")
                .append("Generated from `compensation-service/src/main/resources/presets/*.yml` (`permissions`) by\n")
                .append(
                        "`PermissionsDocumentTest`; do not edit by hand. A tenant's `overrides.compensation.permissions`\n")
                .append("replaces an action's list. Roles come only from the caller's verified identity. Enforced in\n")
                .append("`CompensationPolicy.permits`; approving and modifying also need authority for the amount\n")
                .append(
                        "(the authority matrix), rejecting also needs a ladder rung at or above the option's required\n")
                .append("role, and every read and command is limited to the caller's tenant, regions and sites.\n\n");
        out.append("| action | meaning |\n|---|---|\n");
        for (var action : CompensationAction.values()) {
            out.append("| `")
                    .append(action.name())
                    .append("` | ")
                    .append(action.description())
                    .append(" |\n");
        }
        presets.forEach((name, policy) -> {
            var roles = new LinkedHashSet<String>();
            for (var action : CompensationAction.values()) {
                roles.addAll(policy.rolesFor(action));
            }
            out.append("\n## Preset `").append(name).append("`\n\n");
            out.append("Approval ladder: ")
                    .append(String.join(" → ", policy.approvalLadder()))
                    .append(".\n\n");
            out.append("| role |");
            for (var action : CompensationAction.values()) {
                out.append(" ").append(action.name()).append(" |");
            }
            out.append("\n|---|");
            out.append("---|".repeat(CompensationAction.values().length));
            out.append("\n");
            for (var role : roles) {
                out.append("| ").append(role).append(" |");
                for (var action : CompensationAction.values()) {
                    out.append(policy.rolesFor(action).contains(role) ? " ✔ |" : " |");
                }
                out.append("\n");
            }
        });
        return out.toString();
    }
}
