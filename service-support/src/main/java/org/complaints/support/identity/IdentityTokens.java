package org.complaints.support.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.complaints.support.tenant.TenantDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs and verifies the {@code X-Complaints-Identity} token (docs/contracts.md, decision 0010):
 * ES256, key id = issuer. The gateway signs staff and partner identities; a service signs only
 * system identities, with its own key, each addressed to one target service. A verified token has
 * a trusted issuer allowed to sign its kind, this service as its audience, an issue time not in the
 * future, at most {@value #MAX_LIFETIME_MINUTES} minutes of life, no expiry in the past and a tenant
 * the {@link TenantDirectory} knows.
 */
public class IdentityTokens {

    public static final String HEADER = "X-Complaints-Identity";
    /** The gateway's issuer name and key id. */
    public static final String GATEWAY = "gateway";

    public static final String ON_BEHALF_OF = "obo";
    static final long MAX_LIFETIME_MINUTES = 5;
    static final Duration MAX_LIFETIME = Duration.ofMinutes(MAX_LIFETIME_MINUTES);
    /** Tolerated clock difference between processes for the issue time. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(IdentityTokens.class);

    /** How long a signed token is reused for the same identity and audience (ADR 0287). */
    static final Duration REUSE = Duration.ofSeconds(60);

    private static final int MAX_CACHED = 10_000;

    private record Signed(String token, Instant issued) {}

    /** A token's verified content; audience and times are checked again on each use. */
    private record Verified(CallerIdentity identity, List<String> audience, Instant issued, Instant expiry) {}

    private final Map<Map.Entry<CallerIdentity, String>, Signed> signed = new ConcurrentHashMap<>();
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final String self;
    private final Map<String, ECKey> signingKeys;
    private final Map<String, ECKey> trusted;
    private final TenantDirectory tenants;
    private final Clock clock;

    /**
     * @param self this service's name: the audience it accepts and the issuer of what it signs
     * @param signingKeys private keys by issuer; in production only {@code self}'s own key (the
     *     test profile adds the development keys of the gateway and the peers)
     * @param trusted public keys by issuer: the gateway and the peer services
     */
    public IdentityTokens(
            String self,
            Map<String, ECKey> signingKeys,
            Map<String, ECKey> trusted,
            TenantDirectory tenants,
            Clock clock) {
        this.self = self;
        this.signingKeys = Map.copyOf(signingKeys);
        this.trusted = Map.copyOf(trusted);
        this.tenants = tenants;
        this.clock = clock;
        warmUp();
    }

    /** Loads and seeds the EC provider at start-up rather than in the first caller's request. */
    private void warmUp() {
        var key = signingKeys.get(self);
        if (key == null) {
            return;
        }
        try {
            var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.ES256), new JWTClaimsSet.Builder().build());
            jwt.sign(new ECDSASigner(key));
            jwt.verify(new ECDSAVerifier(key.toPublicJWK()));
        } catch (JOSEException e) {
            throw new IllegalStateException("complaints.identity.private-key cannot sign ES256", e);
        }
    }

    public String service() {
        return self;
    }

    /** A token for {@code caller} addressed to this service itself (what tests send it). */
    public String sign(CallerIdentity caller) {
        return sign(caller, self);
    }

    /**
     * A token for {@code caller} addressed to {@code audience}. A system identity is signed with
     * the key of the service it names; staff and partner identities need the gateway's key, which
     * a service holds only in the test profile.
     */
    public String sign(CallerIdentity caller, String audience) {
        var now = clock.instant();
        var key = Map.entry(caller, audience);
        var reused = signed.get(key);
        if (reused != null
                && !now.isBefore(reused.issued())
                && now.isBefore(reused.issued().plus(REUSE))) {
            return reused.token();
        }
        if (signed.size() >= MAX_CACHED) {
            signed.clear(); // many identities at once: start over rather than hold them all
        }
        var token = fresh(caller, audience, now);
        signed.put(key, new Signed(token, now));
        return token;
    }

    private String fresh(CallerIdentity caller, String audience, Instant now) {
        var issuer = issuerFor(caller);
        var key = signingKeys.get(issuer);
        if (key == null) {
            throw new IllegalStateException(
                    self + " holds no key to sign a " + caller.kind() + " identity as " + issuer);
        }
        var claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(caller.subject())
                .claim("kind", caller.kind().name().toLowerCase(Locale.ROOT))
                .claim("tenant", caller.tenant())
                .claim("regions", List.copyOf(caller.regions()))
                .claim("sites", List.copyOf(caller.sites()))
                .claim("roles", List.copyOf(caller.roles()))
                .claim("scopes", List.copyOf(caller.scopes()))
                .claim("name", caller.name())
                .claim(ON_BEHALF_OF, caller.onBehalfOf())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(MAX_LIFETIME)))
                .build();
        try {
            var jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(issuer).build(), claims);
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign identity token", e);
        }
    }

    /**
     * The token this service sends to {@code audience} while serving {@code caller}: its own system
     * identity in the caller's tenant, naming the caller in {@value #ON_BEHALF_OF} for audit only.
     * A caller's own token is never forwarded; it was addressed to this service.
     */
    public String onBehalfOf(CallerIdentity caller, String audience) {
        var user = caller.onBehalfOf() != null ? caller.onBehalfOf() : caller.subject();
        return sign(CallerIdentity.system(self, caller.tenant()).actingFor(user), audience);
    }

    /** The caller, or empty when the token is not one this service may accept. */
    public Optional<CallerIdentity> verify(String token) {
        return verifyAs(self, token);
    }

    /**
     * The caller as service {@code audience} would accept it, or empty: for checking what this
     * service sends to another (contract tests).
     */
    public Optional<CallerIdentity> verifyAs(String audience, String token) {
        try {
            return Optional.of(check(audience, verified(token)));
        } catch (Refused e) {
            log.debug("identity refused: {}", e.getMessage());
            return Optional.empty();
        } catch (ParseException | JOSEException | IllegalArgumentException e) {
            log.debug("identity refused: malformed");
            return Optional.empty();
        }
    }

    /**
     * The token's signed content, once its signature, issuer and kind are verified. A token string
     * already verified is taken from {@code verified}: the same string carries the same signature,
     * and the gateway and the services reuse a token for a minute (ADR 0287). What depends on the
     * moment or the reader (audience, times, tenant) is checked on every use by {@link #check}.
     */
    private Verified verified(String token) throws ParseException, JOSEException {
        var known = verified.get(token);
        if (known != null) {
            return known;
        }
        var jwt = SignedJWT.parse(token);
        if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())) {
            throw new Refused("algorithm");
        }
        var claims = jwt.getJWTClaimsSet();
        var issuer = claims.getIssuer();
        var key = issuer == null ? null : trusted.get(issuer);
        if (key == null || !issuer.equals(jwt.getHeader().getKeyID())) {
            throw new Refused("issuer");
        }
        if (!jwt.verify(new ECDSAVerifier(key))) {
            throw new Refused("signature");
        }
        var kindName = claims.getStringClaim("kind");
        var kind = kindName == null ? null : CallerIdentity.Kind.valueOf(kindName.toUpperCase(Locale.ROOT));
        var subject = claims.getSubject();
        if (kind == null || subject == null || !issuer.equals(issuerFor(kind, subject))) {
            // The gateway signs staff and partners only; a service only its own system identity.
            throw new Refused("issuer not allowed to sign this identity");
        }
        var tenant = claims.getStringClaim("tenant");
        if (tenant == null) {
            throw new Refused("unknown tenant");
        }
        var result = new Verified(
                new CallerIdentity(
                        subject,
                        kind,
                        tenant,
                        strings(claims, "regions"),
                        strings(claims, "sites"),
                        strings(claims, "roles"),
                        strings(claims, "scopes"),
                        claims.getStringClaim("name"),
                        claims.getStringClaim(ON_BEHALF_OF)),
                claims.getAudience(),
                instant(claims.getIssueTime()),
                instant(claims.getExpirationTime()));
        if (verified.size() >= MAX_CACHED) {
            verified.clear(); // many callers at once: start over rather than hold them all
        }
        verified.put(token, result);
        return result;
    }

    private CallerIdentity check(String audience, Verified token) {
        if (!List.of(audience).equals(token.audience())) {
            throw new Refused("audience");
        }
        var issued = token.issued();
        var expiry = token.expiry();
        var now = clock.instant();
        if (issued == null || expiry == null) {
            throw new Refused("no issue time or expiry");
        }
        if (issued.isAfter(now.plus(CLOCK_SKEW))) {
            throw new Refused("issued in the future");
        }
        if (!expiry.isAfter(issued) || Duration.between(issued, expiry).compareTo(MAX_LIFETIME) > 0) {
            throw new Refused("lifetime");
        }
        if (!expiry.isAfter(now)) {
            throw new Refused("expired");
        }
        if (tenants.find(token.identity().tenant()).isEmpty()) {
            throw new Refused("unknown tenant");
        }
        return token.identity();
    }

    private static String issuerFor(CallerIdentity caller) {
        return issuerFor(caller.kind(), caller.subject());
    }

    /** Who may sign an identity: the gateway for staff and partners, a service for itself. */
    private static String issuerFor(CallerIdentity.Kind kind, String subject) {
        if (kind != CallerIdentity.Kind.SYSTEM) {
            return GATEWAY;
        }
        return subject.startsWith(CallerIdentity.SYSTEM_PREFIX)
                ? subject.substring(CallerIdentity.SYSTEM_PREFIX.length())
                : "";
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static Set<String> strings(JWTClaimsSet claims, String name) throws ParseException {
        var list = claims.getStringListClaim(name);
        return list == null ? Set.of() : new HashSet<>(list);
    }

    private static final class Refused extends RuntimeException {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }
}
