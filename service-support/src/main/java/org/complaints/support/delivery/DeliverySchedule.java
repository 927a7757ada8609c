package org.complaints.support.delivery;

import org.springframework.scheduling.annotation.Scheduled;

/** Runs a service's relay: every {@code complaints.relay.interval}, up to 100 due deliveries. */
public class DeliverySchedule {

    private final DeliveryRelay relay;

    public DeliverySchedule(DeliveryRelay relay) {
        this.relay = relay;
    }

    @Scheduled(
            fixedDelayString = "${complaints.relay.interval:PT2S}",
            initialDelayString = "${complaints.relay.initial-delay:PT5S}")
    public void relay() {
        relay.relayDue(100);
    }
}
