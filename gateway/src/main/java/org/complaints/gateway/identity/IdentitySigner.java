package org.complaints.gateway.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.complaints.gateway.auth.Caller;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Signs the {@code X-Complaints-Identity} token the services verify (docs/contracts.md, decision
 * 0010): ES256 with the gateway's private key (key id and issuer {@value #ISSUER}), addressed to
 * the one service the route leads to, valid for five minutes. The services hold only the public
 * key, so none of them can mint a staff or partner identity.
 */
@Component
public class IdentitySigner {

    public static final String HEADER = "X-Complaints-Identity";
    public static final String ISSUER = "gateway";
    static final Duration LIFETIME = Duration.ofMinutes(5);
    /**
     * A token is signed once per caller and service and reused for this long (of its five minutes),
     * so the services can keep its verification too: one ES256 signature and one verification per
     * caller a minute instead of per request (ADR 0287).
     */
    static final Duration REUSE = Duration.ofSeconds(60);

    private static final int MAX_REUSED = 10_000;

    private record Signed(String token, java.time.Instant issuedAt) {}

    private final java.util.concurrent.ConcurrentHashMap<java.util.Map.Entry<Caller, String>, Signed> recent =
            new java.util.concurrent.ConcurrentHashMap<>();
    static final String DEVELOPMENT_KEYS = "identity-development-keys.yml";
    private final ECKey key;
    private final ECDSASigner signer;
    private final Clock clock;

    @Autowired
    public IdentitySigner(
            @Value("${complaints.identity.private-key:}") String privateKey, Environment environment, Clock clock) {
        this(privateKey, environment.acceptsProfiles(Profiles.of("local | test")), clock);
    }

    IdentitySigner(String privateKey, boolean developmentAllowed, Clock clock) {
        this.key = privateKey(privateKey);
        if (!developmentAllowed && thumbprint(key).equals(developmentThumbprint())) {
            throw new IllegalStateException(
                    "complaints.identity.private-key is the published development key; it works only in the local profile");
        }
        try {
            this.signer = new ECDSASigner(key);
        } catch (JOSEException e) {
            throw new IllegalStateException("complaints.identity.private-key is not usable for ES256", e);
        }
        this.clock = clock;
        // Loads and seeds the EC provider at start-up rather than in the first caller's request.
        sign(new Caller("warm-up", Caller.STAFF, "-", List.of(), List.of(), List.of(), List.of(), "-", 0), "-");
    }

    /** The gateway's public key, as the services configure it (key id {@value #ISSUER}). */
    public ECKey publicKey() {
        return new ECKey.Builder(key.toPublicJWK()).keyID(ISSUER).build();
    }

    public String sign(Caller caller, String audience) {
        var now = clock.instant();
        var key = java.util.Map.entry(caller, audience);
        var reused = recent.get(key);
        if (reused != null
                && !now.isBefore(reused.issuedAt())
                && now.isBefore(reused.issuedAt().plus(REUSE))) {
            return reused.token();
        }
        if (recent.size() >= MAX_REUSED) {
            recent.clear(); // many callers at once: start over rather than hold them all
        }
        var token = fresh(caller, audience, now);
        recent.put(key, new Signed(token, now));
        return token;
    }

    private String fresh(Caller caller, String audience, java.time.Instant now) {
        var claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(audience)
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
            var jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(ISSUER).build(), claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign identity", e);
        }
    }

    private static ECKey privateKey(String jwk) {
        if (jwk == null || jwk.isBlank()) {
            throw new IllegalStateException("complaints.identity.private-key (COMPLAINTS_IDENTITY_PRIVATE_KEY) is not"
                    + " set for the gateway; only the local profile has a development key");
        }
        try {
            if (JWK.parse(jwk) instanceof ECKey ec && Curve.P_256.equals(ec.getCurve()) && ec.isPrivate()) {
                return ec;
            }
        } catch (ParseException e) {
            throw new IllegalStateException("complaints.identity.private-key is not a JWK", e);
        }
        throw new IllegalStateException("complaints.identity.private-key must be an EC P-256 private key (ES256)");
    }

    /** The published development key's thumbprint, from the local profile's resource. */
    static String developmentThumbprint() {
        try {
            var sources =
                    new YamlPropertySourceLoader().load(DEVELOPMENT_KEYS, new ClassPathResource(DEVELOPMENT_KEYS));
            var value = sources.getFirst().getProperty("complaints.identity.development.private-key");
            return thumbprint(JWK.parse(String.valueOf(value)));
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("cannot read " + DEVELOPMENT_KEYS, e);
        }
    }

    private static String thumbprint(JWK key) {
        try {
            return key.toPublicJWK().computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
