package org.complaints.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.complaints.gateway.system.GatewayProperties;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import reactor.core.publisher.Mono;

/**
 * Partner systems authenticate with {@code X-Api-Key}. Only SHA-256 hashes are configured; the
 * presented key is hashed and compared in constant time against every configured hash (no early
 * exit), so response timing does not tell how close a guess was.
 */
public class ApiKeys implements ReactiveAuthenticationManager {

    public static final String HEADER = "X-Api-Key";
    private static final HexFormat HEX = HexFormat.of();
    private final Map<String, byte[]> hashes;
    private final GatewayProperties properties;

    public ApiKeys(GatewayProperties properties) {
        this.properties = properties;
        this.hashes = properties.apiKeys().entrySet().stream()
                .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> parse(e)));
    }

    @Override
    public Mono<Authentication> authenticate(Authentication presented) {
        var key = String.valueOf(presented.getCredentials());
        return Mono.justOrEmpty(find(key))
                .<Authentication>map(CallerAuthentication::new)
                .switchIfEmpty(Mono.error(() -> new BadCredentialsException("unknown API key")));
    }

    static Authentication presented(String key) {
        return UsernamePasswordAuthenticationToken.unauthenticated("api-key", key);
    }

    Optional<Caller> find(String key) {
        var presented = sha256(key);
        String matched = null;
        for (var entry : hashes.entrySet()) {
            if (MessageDigest.isEqual(entry.getValue(), presented)) {
                matched = entry.getKey();
            }
        }
        return Optional.ofNullable(matched).map(this::caller);
    }

    private Caller caller(String keyId) {
        var key = properties.apiKeys().get(keyId);
        return new Caller(
                "key:" + keyId,
                Caller.PARTNER,
                key.tenant(),
                key.regions(),
                List.of(),
                List.of("partner"),
                key.scopes(),
                keyId,
                key.quotaPerMinute());
    }

    private static byte[] parse(Map.Entry<String, GatewayProperties.ApiKey> entry) {
        var hex = entry.getValue().sha256();
        if (hex == null || hex.length() != 64 || entry.getValue().tenant() == null) {
            // Fail at start-up: a mistyped hash would otherwise lock a partner out silently.
            throw new IllegalArgumentException(
                    "complaints.gateway.api-keys." + entry.getKey() + " needs a tenant and a 64-character sha256 hex");
        }
        return HEX.parseHex(hex.toLowerCase(java.util.Locale.ROOT));
    }

    public static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** For operators and tests: the value to configure for a new key. */
    public static String sha256Hex(String value) {
        return HEX.formatHex(sha256(value));
    }
}
