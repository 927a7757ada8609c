package org.complaints.support.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.support.GenericApplicationContext;

/**
 * ADR 0611: what an idle service's embedded store wakes up for. The idle CPU itself is measured by
 * {@code HistoryBenchmark}; these pin the two settings it depends on.
 */
class IdleStoreSettingsTest {

    @TempDir
    Path dir;

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

    @Test
    void theDurableStoreKeepsHouseOnceASecond() {
        var backend = new DurableH2Backend(dir.resolve("idle.mv").toString());
        try {
            // The background thread sleeps a third of this delay between housekeeping passes.
            assertThat(backend.store().getAutoCommitDelay()).isEqualTo(3_000);
        } finally {
            backend.close();
        }
    }
}
