package org.complaints.support.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;

/**
 * ADR 0613: the build's AOT step refreshes each service's context to record its bean definitions.
 * An embedded store started there would keep that JVM alive (its server threads are not daemons)
 * and hang the build, so the initializer leaves the store out of it.
 */
class AotProcessingStoreTest {

    @Test
    void theBuildsAotStepStartsNoEmbeddedStore() {
        System.setProperty("spring.aot.processing", "true");
        try (var context = new GenericApplicationContext()) {
            new EmbeddedMongoInitializer().initialize(context);

            assertThat(context.getEnvironment().containsProperty("spring.mongodb.uri"))
                    .isFalse();
        } finally {
            System.clearProperty("spring.aot.processing");
        }
    }
}
