package org.complaints.bench;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;

/**
 * A bare Spring Cloud Gateway (the same version and classpath as ours, without our filters: no
 * authentication, quota, identity signing, request ids or body limit), routing {@code /api/v1/**}
 * to the trivial upstream with the same prefix stripping. Started as its own process by the
 * benchmark: {@code BareGateway <port>}, upstream URL in {@code BENCH_UPSTREAM}.
 */
@SpringBootApplication(
        excludeName = {
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration"
        })
public class BareGateway {

    @Bean
    RouteLocator bareRoutes(RouteLocatorBuilder routes) {
        var upstream = System.getenv().getOrDefault("BENCH_UPSTREAM", "http://localhost:9");
        return routes.routes()
                .route(
                        "bare",
                        r -> r.path("/api/v1/**").filters(f -> f.stripPrefix(2)).uri(upstream))
                .build();
    }

    public static void main(String[] args) {
        // Not the gateway's application.yml (its routes and filters): this app has no configuration file.
        System.setProperty("spring.config.name", "bare-gateway");
        new SpringApplicationBuilder(BareGateway.class)
                .properties(
                        "server.port=" + args[0],
                        "spring.main.web-application-type=reactive",
                        "management.endpoints.web.exposure.include=health",
                        "management.endpoint.health.probes.enabled=true")
                .run();
    }
}
