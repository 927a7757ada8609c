package org.complaints.support;

import com.nimbusds.jose.jwk.ECKey;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.complaints.support.delivery.DeliveryRelay;
import org.complaints.support.delivery.DeliverySchedule;
import org.complaints.support.delivery.RelayHints;
import org.complaints.support.delivery.RelayOperationsController;
import org.complaints.support.delivery.RelaySettings;
import org.complaints.support.due.DueSettings;
import org.complaints.support.feign.ContextPropagatingExecutor;
import org.complaints.support.feign.DownstreamCalls;
import org.complaints.support.identity.CallerArgumentResolver;
import org.complaints.support.identity.IdentityFilter;
import org.complaints.support.identity.IdentityKeys;
import org.complaints.support.identity.IdentityTokens;
import org.complaints.support.store.DurableMongoSettings;
import org.complaints.support.store.MongoPingHealthIndicator;
import org.complaints.support.tenant.TenantDirectory;
import org.complaints.support.web.BodySizeLimit;
import org.complaints.support.web.ProblemDetailsAdvice;
import org.complaints.support.web.ProblemWriter;
import org.complaints.support.web.RequestIds;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JCircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.openfeign.CircuitBreakerNameResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/** The infrastructure every backend service shares; each service adds only its domain. */
@AutoConfiguration
@Import(ProblemDetailsAdvice.class)
public class SupportAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * This service's identity keys (decision 0010): refuses to start without a private key and the
     * gateway's and peers' public keys, and with a published development key unless the local or
     * test profile is active. In the test profile the signer also holds the development keys of
     * the gateway and the peers, so tests can sign the identities those would send.
     */
    @Bean
    @ConditionalOnMissingBean
    IdentityTokens identityTokens(
            Environment environment,
            @Value("${spring.application.name}") String service,
            TenantDirectory tenants,
            Clock clock) {
        var development = environment.acceptsProfiles(Profiles.of("local | test"));
        var keys = IdentityKeys.load(
                service,
                environment.getProperty("complaints.identity.private-key"),
                environment.getProperty("complaints.identity.public-keys"),
                development);
        var signing = new HashMap<String, ECKey>();
        if (environment.acceptsProfiles(Profiles.of("test"))) {
            signing.putAll(IdentityKeys.developmentPrivateKeys());
        }
        signing.put(service, keys.privateKey());
        return new IdentityTokens(service, signing, keys.trusted(), tenants, clock);
    }

    @Bean
    @ConditionalOnMissingBean
    TenantDirectory tenantDirectory(@Value("${complaints.tenants-file:}") String file) {
        return TenantDirectory.load(file);
    }

    /** The §12 linter every service checks customer-facing text with (ADR 0500). */
    @Bean
    @ConditionalOnMissingBean
    org.complaints.support.text.TextLinter textLinter(TenantDirectory tenants) {
        return new org.complaints.support.text.TextLinter(tenants);
    }

    /**
     * Majority, journaled writes and majority reads when MONGODB_URI names the store (ADR 0027).
     * Decided when the service starts, not by a condition: the build fixes conditions (ADR 0613).
     */
    @Bean
    DurableMongoSettings durableMongoSettings(@Value("${MONGODB_URI:}") String uri) {
        return new DurableMongoSettings(uri);
    }

    @Bean
    ProblemWriter problemWriter(JsonMapper json) {
        return new ProblemWriter(json);
    }

    @Bean
    FilterRegistrationBean<RequestIds> requestIdFilter() {
        var registration = new FilterRegistrationBean<>(new RequestIds());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<BodySizeLimit> bodySizeLimitFilter(
            @Value("${complaints.web.max-body-bytes:1048576}") long maxBytes, ProblemWriter problems) {
        var registration = new FilterRegistrationBean<>(new BodySizeLimit(maxBytes, problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    FilterRegistrationBean<IdentityFilter> identityFilter(IdentityTokens tokens, ProblemWriter problems) {
        var registration = new FilterRegistrationBean<>(new IdentityFilter(tokens, problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    @Bean
    WebMvcConfigurer callerArgument() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerArgumentResolver());
            }
        };
    }

    @Bean
    DownstreamCalls downstreamCalls(IdentityTokens tokens) {
        return new DownstreamCalls(tokens);
    }

    /** Breakers are named after the downstream service, so metrics read {@code routing-service}. */
    @Bean
    CircuitBreakerNameResolver circuitBreakerNameResolver() {
        return (feignClientName, target, method) -> feignClientName;
    }

    /**
     * Only the executor is set here; breaker and time-limiter settings stay in the
     * {@code resilience4j.*} keys, their single source of truth.
     */
    @Bean
    Customizer<Resilience4JCircuitBreakerFactory> contextPropagatingBreakers() {
        return factory -> {
            var executor = new ContextPropagatingExecutor();
            factory.configureExecutorService(executor);
            factory.configureGroupExecutorService(group -> executor);
        };
    }

    /**
     * Every service that declares a {@link DeliveryRelay} gets it configured from
     * {@code complaints.relay.*} and run on a schedule. On the embedded store the relay finds its
     * work through save hints instead of the (ignored) {@code deliveries.due} index (ADR 0007).
     */
    @Bean
    @ConditionalOnBean(DeliveryRelay.class)
    DeliverySchedule deliverySchedule(List<DeliveryRelay> relays, Environment env) {
        var defaults = RelaySettings.defaults();
        var pollBy = env.getProperty("complaints.relay.poll-by", "auto");
        var hinted = switch (pollBy) {
            case "hints" -> true;
            case "index" -> false;
            default -> env.getProperty("complaints.store.embedded", Boolean.class, false);
        };
        var settings = new RelaySettings(
                env.getProperty("complaints.relay.max-backoff", Duration.class, defaults.maxBackoff()),
                env.getProperty("complaints.relay.max-attempts", Integer.class, defaults.maxAttempts()),
                env.getProperty("complaints.relay.max-age", Duration.class, defaults.maxAge()),
                env.getProperty("complaints.relay.lease", Duration.class, defaults.lease()),
                hinted,
                env.getProperty("complaints.relay.rescan", Duration.class, defaults.rescan()),
                env.getProperty("complaints.relay.parallel", Integer.class, defaults.parallel()));
        relays.forEach(relay -> relay.configure(settings(env, relay.ownSettings(), settings)));
        return new DeliverySchedule(relays);
    }

    /** A relay's own {@code <prefix>.*} settings, each falling back to the shared one. */
    private static RelaySettings settings(Environment env, String prefix, RelaySettings shared) {
        if (prefix == null) {
            return shared;
        }
        return new RelaySettings(
                env.getProperty(prefix + ".max-backoff", Duration.class, shared.maxBackoff()),
                env.getProperty(prefix + ".max-attempts", Integer.class, shared.maxAttempts()),
                env.getProperty(prefix + ".max-age", Duration.class, shared.maxAge()),
                shared.lease(),
                shared.hinted(),
                shared.rescan(),
                env.getProperty(prefix + ".parallel", Integer.class, shared.parallel()));
    }

    @Bean
    @ConditionalOnBean(DeliveryRelay.class)
    RelayHints relayHints(List<DeliveryRelay> relays) {
        return new RelayHints(relays);
    }

    /**
     * Operators of parked deliveries per tenant preset ({@code complaints.relay.operator-roles.<preset>});
     * the defaults are each preset's top management role plus {@code relay-operator} (ADR 0006).
     */
    @Bean
    @ConditionalOnBean(DeliveryRelay.class)
    RelayOperationsController relayOperationsController(
            List<DeliveryRelay> relays, TenantDirectory tenants, Environment env) {
        var roles = new java.util.HashMap<String, List<String>>(Map.of(
                "dealer", List.of("general-manager", "relay-operator"),
                "retail", List.of("hq-executive", "relay-operator"),
                "generic", List.of("general-manager", "relay-operator")));
        Binder.get(env)
                .bind("complaints.relay.operator-roles", Bindable.mapOf(String.class, String.class))
                .ifBound(configured -> configured.forEach((preset, list) -> roles.put(
                        preset,
                        java.util.Arrays.stream(list.split(","))
                                .map(String::strip)
                                .filter(r -> !r.isEmpty())
                                .toList())));
        return new RelayOperationsController(relays, tenants, Map.copyOf(roles));
    }

    /** How sweeps find due work: due-minute buckets on the embedded store, the index otherwise (ADR 0023). */
    @Bean
    @ConditionalOnMissingBean
    DueSettings dueSettings(Environment env) {
        return DueSettings.from(env);
    }

    @Bean("mongoHealthIndicator")
    MongoPingHealthIndicator mongoHealthIndicator(MongoTemplate mongo) {
        return new MongoPingHealthIndicator(mongo);
    }
}
