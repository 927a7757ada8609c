package org.complaints.compensation.remedy;

import java.util.HashMap;
import java.util.Set;
import org.complaints.compensation.routing.RoutingClient;
import org.complaints.support.delivery.Delivery;
import org.complaints.support.delivery.DeliveryHandler;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.identity.CurrentCaller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells routing how the compensation moves (docs/contracts.md events), through the relay: nothing
 * lost. The delivery's kind is the event type. Posts to routing's internal event endpoint as this
 * service's system identity.
 */
@Component
class RoutingNotifications implements DeliveryHandler {

    private static final Logger log = LoggerFactory.getLogger(RoutingNotifications.class);

    static final Set<String> EVENTS = Set.of(
            "COMPENSATION_PROPOSED",
            "COMPENSATION_PENDING_APPROVAL",
            "COMPENSATION_APPROVED",
            "OFFER_REJECTED_BY_CUSTOMER",
            "AGREEMENT_SIGNED",
            "REMEDY_DELIVERED",
            "COMPENSATION_REJECTED");

    private final RoutingClient routing;
    private final CompensationRepository compensations;

    RoutingNotifications(RoutingClient routing, CompensationRepository compensations) {
        this.routing = routing;
        this.compensations = compensations;
    }

    @Override
    public String kind() {
        return "routing-event";
    }

    @Override
    public Set<String> kinds() {
        return EVENTS;
    }

    @Override
    public void deliver(String compensationId, Delivery delivery) {
        compensations.findById(compensationId).ifPresent(c -> send(c, delivery));
    }

    /**
     * Hands routing, now and in order, the events of this case's compensations that the relay has
     * not delivered yet, so a command is checked against the state those events lead to. A failure
     * stops the flush and leaves the rest to the relay (routing ignores a repeated event id).
     */
    java.util.Set<String> flush(String tenant, String caseId) {
        var delivered = new java.util.HashSet<String>();
        for (var c : compensations.withUndeliveredEvents(tenant, caseId)) {
            for (var delivery : c.deliveries) {
                if (!EVENTS.contains(delivery.kind())) {
                    // Another receiver's (an escalation notice, intake's agreement mirror): the relay
                    // sends it, and it does not gate a command.
                    continue;
                }
                try {
                    send(c, delivery);
                } catch (RuntimeException e) {
                    log.info(
                            "flush of {} stopped, the relay retries it: {}",
                            delivery.kind(),
                            e.getClass().getSimpleName());
                    return delivered;
                }
                compensations.removeDelivery(c.id, delivery.eventId());
                delivered.add(delivery.eventId());
            }
        }
        return delivered;
    }

    private void send(Compensation c, Delivery delivery) {
        var type = delivery.kind();
        var data = new HashMap<String, Object>();
        data.put("compensationId", c.id);
        if (type.equals("OFFER_REJECTED_BY_CUSTOMER") && c.escalatedTo != null) {
            data.put("escalateTo", c.escalatedTo);
        }
        CurrentCaller.runAs(
                CallerIdentity.system("compensation-service", c.tenant),
                () -> routing.event(c.caseId, new RoutingClient.CaseEvent(delivery.eventId(), type, null, data)));
    }
}
