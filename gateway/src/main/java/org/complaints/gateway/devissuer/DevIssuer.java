package org.complaints.gateway.devissuer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import org.complaints.gateway.system.GatewayProperties;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * A development identity provider for the {@code local} profile only: it signs staff tokens for
 * the configured sample users with a key pair made at start-up. Production uses the operator's IdP.
 */
@Component
@Profile("local")
public class DevIssuer {

    static final Duration LIFETIME = Duration.ofHours(1);
    private final KeyPair keys;
    private final GatewayProperties properties;
    private final Clock clock = Clock.systemUTC();

    public DevIssuer(GatewayProperties properties) throws NoSuchAlgorithmException {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        this.keys = generator.generateKeyPair();
        this.properties = properties;
    }

    public RSAPublicKey publicKey() {
        return (RSAPublicKey) keys.getPublic();
    }

    Optional<String> tokenFor(String user) {
        var profile = properties.devUsers().get(user);
        if (profile == null) {
            return Optional.empty();
        }
        var now = clock.instant();
        var claims = new JWTClaimsSet.Builder()
                .issuer("complaints-dev-issuer")
                .subject(user)
                .claim("tenant", profile.tenant())
                .claim("roles", profile.roles())
                .claim("regions", profile.regions())
                .claim("sites", profile.sites())
                .claim("name", profile.name() == null ? user : profile.name())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .build();
        try {
            var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
            jwt.sign(new RSASSASigner(keys.getPrivate()));
            return Optional.of(jwt.serialize());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
