package org.complaints.routing.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures: a secret is {@code whsec_} followed by the base64 of random bytes;
 * {@code webhook-signature} is {@code v1,} followed by the base64 HMAC-SHA256, keyed with those
 * bytes, of {@code <webhook-id>.<webhook-timestamp>.<body>}.
 */
final class Signatures {

    static final String SECRET_PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Signatures() {}

    /** A new subscription's secret: 32 random bytes. */
    static String newSecret() {
        var bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(bytes);
    }

    static String sign(String secret, String id, long timestamp, String body) {
        var key = Base64.getDecoder()
                .decode(secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret);
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            var digest = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
