package org.complaints.gateway.e2e;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.complaints.gateway.bench.ServiceProcess;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;

/**
 * The strongest forgery a client could send: an identity token the service would accept, signed
 * with the gateway's real key (the suite runs on the local profile's development keys) and
 * addressed to intake. The gateway must still drop it, because only the gateway's own header counts.
 */
final class IdentityForgery {

    private IdentityForgery() {}

    static String signedWithTheRealSecret(String tenant) throws Exception {
        var now = Instant.now();
        var claims = new JWTClaimsSet.Builder()
                .issuer("gateway")
                .audience("intake-service")
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
        var jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("gateway").build(), claims);
        jwt.sign(new ECDSASigner(gatewayKey()));
        return jwt.serialize();
    }

    private static ECKey gatewayKey() throws Exception {
        return developmentKey("gateway");
    }

    /**
     * A process's published development key (local profile only; docs/decisions/0010): the
     * gateway's from its own resources, a service's from service-support's development key file.
     */
    static ECKey developmentKey(String process) throws Exception {
        var gateway = process.equals("gateway");
        var resource = gateway
                ? new ClassPathResource("identity-development-keys.yml")
                : new FileSystemResource(ServiceProcess.root()
                        .resolve("service-support/src/main/resources/identity-development-keys.yml"));
        var value = new YamlPropertySourceLoader()
                .load("dev", resource)
                .getFirst()
                .getProperty(
                        gateway
                                ? "complaints.identity.development.private-key"
                                : "complaints.identity.development.private-keys." + process);
        return ECKey.parse(String.valueOf(value));
    }
}
