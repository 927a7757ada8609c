package org.complaints.support.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentityKeysTest {

    final ECKey own = HostileTokens.freshKey();
    final ECKey gateway = withId(HostileTokens.freshKey(), IdentityTokens.GATEWAY);

    static ECKey withId(ECKey key, String id) {
        return new ECKey.Builder(key.toPublicJWK()).keyID(id).build();
    }

    static String set(JWK... keys) {
        return new JWKSet(List.of(keys)).toString();
    }

    @Test
    void shouldLoadAnOperatorsKeys() {
        var keys = IdentityKeys.load("routing-service", own.toJSONString(), set(gateway), false);
        assertThat(keys.privateKey()).isEqualTo(own);
        assertThat(keys.trusted()).containsOnlyKeys(IdentityTokens.GATEWAY);
    }

    @Test
    void shouldRefuseMissingKeys() {
        assertThatThrownBy(() -> IdentityKeys.load("routing-service", "", set(gateway), true))
                .hasMessageContaining("complaints.identity.private-key");
        assertThatThrownBy(() -> IdentityKeys.load("routing-service", own.toJSONString(), null, true))
                .hasMessageContaining("complaints.identity.public-keys");
        assertThatThrownBy(() -> IdentityKeys.load(
                        "routing-service", own.toJSONString(), set(withId(own, "intake-service")), true))
                .hasMessageContaining("no key with kid \"gateway\"");
        assertThatThrownBy(() ->
                        IdentityKeys.load("routing-service", own.toPublicJWK().toJSONString(), set(gateway), true))
                .hasMessageContaining("no private part");
    }

    @Test
    void shouldRefuseOtherKeyTypes() throws Exception {
        var rsa = new RSAKeyGenerator(2048).generate();
        assertThatThrownBy(() -> IdentityKeys.load("routing-service", rsa.toJSONString(), set(gateway), true))
                .hasMessageContaining("EC P-256");
    }

    @Test
    void shouldRefuseThePublishedDevelopmentKeysOutsideTheDevelopmentProfiles() {
        var developmentOwn = HostileTokens.developmentKey("routing-service").toJSONString();
        var developmentGateway =
                HostileTokens.developmentKey(IdentityTokens.GATEWAY).toPublicJWK();

        assertThatThrownBy(() -> IdentityKeys.load("routing-service", developmentOwn, set(gateway), false))
                .hasMessageContaining("published development key");
        assertThatThrownBy(
                        () -> IdentityKeys.load("routing-service", own.toJSONString(), set(developmentGateway), false))
                .hasMessageContaining("published development key");
        assertThat(IdentityKeys.load("routing-service", developmentOwn, set(developmentGateway), true))
                .isNotNull();
    }

    @Test
    void shouldPublishOneDevelopmentKeyPerProcess() {
        assertThat(IdentityKeys.developmentPrivateKeys())
                .containsOnlyKeys(
                        "gateway", "intake-service", "routing-service", "compensation-service", "followup-service");
        assertThat(IdentityKeys.developmentThumbprints()).hasSize(5);
    }
}
