package org.complaints.startup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ADR 0613: when a process starts from the bean definitions generated at build time. */
class StartupTest {

    /** Stands in for an application the build processed ahead of time. */
    static class Processed {}

    /** What {@code process-aot} generates beside the application class. */
    static class Processed__ApplicationContextInitializer {}

    /** An application built without the AOT step (as in tests). */
    static class NotProcessed {}

    @AfterEach
    void clear() {
        System.clearProperty(Startup.AOT_ENABLED);
        System.clearProperty("spring.aot.processing");
    }

    @Test
    void aJarWithGeneratedDefinitionsStartsFromThem() {
        assertThat(Startup.useGeneratedDefinitions(Processed.class)).isTrue();
        assertThat(Startup.useGeneratedDefinitions(NotProcessed.class)).isFalse();
    }

    @Test
    void anExplicitFlagWins() {
        System.setProperty(Startup.AOT_ENABLED, "false");
        assertThat(Startup.useGeneratedDefinitions(Processed.class)).isFalse();
    }

    @Test
    void theBuildsAotStepRecordsDefinitionsInsteadOfUsingThem() {
        System.setProperty("spring.aot.processing", "true");
        assertThat(Startup.useGeneratedDefinitions(Processed.class)).isFalse();
    }
}
