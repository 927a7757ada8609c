package org.complaints.gateway.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import org.complaints.gateway.auth.Caller;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Signs the {@code X-Complaints-Identity} token the services verify (docs/contracts.md): HS256 with
 * the secret only the gateway and the services hold, valid for five minutes so a captured header
 * is not useful for long.
 */
@Component
public class IdentitySigner {

    public static final String HEADER = "X-Complaints-Identity";
    static final String ISSUER = "complaints-gateway";
    static final Duration LIFETIME = Duration.ofMinutes(5);
    private final MACSigner signer;
    private final Clock clock;

    public IdentitySigner(@Value("${complaints.identity.secret}") String secret, Clock clock) {
        var bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 32) {
            throw new IllegalArgumentException("complaints.identity.secret must be at least 32 bytes");
        }
        try {
            this.signer = new MACSigner(bytes);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("complaints.identity.secret is not usable for HS256", e);
        }
        this.clock = clock;
    }

    public String sign(Caller caller) {
        var now = clock.instant();
        var claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(caller.subject())
                .claim("kind", caller.kind())
                .claim("tenant", caller.tenant())
                .claim("regions", caller.regions())
                .claim("sites", caller.sites())
                .claim("roles", caller.roles())
                .claim("scopes", caller.scopes())
                .claim("name", caller.name())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .build();
        try {
            var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign identity", e);
        }
    }
}
