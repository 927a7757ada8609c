package org.complaints.compensation.system;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import org.complaints.compensation.policy.CompensationPolicy;
import org.complaints.support.delivery.DeliveryHandler;
import org.complaints.support.delivery.DeliveryRelay;
import org.complaints.support.tenant.TenantDirectory;
import org.complaints.support.tenant.TenantPolicies;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

@Configuration
class CompensationConfiguration {

    @Bean
    TenantPolicies<CompensationPolicy> compensationPolicies(TenantDirectory tenants) {
        var policies = new TenantPolicies<>(tenants, "compensation", CompensationPolicy.class);
        tenants.all().forEach(t -> policies.of(t.id()));
        return policies;
    }

    @Bean
    DeliveryRelay compensationRelay(
            MongoTemplate mongo, List<DeliveryHandler> handlers, Clock clock, MeterRegistry meters) {
        return new DeliveryRelay(mongo, "compensations", handlers, clock, meters, "compensation-service");
    }
}
