package org.complaints.startup;

import java.time.Duration;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * Every process's {@code main}. It starts from the bean definitions the build generated ahead of
 * time ({@code process-aot}) when the jar holds them, which spares each start the parsing of
 * configuration classes and their conditions (ADR 0613, 0614); an explicit
 * {@code -Dspring.aot.enabled} wins, and tests never pass through here.
 *
 * <p>With {@code -Dcomplaints.training-run=true} it is the training run that records the JDK's AOT
 * cache ({@code -XX:AOTCacheOutput}): the process starts completely (web server, store, scheduled
 * jobs), serves for a few seconds and exits, so the cache holds what a real start loads and runs,
 * not only what the context's refresh does (ADR 0615).
 */
public final class Startup {

    static final String AOT_ENABLED = "spring.aot.enabled";
    static final String TRAINING_RUN = "complaints.training-run";
    /** Long enough for the scheduled jobs' first rounds after the process is ready. */
    static final Duration TRAINING_SERVES = Duration.ofSeconds(5);

    private Startup() {}

    public static void run(Class<?> application, String... args) {
        if (useGeneratedDefinitions(application)) {
            System.setProperty(AOT_ENABLED, "true");
        }
        var context = SpringApplication.run(application, args);
        if (Boolean.getBoolean(TRAINING_RUN)) {
            System.exit(endTrainingRun(context, TRAINING_SERVES));
        }
    }

    static boolean useGeneratedDefinitions(Class<?> application) {
        return System.getProperty(AOT_ENABLED) == null
                // The build's AOT step runs this main to record the definitions; they don't exist yet.
                && !Boolean.getBoolean("spring.aot.processing")
                && ClassUtils.isPresent(
                        application.getName() + "__ApplicationContextInitializer", application.getClassLoader());
    }

    /** Lets a ready process serve for a while, then closes it; answers the exit code. */
    static int endTrainingRun(ConfigurableApplicationContext context, Duration serving) {
        try {
            Thread.sleep(serving);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return SpringApplication.exit(context);
    }
}
