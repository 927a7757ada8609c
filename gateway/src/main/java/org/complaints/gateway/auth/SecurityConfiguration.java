package org.complaints.gateway.auth;

import java.util.ArrayList;
import java.util.List;
import org.complaints.gateway.auth.AuthMetrics.Reason;
import org.complaints.gateway.auth.dev.DevIssuer;
import org.complaints.gateway.auth.dev.DevSignIn;
import org.complaints.gateway.system.GatewayProperties;
import org.complaints.gateway.system.Problems;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import reactor.core.publisher.Mono;

/**
 * Every {@code /api/v1/**} call is authenticated by an API key or a staff bearer token and, for
 * partners, checked for scope. Open without credentials: actuator (probes and scraping), the
 * merged OpenAPI document (a published API description holds no data), the staff console's static
 * files and sign-in configuration under {@code /console/**} (they hold no data either: every call
 * the console makes goes to {@code /api/v1/**} with the signed-in user's bearer token), and the
 * development issuer under {@code /dev/**} when the {@code local} profile created it.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityWebFilterChain securityChain(
            ServerHttpSecurity http,
            GatewayProperties properties,
            ReactiveJwtDecoder staffTokens,
            AuthMetrics metrics,
            DevSignIn devSignIn) {
        var open = new ArrayList<>(List.of("/actuator/**", "/api/v1/openapi.json", "/console", "/console/**"));
        if (devSignIn.enabled()) {
            open.add("/dev/**");
        }
        var missing = unauthorized(
                metrics, Reason.MISSING_CREDENTIALS, "Send an X-Api-Key or an Authorization: Bearer token.");
        var badKey = unauthorized(metrics, Reason.INVALID_API_KEY, "The API key is not valid.");
        var badToken = unauthorized(metrics, Reason.INVALID_TOKEN, "The bearer token is not valid or has expired.");
        ServerAccessDeniedHandler forbidden = (exchange, e) -> {
            metrics.rejected(Reason.INSUFFICIENT_SCOPE);
            var scope = ScopeAuthorization.requiredScope(exchange.getRequest());
            return Problems.write(
                    exchange,
                    HttpStatus.FORBIDDEN,
                    "insufficient-scope",
                    "This API key lacks the scope " + scope + ".");
        };

        var apiKeyFilter = new AuthenticationWebFilter(new ApiKeys(properties));
        apiKeyFilter.setServerAuthenticationConverter(
                exchange -> Mono.justOrEmpty(exchange.getRequest().getHeaders().getFirst(ApiKeys.HEADER))
                        .map(ApiKeys::presented));
        apiKeyFilter.setAuthenticationFailureHandler(new ServerAuthenticationEntryPointFailureHandler(badKey));

        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .authorizeExchange(a -> a.pathMatchers(open.toArray(String[]::new))
                        .permitAll()
                        .pathMatchers("/api/v1/**")
                        .access(new ScopeAuthorization())
                        .anyExchange()
                        .authenticated())
                .addFilterAt(apiKeyFilter, SecurityWebFiltersOrder.AUTHENTICATION)
                .oauth2ResourceServer(
                        o -> o.jwt(j -> j.jwtDecoder(staffTokens).jwtAuthenticationConverter(StaffTokens::toCaller))
                                .authenticationEntryPoint(badToken)
                                .accessDeniedHandler(forbidden))
                .exceptionHandling(e -> e.authenticationEntryPoint(missing).accessDeniedHandler(forbidden))
                .build();
    }

    /**
     * The security firewall's refusals (encoded slashes, dot segments, odd characters in the path)
     * answer as problem details like every other refusal, not as an empty 400.
     */
    @Bean
    ServerExchangeRejectedHandler exchangeRejected() {
        return (exchange, rejected) -> Problems.write(
                exchange, HttpStatus.BAD_REQUEST, "malformed-request", "The request path is not acceptable.");
    }

    /** In the local profile the development issuer's key replaces the operator's identity provider. */
    @Bean
    ReactiveJwtDecoder staffTokens(GatewayProperties properties, DevSignIn devSignIn) {
        if (!devSignIn.enabled()) {
            return StaffTokens.decoder(properties.jwt());
        }
        var decoder = NimbusReactiveJwtDecoder.withPublicKey(
                        devSignIn.issuer().orElseThrow().publicKey())
                .build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(DevIssuer.ISSUER));
        return decoder;
    }

    private static ServerAuthenticationEntryPoint unauthorized(AuthMetrics metrics, Reason reason, String detail) {
        return (exchange, e) -> {
            metrics.rejected(reason);
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            return Problems.write(exchange, HttpStatus.UNAUTHORIZED, "unauthenticated", detail);
        };
    }
}
