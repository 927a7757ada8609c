package org.complaints.gateway.auth;

import java.util.List;
import org.complaints.gateway.system.GatewayProperties;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.util.StringUtils;
import reactor.core.publisher.Mono;

/**
 * Staff bearer tokens from the operator's identity provider ({@code complaints.gateway.jwt.*}),
 * with the claims {@code tenant}, {@code roles}, {@code regions}, {@code sites}, {@code name}.
 * Without an issuer no staff token is accepted; the local profile brings its own issuer.
 */
public final class StaffTokens {

    private StaffTokens() {}

    /**
     * The JWK set is fetched on first use, not at start-up, so the gateway starts (and serves
     * partners) while the identity provider is briefly unreachable.
     */
    public static ReactiveJwtDecoder decoder(GatewayProperties.Jwt jwt) {
        var issuer = StringUtils.hasText(jwt.issuerUri()) ? jwt.issuerUri() : null;
        NimbusReactiveJwtDecoder decoder;
        if (StringUtils.hasText(jwt.jwkSetUri())) {
            decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwt.jwkSetUri()).build();
        } else if (issuer != null) {
            decoder = NimbusReactiveJwtDecoder.withIssuerLocation(issuer).build();
        } else {
            return token -> Mono.error(new BadJwtException("no staff token issuer is configured"));
        }
        decoder.setJwtValidator(
                issuer != null ? JwtValidators.createDefaultWithIssuer(issuer) : JwtValidators.createDefault());
        return decoder;
    }

    /** A token without a tenant cannot be scoped, so it is refused like a bad signature (401). */
    public static Mono<CallerAuthentication> toCaller(Jwt jwt) {
        var tenant = jwt.getClaimAsString("tenant");
        if (!StringUtils.hasText(tenant) || !StringUtils.hasText(jwt.getSubject())) {
            return Mono.error(new BadJwtException("token has no tenant or subject"));
        }
        return Mono.just(new CallerAuthentication(new Caller(
                jwt.getSubject(),
                Caller.STAFF,
                tenant,
                list(jwt, "regions"),
                list(jwt, "sites"),
                list(jwt, "roles"),
                List.of(),
                jwt.getClaimAsString("name"),
                0)));
    }

    private static List<String> list(Jwt jwt, String claim) {
        var values = jwt.getClaimAsStringList(claim);
        return values == null ? List.of() : List.copyOf(values);
    }
}
