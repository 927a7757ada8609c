package org.complaints.gateway.auth;

import java.util.List;
import org.complaints.gateway.system.GatewayProperties;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoders;
import reactor.core.publisher.Mono;

/**
 * Staff bearer tokens: claims {@code tenant}, {@code roles}, {@code regions}, {@code sites},
 * {@code name}. In production the operator's issuer or JWK set is configuration; without one, no
 * staff token is accepted (the local profile brings its own development issuer).
 */
public final class StaffTokens {

    private StaffTokens() {}

    public static ReactiveJwtDecoder decoder(GatewayProperties.Jwt jwt) {
        if (jwt.jwkSetUri() != null && !jwt.jwkSetUri().isBlank()) {
            return NimbusReactiveJwtDecoder.withJwkSetUri(jwt.jwkSetUri()).build();
        }
        if (jwt.issuerUri() != null && !jwt.issuerUri().isBlank()) {
            return ReactiveJwtDecoders.fromIssuerLocation(jwt.issuerUri());
        }
        return token -> Mono.error(new JwtException("no staff token issuer is configured"));
    }

    public static Mono<CallerAuthentication> toCaller(Jwt jwt, int quotaPerMinute) {
        var tenant = jwt.getClaimAsString("tenant");
        if (tenant == null || tenant.isBlank()) {
            return Mono.error(new JwtException("token has no tenant"));
        }
        var subject = jwt.getSubject() != null ? jwt.getSubject() : jwt.getClaimAsString("preferred_username");
        return Mono.just(new CallerAuthentication(new Caller(
                subject,
                "staff",
                tenant,
                list(jwt, "regions"),
                list(jwt, "sites"),
                list(jwt, "roles"),
                List.of(),
                jwt.getClaimAsString("name"),
                quotaPerMinute)));
    }

    private static List<String> list(Jwt jwt, String claim) {
        var values = jwt.getClaimAsStringList(claim);
        return values == null ? List.of() : values;
    }
}
