package org.complaints.support.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.text.ParseException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The keys of one process (docs/contracts.md, decision 0010): its own EC P-256 private key, which
 * signs only the system identities it sends, and the public keys of the gateway and its peers,
 * which verify what it receives. {@link #load} refuses a missing key and, outside the local and test
 * profiles, any of the published development keys.
 */
public record IdentityKeys(ECKey privateKey, Map<String, ECKey> trusted) {

    public static final String DEVELOPMENT_KEYS = "identity-development-keys.yml";

    public IdentityKeys {
        trusted = Map.copyOf(trusted);
    }

    /**
     * @param self this process's name ({@code spring.application.name}), its issuer name
     * @param privateKeyJwk {@code complaints.identity.private-key}: an EC P-256 private JWK
     * @param publicKeysJwks {@code complaints.identity.public-keys}: a JWK set, key id = issuer name
     * @param developmentAllowed whether the local or test profile is active
     */
    public static IdentityKeys load(
            String self, String privateKeyJwk, String publicKeysJwks, boolean developmentAllowed) {
        if (privateKeyJwk == null || privateKeyJwk.isBlank()) {
            throw new IllegalStateException(
                    "complaints.identity.private-key (COMPLAINTS_IDENTITY_PRIVATE_KEY) is not set" + " for " + self
                            + "; only the local profile has development keys");
        }
        if (publicKeysJwks == null || publicKeysJwks.isBlank()) {
            throw new IllegalStateException(
                    "complaints.identity.public-keys (COMPLAINTS_IDENTITY_PUBLIC_KEYS) is not set" + " for " + self
                            + "; only the local profile has development keys");
        }
        var own = privateKey(privateKeyJwk);
        var trusted = new LinkedHashMap<String, ECKey>();
        try {
            for (var jwk : JWKSet.parse(publicKeysJwks).getKeys()) {
                if (jwk.getKeyID() == null || jwk.getKeyID().isBlank()) {
                    throw new IllegalStateException(
                            "every key in complaints.identity.public-keys needs a kid (the issuer)");
                }
                trusted.put(
                        jwk.getKeyID(),
                        p256(jwk, "public key " + jwk.getKeyID()).toPublicJWK());
            }
        } catch (ParseException e) {
            throw new IllegalStateException("complaints.identity.public-keys is not a JWK set", e);
        }
        if (!trusted.containsKey(IdentityTokens.GATEWAY)) {
            throw new IllegalStateException(
                    "complaints.identity.public-keys has no key with kid \"" + IdentityTokens.GATEWAY + "\"");
        }
        if (!developmentAllowed) {
            var published = developmentThumbprints();
            var configured = new HashSet<String>();
            configured.add(thumbprint(own));
            trusted.values().forEach(k -> configured.add(thumbprint(k)));
            configured.retainAll(published);
            if (!configured.isEmpty()) {
                throw new IllegalStateException("the identity keys of " + self
                        + " include a published development key; these work only in the local profile");
            }
        }
        return new IdentityKeys(own, trusted);
    }

    static ECKey privateKey(String jwk) {
        try {
            var key = p256(JWK.parse(jwk), "complaints.identity.private-key");
            if (!key.isPrivate()) {
                throw new IllegalStateException("complaints.identity.private-key holds no private part (\"d\")");
            }
            return key;
        } catch (ParseException e) {
            throw new IllegalStateException("complaints.identity.private-key is not a JWK", e);
        }
    }

    private static ECKey p256(JWK jwk, String what) {
        if (!(jwk instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve())) {
            throw new IllegalStateException(what + " must be an EC P-256 key (ES256)");
        }
        return ec;
    }

    /** SHA-256 thumbprints of every published development key (public and private ones). */
    public static Set<String> developmentThumbprints() {
        var result = new HashSet<String>();
        developmentPrivateKeys().values().forEach(k -> result.add(thumbprint(k)));
        var published = developmentProperty("complaints.identity.development.public-keys");
        if (published != null) {
            try {
                JWKSet.parse(published).getKeys().forEach(k -> result.add(thumbprint(k)));
            } catch (ParseException e) {
                throw new IllegalStateException(DEVELOPMENT_KEYS + " is damaged", e);
            }
        }
        return result;
    }

    /** The published development private keys by process name, for the test profile's signer. */
    public static Map<String, ECKey> developmentPrivateKeys() {
        var result = new LinkedHashMap<String, ECKey>();
        var prefix = "complaints.identity.development.private-keys.";
        for (var source : developmentSources()) {
            if (source.getSource() instanceof Map<?, ?> map) {
                map.forEach((name, value) -> {
                    if (name.toString().startsWith(prefix)) {
                        result.put(name.toString().substring(prefix.length()), privateKey(value.toString()));
                    }
                });
            }
        }
        return result;
    }

    private static String developmentProperty(String name) {
        return developmentSources().stream()
                .map(s -> s.getProperty(name))
                .filter(Objects::nonNull)
                .map(Object::toString)
                .findFirst()
                .orElse(null);
    }

    private static List<PropertySource<?>> developmentSources() {
        var resource = new ClassPathResource(DEVELOPMENT_KEYS);
        if (!resource.exists()) {
            return List.of();
        }
        try {
            return new YamlPropertySourceLoader().load(DEVELOPMENT_KEYS, resource);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEVELOPMENT_KEYS, e);
        }
    }

    static String thumbprint(JWK key) {
        try {
            return key.toPublicJWK().computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot fingerprint an identity key", e);
        }
    }
}
