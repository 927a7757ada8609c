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
