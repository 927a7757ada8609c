package org.complaints.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.complaints.gateway.system.GatewayProperties;
import org.complaints.gateway.system.GatewayProperties.ApiKey;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;

class ApiKeysTest {

    final ApiKeys keys = new ApiKeys(properties(Map.of(
            "retail-east",
                    new ApiKey(
                            ApiKeys.sha256Hex("demo-retail-east-key"),
                            "demo-retail",
                            List.of("east"),
                            List.of("complaints:read"),
                            0),
            "hotline",
                    new ApiKey(
                            ApiKeys.sha256Hex("hotline-key").toUpperCase(),
                            "demo-generic",
                            List.of(),
                            List.of("complaints:write"),
                            30))));

    @Test
    void shouldRecogniseAKeyByItsHashAndMakeAPartnerCaller() {
        var caller = keys.find("demo-retail-east-key").orElseThrow();

        assertThat(caller.subject()).isEqualTo("key:retail-east");
        assertThat(caller.kind()).isEqualTo("partner");
        assertThat(caller.tenant()).isEqualTo("demo-retail");
        assertThat(caller.regions()).containsExactly("east");
        assertThat(caller.roles()).containsExactly("partner");
        assertThat(caller.quotaPerMinute())
                .as("none of its own: the tenant's or the default applies")
                .isZero();
    }

    @Test
    void shouldAcceptUpperCaseHashesAndKeepAKeysOwnQuota() {
        assertThat(keys.find("hotline-key"))
                .hasValueSatisfying(c -> assertThat(c.quotaPerMinute()).isEqualTo(30));
    }

    @Test
    void shouldRefuseAnUnknownKey() {
        assertThat(keys.find("demo-retail-east-key ")).isEmpty();
        assertThatThrownBy(() -> keys.authenticate(ApiKeys.presented("guess")).block())
                .isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void shouldFailAtStartUpOnAMistypedHash() {
        var broken = properties(Map.of("crm", new ApiKey("abc", "demo-dealer", List.of(), List.of(), 0)));
        assertThatThrownBy(() -> new ApiKeys(broken)).hasMessageContaining("complaints.gateway.api-keys.crm");
    }

    private static GatewayProperties properties(Map<String, ApiKey> keys) {
        return new GatewayProperties(keys, Map.of(), null, 0, 0);
    }
}
