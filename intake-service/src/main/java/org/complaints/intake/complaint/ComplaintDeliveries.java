package org.complaints.intake.complaint;

import org.complaints.support.delivery.DeliveryHandler;
import org.complaints.support.delivery.DeliveryRelay;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

/** Wires the complaint's deliveries to routing and runs their relay. */
@Configuration
class ComplaintDeliveries {

    @Bean
    DeliveryHandler openCaseDelivery(RoutingHandOff handOff) {
        return handOff.openCaseHandler();
    }

    @Bean
    DeliveryHandler notEstablishedDelivery(RoutingHandOff handOff) {
        return handOff.notEstablishedHandler();
    }

    @Bean
    RelaySchedule relaySchedule(DeliveryRelay relay) {
        return new RelaySchedule(relay);
    }

    static class RelaySchedule {
        private final DeliveryRelay relay;

        RelaySchedule(DeliveryRelay relay) {
            this.relay = relay;
        }

        @Scheduled(
                fixedDelayString = "${complaints.relay.interval:PT2S}",
                initialDelayString = "${complaints.relay.initial-delay:PT5S}")
        void relay() {
            relay.relayDue(100);
        }
    }
}
