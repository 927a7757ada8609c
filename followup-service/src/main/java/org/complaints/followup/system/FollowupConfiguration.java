package org.complaints.followup.system;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.mongo.MongoLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.complaints.followup.policy.FollowupPermissions;
import org.complaints.followup.policy.FollowupPolicy;
import org.complaints.support.delivery.DeliveryHandler;
import org.complaints.support.delivery.DeliveryRelay;
import org.complaints.support.due.DueBuckets;
import org.complaints.support.due.DueSettings;
import org.complaints.support.tenant.TenantDirectory;
import org.complaints.support.tenant.TenantPolicies;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

@Configuration
@EnableSchedulerLock(defaultLockAtMostFor = "PT5M")
class FollowupConfiguration {

    @Bean
    TenantPolicies<FollowupPolicy> followupPolicies(TenantDirectory tenants) {
        var policies = new TenantPolicies<>(tenants, "followup", FollowupPolicy.class);
        // every tenant's table is checked at start: an incomplete one stops the service, naming it
        tenants.all().forEach(t -> FollowupPermissions.requireUsable(t.id(), policies.of(t.id())));
        return policies;
    }

    @Bean
    LockProvider lockProvider(MongoTemplate mongo) {
        return new MongoLockProvider(mongo.getCollection("shedlock"));
    }

    /** Follow-ups by due minute, so the overdue sweep reaches them by key on the embedded store (ADR 0023). */
    @Bean
    DueBuckets followUpDue(MongoTemplate mongo, DueSettings settings, Clock clock) {
        return new DueBuckets(mongo, "followups", settings, clock);
    }

    /** The follow-ups' relay; primary, as the one a single-relay injection means. */
    @Bean
    @org.springframework.context.annotation.Primary
    DeliveryRelay followupRelay(
            MongoTemplate mongo, List<DeliveryHandler> handlers, Clock clock, MeterRegistry meters) {
        return new DeliveryRelay(mongo, "followups", handlers, clock, meters, "followup-service");
    }

    /** The frozen monthly reports' review tasks, announced through routing (LC-11, ADR 0521). */
    @Bean
    DeliveryRelay reportRelay(MongoTemplate mongo, List<DeliveryHandler> handlers, Clock clock, MeterRegistry meters) {
        return new DeliveryRelay(mongo, "reports", handlers, clock, meters, "followup-service");
    }
}
