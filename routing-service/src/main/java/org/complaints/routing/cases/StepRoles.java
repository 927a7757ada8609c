package org.complaints.routing.cases;

import java.util.LinkedHashMap;
import org.complaints.routing.policy.RoutingPolicy;
import org.complaints.support.tenant.TenantPolicies;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Publishes who may take each step: {@code x-permission} (the row of the preset's permission table)
 * and {@code x-roles}, the roles of that row in each shipped preset ({@code *} = any staff,
 * {@code owner} = the case's owner). A tenant's overrides may differ: {@code GET /policies/{tenant}}.
 */
@Configuration(proxyBeanMethods = false)
class StepRoles {

    @Bean
    OperationCustomizer caseStepRolesDocumentation(TenantPolicies<RoutingPolicy> policies) {
        return (operation, handler) -> {
            var step = handler.getMethodAnnotation(CaseStepController.CaseStep.class);
            if (step != null) {
                var permission = step.value().permission();
                var roles = new LinkedHashMap<String, Object>();
                TenantPolicies.PRESETS.forEach(
                        preset -> roles.put(preset, policies.shipped(preset).rolesFor(permission)));
                operation.addExtension("x-permission", permission.name());
                operation.addExtension("x-roles", roles);
            }
            return operation;
        };
    }
}
