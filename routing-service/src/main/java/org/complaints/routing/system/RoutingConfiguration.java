package org.complaints.routing.system;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.mongo.MongoLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.complaints.routing.policy.PolicyCheck;
import org.complaints.routing.policy.RoutingPolicy;
import org.complaints.support.delivery.DeliveryHandler;
import org.complaints.support.delivery.DeliveryRelay;
import org.complaints.support.tenant.TenantDirectory;
import org.complaints.support.tenant.TenantPolicies;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

@Configuration
@EnableSchedulerLock(defaultLockAtMostFor = "PT5M")
class RoutingConfiguration {

    @Bean
    TenantPolicies<RoutingPolicy> routingPolicies(TenantDirectory tenants, RoutingMetrics metrics) {
        var policies = new TenantPolicies<>(tenants, "routing", RoutingPolicy.class);
        tenants.all().forEach(t -> {
            var policy = policies.of(t.id());
            PolicyCheck.require(t.id(), policy);
            var rules = new java.util.TreeSet<String>();
            policy.clocks().forEach(c -> rules.add(c.rule()));
            if (policy.sideRoutes() != null) {
                policy.sideRoutes().forEach(r -> rules.add(r.rule()));
            }
            if (policy.groupComplaint() != null) {
                policy.groupComplaint().tasks().forEach(task -> rules.add(task.rule()));
            }
            policy.flags().values().forEach(f -> {
                rules.add(f.rule());
                if (f.task() != null) {
                    rules.add(f.task().rule());
                }
            });
            rules.addAll(List.of("ESC-05", "ESC-08", "RT-06", "CL-03", "MANUAL", "OT-30"));
            metrics.knownRules(t.id(), rules);
        });
        return policies;
    }

    @Bean
    LockProvider lockProvider(MongoTemplate mongo) {
        return new MongoLockProvider(mongo.getCollection("shedlock"));
    }

    @Bean
    DeliveryRelay caseRelay(MongoTemplate mongo, List<DeliveryHandler> handlers, Clock clock, MeterRegistry meters) {
        return new DeliveryRelay(mongo, "cases", handlers, clock, meters, "routing-service");
    }

    /** Each notification's NOTIFICATION_CREATED event, written with it and published from here (ADR 0251). */
    @Bean
    DeliveryRelay notificationRelay(
            MongoTemplate mongo, List<DeliveryHandler> handlers, Clock clock, MeterRegistry meters) {
        return new DeliveryRelay(mongo, "notifications", handlers, clock, meters, "routing-service");
    }

    /** The notifications incidents owe (an SLA-X1 task overdue), written with the incident like a case's. */
    @Bean
    DeliveryRelay incidentRelay(
            MongoTemplate mongo, List<DeliveryHandler> handlers, Clock clock, MeterRegistry meters) {
        return new DeliveryRelay(mongo, "incidents", handlers, clock, meters, "routing-service");
    }
}
