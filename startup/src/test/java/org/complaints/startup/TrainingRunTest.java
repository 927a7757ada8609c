package org.complaints.startup;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ADR 0615: a training run starts the process completely (its lifecycle too, which
 * {@code spring.context.exit=onRefresh} never reaches), then ends by itself although a server
 * thread would keep it alive.
 */
class TrainingRunTest {

    @Test
    void aTrainingRunStartsCompletelyThenExitsByItself(@TempDir Path dir) throws Exception {
        var output = dir.resolve("out.log");
        var process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-D" + Startup.TRAINING_RUN + "=true",
                        "-cp",
                        System.getProperty("java.class.path"),
                        TrainingRunApp.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        var exited = process.waitFor(90, SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }

        var log = Files.readString(output);
        assertThat(exited).as(log).isTrue();
        assertThat(process.exitValue()).as(log).isZero();
        assertThat(log).contains("server started").contains("server stopped");
    }
}
