package org.complaints.gateway.auth.dev;

import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Optional;
import org.complaints.gateway.system.GatewayProperties;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Whether staff sign in through the development issuer: only in the {@code local} profile. Decided
 * when the gateway starts rather than by {@code @Profile}, because the gateway's bean definitions
 * are generated at build time, where no profile is active (ADR 0614).
 */
@Component
public class DevSignIn {

    private final Optional<DevIssuer> issuer;

    public DevSignIn(Environment environment, GatewayProperties properties, Clock clock)
            throws NoSuchAlgorithmException {
        this.issuer =
                environment.matchesProfiles("local") ? Optional.of(new DevIssuer(properties, clock)) : Optional.empty();
    }

    public Optional<DevIssuer> issuer() {
        return issuer;
    }

    public boolean enabled() {
        return issuer.isPresent();
    }
}
