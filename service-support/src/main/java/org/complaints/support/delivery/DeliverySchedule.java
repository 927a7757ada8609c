package org.complaints.support.delivery;

import java.util.List;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Runs a service's relays: every {@code complaints.relay.interval}, 100 documents at a time, and at
 * once another 100 while a batch comes back full (up to {@value #BATCHES_PER_TICK} batches a tick,
 * so a backlog drains without waiting a tick per batch, ADR 0610); a relay with settings of its own
 * ({@link DeliveryRelay#withOwnSettings}) is scheduled by its owner.
 */
public class DeliverySchedule {

    static final int BATCH = 100;
    static final int BATCHES_PER_TICK = 10;

    private final List<DeliveryRelay> relays;

    public DeliverySchedule(List<DeliveryRelay> relays) {
        this.relays = relays.stream().filter(r -> r.ownSettings() == null).toList();
    }

    @Scheduled(
            fixedDelayString = "${complaints.relay.interval:PT2S}",
            initialDelayString = "${complaints.relay.initial-delay:PT5S}")
    public void relay() {
        for (var relay : relays) {
            var batches = 1;
            while (relay.relayDue(BATCH) >= BATCH && batches < BATCHES_PER_TICK) {
                batches++;
            }
        }
    }
}
