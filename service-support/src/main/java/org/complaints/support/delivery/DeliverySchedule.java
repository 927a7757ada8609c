package org.complaints.support.delivery;

import java.util.List;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Runs a service's relays: every {@code complaints.relay.interval}, up to 100 documents each; a relay
 * with settings of its own ({@link DeliveryRelay#withOwnSettings}) is scheduled by its owner.
 */
public class DeliverySchedule {

    private final List<DeliveryRelay> relays;

    public DeliverySchedule(List<DeliveryRelay> relays) {
        this.relays = relays.stream().filter(r -> r.ownSettings() == null).toList();
    }

    @Scheduled(
            fixedDelayString = "${complaints.relay.interval:PT2S}",
            initialDelayString = "${complaints.relay.initial-delay:PT5S}")
    public void relay() {
        for (var relay : relays) {
            relay.relayDue(100);
        }
    }
}
