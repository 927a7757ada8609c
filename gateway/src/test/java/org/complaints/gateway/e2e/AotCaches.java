package org.complaints.gateway.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The JDK's AOT cache for the suite's processes, as run-local and the images use it (ADR 0009):
 * each module's jar is extracted once (the cache needs plain jars on the class path), and after the
 * suite is up one low-priority training run per module records a cache in the background. Processes
 * started later (routing's outages, the replica and kill tests' restarts) load it and start in about
 * half the CPU; a process started before its cache exists simply starts without one. Caches are
 * kept in {@code target/e2e-apps} and reused while the jar is unchanged.
 */
final class AotCaches {

    private final Path apps;
    private final Path java;
    private final List<String> jvmFlags;
    private volatile Process training;
    private volatile boolean stopped;

    AotCaches(Path apps, Path java, List<String> jvmFlags) {
        this.apps = apps;
        this.java = java;
        this.jvmFlags = List.copyOf(jvmFlags);
    }

    /** The extracted application jar of a module's executable jar, extracting it when missing or older. */
    synchronized Path extracted(String module, Path fatJar) throws IOException {
        var dir = apps.resolve(module);
        var jar = dir.resolve(fatJar.getFileName());
        if (!Files.exists(jar) || Files.getLastModifiedTime(jar).compareTo(Files.getLastModifiedTime(fatJar)) < 0) {
            deleteTree(dir);
            run(
                    List.of(
                            java.toString(),
                            "-Djarmode=tools",
                            "-jar",
                            fatJar.toString(),
                            "extract",
                            "--destination",
                            dir.toString()),
                    dir.getParent().resolve(module + "-extract.log"));
            Files.setLastModifiedTime(jar, Files.getLastModifiedTime(fatJar));
        }
        return jar;
    }

    /** The flag that loads the module's cache, when one has been recorded. */
    List<String> flags(String module) {
        var cache = cache(module);
        return Files.exists(cache) ? List.of("-XX:AOTCache=" + cache) : List.of();
    }

    /** Records the missing caches one module at a time, at the lowest CPU priority, on a daemon thread. */
    void trainInBackground(List<String> modules, Function<String, Path> jarOf) {
        var thread = new Thread(
                () -> {
                    for (var module : modules) {
                        if (!stopped && !Files.exists(cache(module))) {
                            train(module, jarOf.apply(module));
                        }
                    }
                },
                "aot-training");
        thread.setDaemon(true);
        thread.start();
    }

    /** Ends a training run in progress: it must not outlive the tests (its partial cache is dropped). */
    void stop() {
        stopped = true;
        var running = training;
        if (running != null) {
            running.destroyForcibly();
        }
    }

    private void train(String module, Path jar) {
        var partial = apps.resolve(module).resolve("training.aot");
        var command = new ArrayList<>(List.of("nice", "-n", "19", java.toString()));
        command.addAll(jvmFlags);
        command.addAll(List.of(
                "-XX:AOTCacheOutput=" + partial,
                "-Dcomplaints.training-run=true",
                "-jar",
                jar.toString(),
                "--server.port=0",
                "--management.server.port=0",
                "--spring.profiles.active=local"));
        try {
            if (run(command, apps.resolve(module + "-aot.log"), p -> training = p) == 0
                    && !stopped
                    && Files.exists(partial)) {
                Files.move(partial, cache(module), StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            // No cache: that module keeps starting without one.
        }
    }

    private Path cache(String module) {
        return apps.resolve(module).resolve("app.aot");
    }

    private static int run(List<String> command, Path log) throws IOException {
        return run(command, log, p -> {});
    }

    private static int run(List<String> command, Path log, java.util.function.Consumer<Process> started)
            throws IOException {
        Files.createDirectories(log.getParent());
        var process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        started.accept(process);
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (var path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
