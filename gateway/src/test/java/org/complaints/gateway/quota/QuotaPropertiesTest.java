package org.complaints.gateway.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.complaints.gateway.auth.Caller;
import org.junit.jupiter.api.Test;

class QuotaPropertiesTest {

    final QuotaProperties properties =
            new QuotaProperties(Map.of("demo-dealer", new QuotaProperties.Tenant(1200)), null, null, null, null);

    @Test
    void shouldPreferTheKeysOwnQuotaThenTheTenantsThenTheDefault() {
        assertThat(properties.perMinute(caller("demo-dealer", 30), 600)).isEqualTo(30);
        assertThat(properties.perMinute(caller("demo-dealer", 0), 600)).isEqualTo(1200);
        assertThat(properties.perMinute(caller("demo-retail", 0), 600)).isEqualTo(600);
    }

    private static Caller caller(String tenant, int ownQuota) {
        return new Caller("key:x", Caller.PARTNER, tenant, List.of(), List.of(), List.of(), List.of(), "x", ownQuota);
    }
}
