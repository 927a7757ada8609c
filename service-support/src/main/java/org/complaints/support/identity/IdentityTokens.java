package org.complaints.support.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Signs and verifies the {@code X-Complaints-Identity} token (docs/contracts.md). HS256 with a
 * secret shared by the gateway and the services only, so a caller inside the cluster without the
 * secret cannot forge an identity.
 */
public class IdentityTokens {

    public static final String HEADER = "X-Complaints-Identity";
    private static final Duration LIFETIME = Duration.ofMinutes(5);

    private final byte[] secret;
    private final String issuer;
    private final Clock clock;

    public IdentityTokens(String secret, String issuer, Clock clock) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        if (this.secret.length < 32) {
            throw new IllegalArgumentException("complaints.identity.secret must be at least 32 bytes");
        }
        this.issuer = issuer;
        this.clock = clock;
    }

    public String sign(CallerIdentity caller) {
        var now = clock.instant();
        var claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(caller.subject())
                .claim("kind", caller.kind().name().toLowerCase(Locale.ROOT))
                .claim("tenant", caller.tenant())
                .claim("regions", List.copyOf(caller.regions()))
                .claim("sites", List.copyOf(caller.sites()))
                .claim("roles", List.copyOf(caller.roles()))
                .claim("scopes", List.copyOf(caller.scopes()))
                .claim("name", caller.name())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .build();
        try {
            var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign identity token", e);
        }
    }

    /** The caller, or empty when the token is malformed, forged or expired. */
    public Optional<CallerIdentity> verify(String token) {
        try {
            var jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(new MACVerifier(secret))) {
                return Optional.empty();
            }
            var claims = jwt.getJWTClaimsSet();
            var expiry = claims.getExpirationTime();
            if (expiry == null || expiry.toInstant().isBefore(clock.instant())) {
                return Optional.empty();
            }
            var tenant = claims.getStringClaim("tenant");
            var kind = claims.getStringClaim("kind");
            if (tenant == null || tenant.isBlank() || kind == null || claims.getSubject() == null) {
                return Optional.empty();
            }
            return Optional.of(new CallerIdentity(
                    claims.getSubject(),
                    CallerIdentity.Kind.valueOf(kind.toUpperCase(Locale.ROOT)),
                    tenant,
                    strings(claims, "regions"),
                    strings(claims, "sites"),
                    strings(claims, "roles"),
                    strings(claims, "scopes"),
                    claims.getStringClaim("name")));
        } catch (ParseException | JOSEException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Set<String> strings(JWTClaimsSet claims, String name) throws ParseException {
        var list = claims.getStringListClaim(name);
        return list == null ? Set.of() : new HashSet<>(list);
    }
}
