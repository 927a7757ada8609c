package org.complaints.intake.system;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.mongo.MongoLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.complaints.intake.policy.IntakePolicy;
import org.complaints.support.delivery.DeliveryHandler;
import org.complaints.support.delivery.DeliveryRelay;
import org.complaints.support.tenant.TenantDirectory;
import org.complaints.support.tenant.TenantPolicies;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

@Configuration
@EnableSchedulerLock(defaultLockAtMostFor = "PT5M")
class IntakeConfiguration {

    /** The single-runner lock of intake's sweeps (promise sweep), as in routing and follow-up. */
    @Bean
    LockProvider lockProvider(MongoTemplate mongo) {
        return new MongoLockProvider(mongo.getCollection("shedlock"));
    }

    @Bean
    TenantPolicies<IntakePolicy> intakePolicies(TenantDirectory tenants) {
        return new TenantPolicies<>(tenants, "intake", IntakePolicy.class);
    }

    @Bean
    DeliveryRelay complaintRelay(
            MongoTemplate mongo, List<DeliveryHandler> handlers, Clock clock, MeterRegistry meters) {
        return new DeliveryRelay(mongo, "complaints", handlers, clock, meters, "intake-service");
    }
}
