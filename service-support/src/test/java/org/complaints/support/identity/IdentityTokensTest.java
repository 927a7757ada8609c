package org.complaints.support.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.complaints.support.tenant.TenantDirectory;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

class IdentityTokensTest {

    static final Instant NOW = Instant.parse("2026-11-22T02:00:00Z");
    static final TenantDirectory TENANTS = TenantDirectory.load("");
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final HostileTokens hostile = new HostileTokens("routing-service", "demo-dealer", NOW);

    /** routing-service as production configures it: its own key, everyone's public keys. */
    final IdentityTokens routing = service("routing-service", false);

    static IdentityTokens service(String name, boolean allDevelopmentKeys, Clock clock) {
        var trusted = new HashMap<String, com.nimbusds.jose.jwk.ECKey>();
        IdentityKeys.developmentPrivateKeys().forEach((k, v) -> trusted.put(k, v.toPublicJWK()));
        var signing = allDevelopmentKeys
                ? IdentityKeys.developmentPrivateKeys()
                : Map.of(name, HostileTokens.developmentKey(name));
        return new IdentityTokens(name, signing, trusted, TENANTS, clock);
    }

    IdentityTokens service(String name, boolean allDevelopmentKeys) {
        return service(name, allDevelopmentKeys, clock);
    }

    @Test
    void shouldAcceptWhatTheGatewaySignsForThisService() {
        var caller = routing.verify(hostile.valid()).orElseThrow();
        assertThat(caller.kind()).isEqualTo(CallerIdentity.Kind.STAFF);
        assertThat(caller.tenant()).isEqualTo("demo-dealer");
        assertThat(caller.onBehalfOf()).isNull();
    }

    @Test
    void shouldRefuseEachBrokenToken() {
        assertThat(routing.verify(hostile.expired())).as("expired").isEmpty();
        assertThat(routing.verify(hostile.wrongAudience())).as("audience").isEmpty();
        assertThat(routing.verify(hostile.noAudience())).as("no audience").isEmpty();
        assertThat(routing.verify(hostile.evilIssuerForAYear())).as("evil").isEmpty();
        assertThat(routing.verify(hostile.wrongIssuer())).as("issuer").isEmpty();
        assertThat(routing.verify(hostile.tooLongLived())).as("lifetime").isEmpty();
        assertThat(routing.verify(hostile.issuedInTheFuture())).as("future").isEmpty();
        assertThat(routing.verify(hostile.unknownTenant())).as("tenant").isEmpty();
        assertThat(routing.verify(hostile.forged())).as("forged").isEmpty();
        assertThat(routing.verify(hostile.staffSignedByService("intake-service")))
                .as("staff by a service key")
                .isEmpty();
        assertThat(routing.verify(hostile.systemOfAnotherService("intake-service", "followup-service")))
                .as("another service's system identity")
                .isEmpty();
        assertThat(routing.verify(hostile.hmac())).as("HS256").isEmpty();
        assertThat(routing.verify(hostile.byGateway(c -> c.issueTime(null))))
                .as("no iat")
                .isEmpty();
        assertThat(routing.verify(hostile.byGateway(c -> c.expirationTime(null))))
                .as("no exp")
                .isEmpty();
        assertThat(routing.verify(hostile.byGateway(c -> c.claim("kind", "system"))))
                .as("system identity from the gateway")
                .isEmpty();
    }

    @Test
    void shouldAcceptExactlyFiveMinutesAndASmallClockSkew() {
        assertThat(routing.verify(hostile.byGateway(c -> c.expirationTime(Date.from(NOW.plusSeconds(300))))))
                .isPresent();
        assertThat(routing.verify(hostile.byGateway(c -> c.expirationTime(Date.from(NOW.plusSeconds(301))))))
                .isEmpty();
        assertThat(routing.verify(hostile.byGateway(c ->
                        c.issueTime(Date.from(NOW.plusSeconds(20))).expirationTime(Date.from(NOW.plusSeconds(200))))))
                .as("a peer's clock 20 s ahead")
                .isPresent();
    }

    @Test
    void shouldCheckTimesAudienceAndSignatureOfAReusedTokenOnEveryUse() {
        var now = new java.util.concurrent.atomic.AtomicReference<>(NOW);
        var tokens = service("routing-service", false, moving(now));
        var token = hostile.valid();
        assertThat(tokens.verify(token)).isPresent();
        assertThat(tokens.verify(token)).as("again, from what was verified").isPresent();
        assertThat(tokens.verifyAs("intake-service", token))
                .as("the audience is checked on each use")
                .isEmpty();
        var tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BA" : "AA");
        assertThat(tokens.verify(tampered))
                .as("another string is verified afresh")
                .isEmpty();

        now.set(NOW.plus(Duration.ofMinutes(5)));
        assertThat(tokens.verify(token)).as("expired, though verified before").isEmpty();
    }

