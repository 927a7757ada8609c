package org.complaints.support;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * A service's {@code main}: starts from the bean definitions the build generated ahead of time
 * ({@code process-aot}) when the jar holds them, which spares each start the parsing of
 * configuration classes and their conditions (ADR 0613). An explicit {@code -Dspring.aot.enabled}
 * wins; tests never pass through here, so they keep the regular start.
 */
public final class ServiceMain {

    static final String AOT_ENABLED = "spring.aot.enabled";

    private ServiceMain() {}

    public static ConfigurableApplicationContext run(Class<?> application, String... args) {
        if (useGeneratedDefinitions(application)) {
            System.setProperty(AOT_ENABLED, "true");
        }
        return SpringApplication.run(application, args);
    }

    static boolean useGeneratedDefinitions(Class<?> application) {
        return System.getProperty(AOT_ENABLED) == null
                // The build's AOT step runs this main to record the definitions; they don't exist yet.
                && !Boolean.getBoolean("spring.aot.processing")
                && ClassUtils.isPresent(
                        application.getName() + "__ApplicationContextInitializer", application.getClassLoader());
    }
}
