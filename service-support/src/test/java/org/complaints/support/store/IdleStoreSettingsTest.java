package org.complaints.support.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;

/**
 * ADR 0611: what an idle service's embedded store wakes up for. The idle CPU itself is measured by
 * {@code HistoryBenchmark}; this pins the setting it depends on.
 */
class IdleStoreSettingsTest {

    @Test
    void theDriverChecksTheInProcessServerOnceAMinute() {
        try (var context = new GenericApplicationContext()) {
            new EmbeddedMongoInitializer().initialize(context);
            context.refresh();
            var uri = new ConnectionString(context.getEnvironment().getRequiredProperty("spring.mongodb.uri"));

            assertThat(uri.getHeartbeatFrequency()).isEqualTo((int) TimeUnit.MINUTES.toMillis(1));
            assertThat(uri.getHosts().getFirst()).startsWith("127.0.0.1:");
        }
    }
}
