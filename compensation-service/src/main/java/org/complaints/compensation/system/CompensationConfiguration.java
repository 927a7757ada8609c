package org.complaints.compensation.system;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.mongo.MongoLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.complaints.compensation.policy.CompensationPolicy;
import org.complaints.support.delivery.DeliveryHandler;
import org.complaints.support.delivery.DeliveryRelay;
import org.complaints.support.tenant.TenantDirectory;
import org.complaints.support.tenant.TenantPolicies;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

@Configuration
@EnableSchedulerLock(defaultLockAtMostFor = "PT5M")
class CompensationConfiguration {

    /** One sweep runner at a time across replicas (the same MongoDB lock routing and follow-up use). */
    @Bean
    LockProvider lockProvider(MongoTemplate mongo) {
        return new MongoLockProvider(mongo.getCollection("shedlock"));
    }

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
