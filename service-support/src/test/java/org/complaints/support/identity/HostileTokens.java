package org.complaints.support.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Identity tokens as an attacker (or a broken peer) would make them: each starts as the token the
 * gateway would sign for a staff director and changes one thing. Signed with the published
 * development keys, which the services accept in their test profile.
 */
public final class HostileTokens {

    private final String audience;
    private final String tenant;
    private final Instant now;

    public HostileTokens(String audience, String tenant, Instant now) {
        this.audience = audience;
        this.tenant = tenant;
        this.now = now;
    }

    public JWTClaimsSet.Builder staffClaims() {
        return new JWTClaimsSet.Builder()
                .issuer(IdentityTokens.GATEWAY)
                .audience(audience)
                .subject("intruder")
                .claim("kind", "staff")
                .claim("tenant", tenant)
                .claim("regions", List.of())
                .claim("sites", List.of())
                .claim("roles", List.of("service-director", "general-manager", "hq-executive", "cs-manager"))
                .claim("scopes", List.of())
                .claim("name", "Intruder")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
    }

    public JWTClaimsSet.Builder systemClaims(String service) {
        return staffClaims()
                .issuer(service)
                .subject(CallerIdentity.SYSTEM_PREFIX + service)
                .claim("kind", "system")
                .claim("roles", List.of(CallerIdentity.SYSTEM_ROLE))
                .claim("name", service);
    }

    /** As the gateway signs: the control every refused variant differs from. */
    public String valid() {
        return byGateway(UnaryOperator.identity());
    }

    public String byGateway(UnaryOperator<JWTClaimsSet.Builder> change) {
        return signed(
                change.apply(staffClaims()).build(), IdentityTokens.GATEWAY, developmentKey(IdentityTokens.GATEWAY));
    }

    public String systemOf(String service, UnaryOperator<JWTClaimsSet.Builder> change) {
        return signed(change.apply(systemClaims(service)).build(), service, developmentKey(service));
    }

    public String expired() {
        return byGateway(c -> c.issueTime(Date.from(now.minus(Duration.ofMinutes(10))))
                .expirationTime(Date.from(now.minus(Duration.ofMinutes(5)))));
    }

    public String wrongAudience() {
        return byGateway(c -> c.audience("some-other-service"));
    }

    public String noAudience() {
        return byGateway(c -> c.audience((String) null));
    }

    /** The issue's finding: a year-long system identity from issuer {@code evil}. */
    public String evilIssuerForAYear() {
        var claims = systemClaims("evil")
                .expirationTime(Date.from(now.plus(Duration.ofDays(365))))
                .build();
        return signed(claims, "evil", freshKey());
    }

    /** The gateway's own key, but an issuer the service does not know. */
    public String wrongIssuer() {
        return byGateway(c -> c.issuer("evil"));
    }

    public String tooLongLived() {
        return byGateway(c -> c.expirationTime(Date.from(now.plus(Duration.ofDays(365)))));
    }

    public String issuedInTheFuture() {
        return byGateway(c -> c.issueTime(Date.from(now.plus(Duration.ofMinutes(10))))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(14)))));
    }

    public String unknownTenant() {
        return byGateway(c -> c.claim("tenant", "no-such-tenant"));
    }

    /** Claims the gateway would sign, signed by a key that only claims to be the gateway's. */
    public String forged() {
        return signed(staffClaims().build(), IdentityTokens.GATEWAY, freshKey());
    }

    /** A compromised service minting a staff identity with its own (valid) key. */
    public String staffSignedByService(String service) {
        return signed(staffClaims().issuer(service).build(), service, developmentKey(service));
    }

    /** A service's key used for another service's system identity. */
    public String systemOfAnotherService(String signer, String named) {
        var claims = systemClaims(signer)
                .subject(CallerIdentity.SYSTEM_PREFIX + named)
                .build();
        return signed(claims, signer, developmentKey(signer));
    }

    /** The old HS256 format, keyed with the former public development secret. */
    public String hmac() {
        try {
            var jwt = new SignedJWT(
                    new JWSHeader(JWSAlgorithm.HS256), staffClaims().build());
            jwt.sign(new MACSigner("local-dev-identity-secret-change-me-0123456789".getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ECKey developmentKey(String process) {
        var key = IdentityKeys.developmentPrivateKeys().get(process);
        if (key == null) {
            throw new IllegalArgumentException("no development key for " + process);
        }
        return key;
    }

    public static ECKey freshKey() {
        try {
            return new ECKeyGenerator(Curve.P_256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String signed(JWTClaimsSet claims, String keyId, ECKey key) {
        try {
            var jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(keyId).build(), claims);
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