    @Test
    void shouldReuseItsSignedTokenForAMinute() {
        var now = new java.util.concurrent.atomic.AtomicReference<>(NOW);
        var tokens = service("routing-service", false, moving(now));
        var system = CallerIdentity.system("routing-service", "demo-dealer");
        var first = tokens.sign(system, "intake-service");
        now.set(NOW.plusSeconds(59));
        assertThat(tokens.sign(system, "intake-service")).isEqualTo(first);
        assertThat(tokens.sign(system, "followup-service")).isNotEqualTo(first);
        assertThat(tokens.sign(system.actingFor("dealer.director"), "intake-service"))
                .isNotEqualTo(first);
        now.set(NOW.plusSeconds(60));
        assertThat(tokens.sign(system, "intake-service")).isNotEqualTo(first);
    }

    /** A clock the test moves. */
    static Clock moving(java.util.concurrent.atomic.AtomicReference<Instant> now) {
        return new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
    }

    @Test
    void shouldExpireOnTheDot() {
        var token = hostile.valid();
        var later = service("routing-service", false, Clock.fixed(NOW.plus(Duration.ofMinutes(5)), ZoneOffset.UTC));
        assertThat(later.verify(token)).isEmpty();
    }

    @Test
    void shouldSignItsOwnSystemIdentityForTheTargetOnly() throws Exception {
        var token = routing.sign(CallerIdentity.system("routing-service", "demo-retail"), "followup-service");

        var jwt = SignedJWT.parse(token);
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo("routing-service");
        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("routing-service");
        assertThat(claims.getAudience()).containsExactly("followup-service");
        assertThat(claims.getIssueTime().toInstant()).isEqualTo(NOW);
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(NOW.plusSeconds(300));
        var followup = service("followup-service", false);
        assertThat(followup.verify(token).orElseThrow().subject()).isEqualTo("system:routing-service");
        assertThat(service("intake-service", false).verify(token))
                .as("not addressed to intake")
                .isEmpty();
    }

    @Test
    void shouldNotMintStaffOrOtherServicesIdentitiesWithItsOwnKey() {
        var staff = new CallerIdentity(
                "x",
                CallerIdentity.Kind.STAFF,
                "demo-dealer",
                Set.of(),
                Set.of(),
                Set.of("general-manager"),
                Set.of(),
                "X");
        assertThatThrownBy(() -> routing.sign(staff, "intake-service")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(
                        () -> routing.sign(CallerIdentity.system("intake-service", "demo-dealer"), "followup-service"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldSignForTheTestsWithTheDevelopmentKeysInTheTestProfile() {
        var testSigner = service("routing-service", true);
        var staff = new CallerIdentity(
                "dealer.director",
                CallerIdentity.Kind.STAFF,
                "demo-dealer",
                Set.of(),
                Set.of(),
                Set.of("service-director"),
                Set.of(),
                "Director");
        assertThat(routing.verify(testSigner.sign(staff)).orElseThrow()).isEqualTo(staff);
    }

    @Test
    void shouldCallOnBehalfOfTheRequestsCallerWithItsOwnSystemIdentity() {
        var request = new MockHttpServletRequest();
        var user = new CallerIdentity(
                "retail.desk",
                CallerIdentity.Kind.STAFF,
                "demo-retail",
                Set.of("east"),
                Set.of(),
                Set.of("service-desk"),
                Set.of(),
                "Desk");
        request.setAttribute(CurrentCaller.ATTRIBUTE, user);
        request.addHeader(IdentityTokens.HEADER, "the-callers-own-token");
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
        try {
            var token =
                    CurrentCaller.downstreamToken(routing, "followup-service").orElseThrow();

            assertThat(token).isNotEqualTo("the-callers-own-token");
            var seen = routing.verifyAs("followup-service", token).orElseThrow();
            assertThat(seen.subject()).isEqualTo("system:routing-service");
            assertThat(seen.kind()).isEqualTo(CallerIdentity.Kind.SYSTEM);
            assertThat(seen.tenant()).isEqualTo("demo-retail");
            assertThat(seen.roles()).containsExactly(CallerIdentity.SYSTEM_ROLE);
            assertThat(seen.onBehalfOf()).isEqualTo("retail.desk");
        } finally {
            RequestContextHolder.resetRequestAttributes();
        }
    }

    @Test
    void shouldSignARelaysIdentityForTheTarget() {
        var token = CurrentCaller.runAs(
                CallerIdentity.system("routing-service", "demo-dealer"),
                () -> CurrentCaller.downstreamToken(routing, "intake-service").orElseThrow());
        var seen = service("intake-service", false).verify(token).orElseThrow();
        assertThat(seen.subject()).isEqualTo("system:routing-service");
        assertThat(seen.onBehalfOf()).isNull();
    }
}
