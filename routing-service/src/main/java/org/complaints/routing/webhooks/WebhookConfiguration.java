package org.complaints.routing.webhooks;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import org.complaints.routing.cases.CaseRepository;
import org.complaints.support.delivery.DeliveryHandler;
import org.complaints.support.delivery.DeliveryRelay;
import org.complaints.support.tenant.TenantDirectory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import tools.jackson.databind.json.JsonMapper;

/**
 * Partner webhooks (ADR 0260-0262): the subscriptions, the fan-out from the cases' outbox, and a
 * relay of its own over the per-(subscription, case) streams, with its own retry settings
 * ({@code complaints.webhooks.retry.*}: backoff capped at an hour, parked 24 hours after the first
 * failure) and its own schedule ({@code complaints.webhooks.interval}), so slow partners never
 * delay routing's other relays.
 */
@Configuration
class WebhookConfiguration {

    @Bean
    WebhookSettings webhookSettings(Environment env) {
        return WebhookSettings.from(env);
    }

    @Bean
    Targets webhookTargets(WebhookSettings settings) {
        return new Targets(settings.allowInsecureTargets());
    }

    @Bean
    Subscriptions subscriptions(
            MongoTemplate mongo, Targets targets, TenantDirectory tenants, WebhookSettings settings, Clock clock) {
        return new Subscriptions(mongo, targets, tenants, settings, clock);
    }

    @Bean
    Streams webhookStreams(MongoTemplate mongo, ApplicationEventPublisher events, JsonMapper json, Clock clock) {
        return new Streams(mongo, events, json, clock);
    }

    @Bean
    FanOut webhookFanOut(CaseRepository cases, Subscriptions subscriptions, Streams streams) {
        return new FanOut(cases, subscriptions, streams);
    }

    @Bean
    Sender webhookSender(
            MongoTemplate mongo,
            Subscriptions subscriptions,
            Streams streams,
            Targets targets,
            WebhookSettings settings,
            Clock clock,
            MeterRegistry meters) {
        return new Sender(mongo, subscriptions, streams, targets, settings, clock, meters);
    }

    @Bean
    DeliveryRelay webhookRelay(MongoTemplate mongo, List<DeliveryHandler> handlers, Clock clock, MeterRegistry meters) {
        return new DeliveryRelay(mongo, Stream.COLLECTION, handlers, clock, meters, "routing-service")
                .withOwnSettings("complaints.webhooks.retry");
    }

    @Bean
    Deliveries webhookDeliveries(
            Subscriptions subscriptions, @Qualifier("webhookRelay") DeliveryRelay relay, MongoTemplate mongo) {
        return new Deliveries(subscriptions, relay, mongo);
    }

    @Bean
    WebhookSchedule webhookSchedule(@Qualifier("webhookRelay") DeliveryRelay relay) {
        return new WebhookSchedule(relay);
    }

    /** Sends due webhook deliveries every {@code complaints.webhooks.interval}. */
    static class WebhookSchedule {

        private final DeliveryRelay relay;

        WebhookSchedule(DeliveryRelay relay) {
            this.relay = relay;
        }

        @Scheduled(
                fixedDelayString = "${complaints.webhooks.interval:PT1S}",
                initialDelayString = "${complaints.webhooks.initial-delay:${complaints.relay.initial-delay:PT5S}}")
        public void send() {
            relay.relayDue(100);
        }
    }
}
