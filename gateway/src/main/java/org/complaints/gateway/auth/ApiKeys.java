package org.complaints.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.complaints.gateway.system.GatewayProperties;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import reactor.core.publisher.Mono;

/**
 * Partner systems authenticate with {@code X-Api-Key}. Only SHA-256 hashes are configured; the
 * presented key is hashed and compared in constant time against each.
 */
public class ApiKeys implements ReactiveAuthenticationManager {

    public static final String HEADER = "X-Api-Key";
    private final GatewayProperties properties;

    public ApiKeys(GatewayProperties properties) {
        this.properties = properties;
    }

    @Override
    public Mono<Authentication> authenticate(Authentication presented) {
        var key = String.valueOf(presented.getCredentials());
        return Mono.justOrEmpty(find(key))
                .map(CallerAuthentication::new)
                .cast(Authentication.class)
                .switchIfEmpty(Mono.error(new BadCredentialsException("unknown API key")));
    }

    static Authentication presented(String key) {
        return new UsernamePasswordAuthenticationToken("api-key", key);
    }

    Optional<Caller> find(String key) {
        var hash = sha256(key);
        Caller match = null;
        for (var entry : properties.apiKeys().entrySet()) {
            var expected = entry.getValue().sha256().getBytes(StandardCharsets.US_ASCII);
            if (MessageDigest.isEqual(expected, hash.getBytes(StandardCharsets.US_ASCII))) {
                var k = entry.getValue();
                match = new Caller(
                        "key:" + entry.getKey(),
                        "partner",
                        k.tenant(),
                        k.regions(),
                        List.of(),
                        List.of("partner"),
                        k.scopes(),
                        entry.getKey(),
                        k.quotaPerMinute() > 0 ? k.quotaPerMinute() : properties.defaultQuotaPerMinute());
            }
        }
        return Optional.ofNullable(match);
    }

    public static String sha256(String value) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
