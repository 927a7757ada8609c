package org.complaints.gateway.e2e;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * The strongest forgery a client could send: an identity token signed with the real secret. The
 * gateway must still drop it, because only the gateway's own header counts.
 */
final class IdentityForgery {

    private IdentityForgery() {}

    static String signedWithTheRealSecret(String tenant) throws Exception {
        var now = Instant.now();
        var claims = new JWTClaimsSet.Builder()
                .issuer("complaints-gateway")
                .subject("intruder")
                .claim("kind", "staff")
                .claim("tenant", tenant)
                .claim("roles", List.of("service-director", "general-manager"))
                .claim("regions", List.of())
                .claim("sites", List.of())
                .claim("scopes", List.of())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .build();
        var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(RunningSuite.SECRET.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }
}
