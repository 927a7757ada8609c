package org.complaints.intake.complaint;

import org.complaints.support.delivery.DeliveryHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the complaint's deliveries to routing; service-support runs the relay. */
@Configuration
class ComplaintDeliveries {

    @Bean
    DeliveryHandler openCaseDelivery(RoutingHandOff handOff) {
        return handOff.openCaseHandler();
    }

    @Bean
    DeliveryHandler promiseBrokenDelivery(
            org.complaints.intake.routing.RoutingClient routing,
            org.springframework.data.mongodb.core.MongoTemplate mongo) {
        return new PromiseBrokenNotice(routing, mongo);
    }

    @Bean
    DeliveryHandler notEstablishedDelivery(RoutingHandOff handOff) {
        return handOff.notEstablishedHandler();
    }

    @Bean
    DeliveryHandler validDelivery(RoutingHandOff handOff) {
        return handOff.validHandler();
    }
}
