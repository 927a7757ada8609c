package org.complaints.compensation.remedy;

import java.util.LinkedHashMap;
import java.util.List;
import org.complaints.compensation.policy.CompensationPolicy;
import org.complaints.support.tenant.TenantPolicies;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Publishes who may take each compensation decision: {@code x-roles}, per permission row and
 * shipped preset (a tenant's overrides may differ: {@code GET /authority-matrix}).
 */
@Configuration(proxyBeanMethods = false)
class RemedyRoles {

    @Bean
    OperationCustomizer remedyRolesDocumentation(TenantPolicies<CompensationPolicy> policies) {
        return (operation, handler) -> {
            var permission = handler.getMethodAnnotation(RemedyPermission.class);
            if (permission != null) {
                var roles = new LinkedHashMap<String, Object>();
                for (var action : permission.value()) {
                    var byPreset = new LinkedHashMap<String, List<String>>();
                    TenantPolicies.PRESETS.forEach(preset ->
                            byPreset.put(preset, policies.shipped(preset).rolesFor(action)));
                    roles.put(action.name(), byPreset);
                }
                operation.addExtension("x-roles", roles);
            }
            return operation;
        };
    }
}
