package org.complaints.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.complaints.gateway.auth.Caller;
import org.junit.jupiter.api.Test;

class IdentitySignerTest {

    static final String SECRET = "unit-test-identity-secret-0123456789abcdef";
    static final Instant NOW = Instant.parse("2026-11-22T02:00:00Z");
    final IdentitySigner signer = new IdentitySigner(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void shouldSignTheContractClaimsWithHs256ForFiveMinutes() throws Exception {
        var caller = new Caller(
                "dealer.advisor",
                Caller.STAFF,
                "demo-dealer",
                List.of("east"),
                List.of("sh-minhang"),
                List.of("service-advisor"),
                List.of(),
                "Service advisor",
                600);

        var jwt = SignedJWT.parse(signer.sign(caller));

        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        assertThat(jwt.verify(new MACVerifier(SECRET.getBytes(StandardCharsets.UTF_8))))
                .isTrue();
        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("complaints-gateway");
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
    void shouldRefuseASecretShorterThan32Bytes() {
        assertThatThrownBy(() -> new IdentitySigner("too-short", Clock.systemUTC()))
                .hasMessageContaining("at least 32 bytes");
    }
}
