package org.complaints.routing.cases;

import org.complaints.routing.notifications.NewNotification;
import org.complaints.routing.notifications.NotificationKind;
import org.complaints.routing.notifications.Notifications;
import org.complaints.routing.policy.Permission;
import org.complaints.routing.policy.RoutingPermissions;
import org.complaints.routing.policy.RoutingPolicy;
import org.complaints.support.delivery.Delivery;
import org.complaints.support.delivery.DeliveryHandler;
import org.complaints.support.tenant.TenantPolicies;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The notifications the conduct rules owe (ADR 0501): a safety alert to each recipient the
 * VIOLENCE_RISK rule names (ESC-09: site manager, security), and a statement waiting for PR approval
 * to the {@code APPROVE_STATEMENT} roles (CM-15). Each notification's id is derived from the
 * delivery's event id, so a resend creates nothing twice; the texts carry the case and the rule
 * only, never the staff member's note or the statement.
 */
@Configuration(proxyBeanMethods = false)
class ConductNotifications {

    @Bean
    DeliveryHandler safetyAlertNotification(CaseRepository cases, Notifications notifications) {
        return new DeliveryHandler() {
            @Override
            public String kind() {
                return Case.SAFETY_ALERT_NOTICE;
            }

            @Override
            public void deliver(String caseId, Delivery delivery) {
                var c = cases.findById(caseId).orElse(null);
                if (c == null) {
                    return;
                }
                c.safetyAlerts.stream()
                        .filter(a -> a.id().equals(delivery.eventId()))
                        .findFirst()
                        .ifPresent(alert -> {
                            for (var i = 0; i < alert.notified().size(); i++) {
                                notifications.notify(
                                        c.tenant,
                                        NewNotification.to(
                                                alert.id() + ":" + i,
                                                c.region,
                                                c.site,
                                                alert.notified().get(i),
                                                NotificationKind.SAFETY_ALERT,
                                                c.id,
                                                "Safety alert at site " + c.site
                                                        + ": a violent or threatening customer; staff need assistance now (ESC-09, CM-14)"));
                            }
                        });
            }
        };
    }

    @Bean
    DeliveryHandler statementApprovalNotification(
            CaseRepository cases, Notifications notifications, TenantPolicies<RoutingPolicy> policies) {
        return new DeliveryHandler() {
            @Override
            public String kind() {
                return Case.STATEMENT_APPROVAL_NOTICE;
            }

            @Override
            public void deliver(String caseId, Delivery delivery) {
                var c = cases.findById(caseId).orElse(null);
                if (c == null) {
                    return;
                }
                var roles = policies.of(c.tenant).rolesFor(Permission.APPROVE_STATEMENT).stream()
                        .filter(r -> !r.equals(RoutingPermissions.ANY_STAFF)
                                && !r.equals(RoutingPermissions.SYSTEM)
                                && !r.equals(RoutingPermissions.OWNER))
                        .toList();
                for (var role : roles) {
                    notifications.notify(
                            c.tenant,
                            NewNotification.toRole(
                                    delivery.eventId() + ":" + role,
                                    c.region,
                                    c.site,
                                    role,
                                    NotificationKind.STATEMENT_APPROVAL,
                                    c.id,
                                    "A written statement to a media or legal customer waits for your approval (CM-15)"));
                }
            }
        };
    }
}
