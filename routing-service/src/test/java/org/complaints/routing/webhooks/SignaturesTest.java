package org.complaints.routing.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SignaturesTest {

    @Test
    @DisplayName("signs as the Standard Webhooks reference libraries do (their published test vector)")
    void referenceVector() {
        assertThat(Signatures.sign(
                        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                        "msg_p5jXN8AQM9LWM0D4loKWxJek",
                        1614265330,
                        "{\"test\": 2432232314}"))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    @DisplayName("a new secret is whsec_ and the base64 of 32 random bytes, different each time")
    void newSecrets() {
        var secret = Signatures.newSecret();
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
        assertThat(Signatures.newSecret()).isNotEqualTo(secret);
    }

    @Test
    @DisplayName("the id, the timestamp and the body are all signed")
    void everyPartCounts() {
        var secret = Signatures.newSecret();
        var signature = Signatures.sign(secret, "msg_1", 100, "{}");
        assertThat(Signatures.sign(secret, "msg_2", 100, "{}")).isNotEqualTo(signature);
        assertThat(Signatures.sign(secret, "msg_1", 101, "{}")).isNotEqualTo(signature);
        assertThat(Signatures.sign(secret, "msg_1", 100, "{ }")).isNotEqualTo(signature);
        assertThat(Signatures.sign(Signatures.newSecret(), "msg_1", 100, "{}")).isNotEqualTo(signature);
    }
}
