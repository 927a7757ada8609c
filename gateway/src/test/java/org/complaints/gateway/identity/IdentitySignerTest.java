package org.complaints.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.complaints.gateway.auth.Caller;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

class IdentitySignerTest {

    static final Instant NOW = Instant.parse("2026-11-22T02:00:00Z");
    final ECKey key = generated();
    final IdentitySigner signer = new IdentitySigner(key.toJSONString(), false, Clock.fixed(NOW, ZoneOffset.UTC));

    final Caller advisor = new Caller(
            "dealer.advisor",
            Caller.STAFF,
            "demo-dealer",
            List.of("east"),
            List.of("sh-minhang"),
            List.of("service-advisor"),
            List.of(),
            "Service advisor",
            600);

    @Test
    void shouldSignTheContractClaimsWithEs256ForOneServiceForFiveMinutes() throws Exception {
        var jwt = SignedJWT.parse(signer.sign(advisor, "routing-service"));

        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo("gateway");
        assertThat(jwt.verify(new ECDSAVerifier(key.toPublicJWK()))).isTrue();
        assertThat(jwt.verify(new ECDSAVerifier(signer.publicKey()))).isTrue();
        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("gateway");
        assertThat(claims.getAudience()).containsExactly("routing-service");
        assertThat(claims.getSubject()).isEqualTo("dealer.advisor");
        assertThat(claims.getStringClaim("kind")).isEqualTo("staff");
        assertThat(claims.getStringClaim("tenant")).isEqualTo("demo-dealer");
        assertThat(claims.getStringListClaim("regions")).containsExactly("east");
        assertThat(claims.getStringListClaim("sites")).containsExactly("sh-minhang");
        assertThat(claims.getStringListClaim("roles")).containsExactly("service-advisor");
        assertThat(claims.getStringListClaim("scopes")).isEmpty();
        assertThat(claims.getStringClaim("name")).isEqualTo("Service advisor");
        assertThat(claims.getIssueTime().toInstant()).isEqualTo(NOW);
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(NOW.plusSeconds(300));
    }

    @Test
    void shouldReuseATokenPerCallerAndServiceForAMinuteOnly() throws Exception {
        var now = new java.util.concurrent.atomic.AtomicReference<>(NOW);
        var clock = new Clock() {
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
        var reusing = new IdentitySigner(key.toJSONString(), false, clock);
        var first = reusing.sign(advisor, "intake-service");

        now.set(NOW.plusSeconds(59));
        assertThat(reusing.sign(advisor, "intake-service"))
                .as("within the minute")
                .isEqualTo(first);
        assertThat(reusing.sign(advisor, "routing-service"))
                .as("another audience")
                .isNotEqualTo(first);
        var otherRoles = new Caller(
                advisor.subject(),
                advisor.kind(),
                advisor.tenant(),
                advisor.regions(),
                advisor.sites(),
                List.of("service-director"),
                advisor.scopes(),
                advisor.name(),
                advisor.quotaPerMinute());
        assertThat(SignedJWT.parse(reusing.sign(otherRoles, "intake-service"))
                        .getJWTClaimsSet()
                        .getStringListClaim("roles"))
                .as("another identity is never served a cached token")
                .containsExactly("service-director");

        now.set(NOW.plusSeconds(60));
        var renewed = SignedJWT.parse(reusing.sign(advisor, "intake-service"));
        assertThat(renewed.serialize()).isNotEqualTo(first);
        assertThat(renewed.getJWTClaimsSet().getIssueTime().toInstant()).isEqualTo(NOW.plusSeconds(60));

        now.set(NOW.minusSeconds(1));
        assertThat(SignedJWT.parse(reusing.sign(advisor, "intake-service"))
                        .getJWTClaimsSet()
                        .getIssueTime()
                        .toInstant())
                .as("a clock set back never gets a token issued in its future")
                .isEqualTo(NOW.minusSeconds(1));
    }

    @Test
    void shouldRefuseAMissingKeyOrAnotherKeyType() {
        assertThatThrownBy(() -> new IdentitySigner("", false, Clock.systemUTC()))
                .hasMessageContaining("complaints.identity.private-key")
                .hasMessageContaining("is not set");
        assertThatThrownBy(() -> new IdentitySigner(key.toPublicJWK().toJSONString(), false, Clock.systemUTC()))
                .hasMessageContaining("EC P-256 private key");
    }

    @Test
    void shouldRefuseThePublishedDevelopmentKeyOutsideTheLocalProfile() throws IOException {
        var development = new YamlPropertySourceLoader()
                .load("dev", new ClassPathResource(IdentitySigner.DEVELOPMENT_KEYS))
                .getFirst()
                .getProperty("complaints.identity.development.private-key")
                .toString();

        assertThatThrownBy(() -> new IdentitySigner(development, false, Clock.systemUTC()))
                .hasMessageContaining("published development key");
        assertThat(new IdentitySigner(development, true, Clock.systemUTC()).publicKey())
                .isNotNull();
    }

    private static ECKey generated() {
        try {
            return new ECKeyGenerator(Curve.P_256).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
