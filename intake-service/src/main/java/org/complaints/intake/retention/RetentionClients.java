package org.complaints.intake.retention;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/** The services that keep personal data of a complaint, each told to anonymise its part (ADR 0522). */
final class RetentionClients {

    private RetentionClients() {}

    @FeignClient(name = "routing-service", contextId = "routingRetention")
    interface Routing {
        @PostMapping("/internal/v1/anonymisations")
        void anonymise(@RequestBody AnonymisationOrder order);
    }

    @FeignClient(name = "compensation-service")
    interface Compensation {
        @PostMapping("/internal/v1/anonymisations")
        void anonymise(@RequestBody AnonymisationOrder order);
    }

    @FeignClient(name = "followup-service")
    interface Followup {
        @PostMapping("/internal/v1/anonymisations")
        void anonymise(@RequestBody AnonymisationOrder order);
    }
}
