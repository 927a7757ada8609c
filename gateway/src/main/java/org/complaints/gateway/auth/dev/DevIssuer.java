package org.complaints.gateway.auth.dev;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import org.complaints.gateway.system.GatewayProperties;

/**
 * A development identity provider for the {@code local} profile only ({@link DevSignIn} makes it):
 * it signs staff tokens for the configured sample users ({@code complaints.gateway.dev-users}) with
 * an RSA key pair made at start-up, so tokens die with the process. Production uses the operator's
 * identity provider.
 */
public class DevIssuer {

    public static final String ISSUER = "complaints-dev-issuer";
    static final Duration LIFETIME = Duration.ofHours(1);
    private static final String KEY_ID = "dev-issuer";
    private final KeyPair keys;
    private final GatewayProperties properties;
    private final Clock clock;

    DevIssuer(GatewayProperties properties, Clock clock) throws NoSuchAlgorithmException {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        this.keys = generator.generateKeyPair();
        this.properties = properties;
        this.clock = clock;
    }

    public RSAPublicKey publicKey() {
        return (RSAPublicKey) keys.getPublic();
    }

    Map<String, Object> jwks() {
        return new JWKSet(new RSAKey.Builder(publicKey()).keyID(KEY_ID).build()).toJSONObject();
    }

    Optional<String> tokenFor(String user) {
        var profile = properties.devUsers().get(user);
        if (profile == null) {
            return Optional.empty();
        }
        var now = clock.instant();
        var claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
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
            var jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY_ID).build(), claims);
            jwt.sign(new RSASSASigner(keys.getPrivate()));
            return Optional.of(jwt.serialize());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a development token", e);
        }
    }
}
