package org.complaints.gateway.auth;

import org.complaints.gateway.devissuer.DevIssuer;
import org.complaints.gateway.system.GatewayProperties;
import org.complaints.gateway.system.Problems;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import reactor.core.publisher.Mono;

/**
 * Every {@code /api/v1/**} call is authenticated by an API key or a staff bearer token; only
 * actuator, the merged OpenAPI document and (in the local profile) the development issuer are open.
 */
@Configuration
public class SecurityConfiguration {

    @Bean
    SecurityWebFilterChain securityChain(
            ServerHttpSecurity http, GatewayProperties properties, ReactiveJwtDecoder staffTokens) {
        ServerAuthenticationEntryPoint unauthenticated = (exchange, e) -> Problems.write(
                exchange,
                HttpStatus.UNAUTHORIZED,
                "unauthenticated",
                "Send a valid X-Api-Key or Authorization: Bearer token.");
        ServerAccessDeniedHandler forbidden = (exchange, e) ->
                Problems.write(exchange, HttpStatus.FORBIDDEN, "forbidden", "Not allowed for this caller.");

        var apiKeyFilter = new AuthenticationWebFilter(new ApiKeys(properties));
        apiKeyFilter.setServerAuthenticationConverter(
                exchange -> Mono.justOrEmpty(exchange.getRequest().getHeaders().getFirst(ApiKeys.HEADER))
                        .map(ApiKeys::presented));
        apiKeyFilter.setAuthenticationFailureHandler(new ServerAuthenticationEntryPointFailureHandler(unauthenticated));

        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .authorizeExchange(a -> a.pathMatchers("/actuator/**", "/dev/**", "/api/v1/openapi.json")
                        .permitAll()
                        .anyExchange()
                        .authenticated())
                .addFilterAt(apiKeyFilter, SecurityWebFiltersOrder.AUTHENTICATION)
                .oauth2ResourceServer(o -> o.jwt(j -> j.jwtDecoder(staffTokens)
                                .jwtAuthenticationConverter(
                                        jwt -> StaffTokens.toCaller(jwt, properties.defaultQuotaPerMinute())))
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(
                        e -> e.authenticationEntryPoint(unauthenticated).accessDeniedHandler(forbidden))
                .build();
    }

    /** The local profile's development issuer, when present, replaces the operator's IdP. */
    @Bean
    ReactiveJwtDecoder staffTokens(GatewayProperties properties, ObjectProvider<DevIssuer> devIssuer) {
        var dev = devIssuer.getIfAvailable();
        return dev != null
                ? NimbusReactiveJwtDecoder.withPublicKey(dev.publicKey()).build()
                : StaffTokens.decoder(properties.jwt());
    }
}
