package org.complaints.gateway.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * One service (or helper) JVM started as its own process, with its log in a file, readiness from
 * {@code /actuator/health/readiness}, and its resident memory and CPU time read from /proc.
 */
public final class ServiceProcess implements AutoCloseable {

    public static final String VERSION = "0.1.0-SNAPSHOT";
    /** The images' flags (run-local JVM_FLAGS, the chart's javaToolOptions; MALLOC_ARENA_MAX=2 beside them). */
    public static final List<String> IMAGE_FLAGS = List.of(
            "-XX:+UseSerialGC",
            "-Xss512k",
            "-Xms32m",
            "-Xmx192m",
            "-XX:TrimNativeHeapInterval=5000",
            "-XX:+ExitOnOutOfMemoryError",
            "-XX:+UnlockDiagnosticVMOptions",
            "-XX:AsyncDeflationInterval=10000");

    private static final Pattern EMBEDDED_PORT =
            Pattern.compile("embedded MongoDB wire-protocol server on port (\\d+)");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final int managementPort;
    private final Path log;
    private final Process process;
    private final long startedNanos;

    private ServiceProcess(String name, int port, int managementPort, Path log, Process process, long startedNanos) {
        this.managementPort = managementPort;
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
        this.startedNanos = startedNanos;
    }

    /** Builder for a process: command, environment and working directory. */
    public static final class Spec {
        final String name;
        final List<String> command = new ArrayList<>();
        final Map<String, String> env = new LinkedHashMap<>();
        Path workDir;
        int port;
        int managementPort;

        Spec(String name) {
            this.name = name;
        }

        public Spec arg(String... args) {
            command.addAll(List.of(args));
            return this;
        }

        public Spec env(String key, String value) {
            env.put(key, value);
            return this;
        }

        /** The process serves actuator on this management port. */
        public Spec management(int managementPort) {
            this.managementPort = managementPort;
            return arg("--management.server.port=" + managementPort);
        }

        public Spec in(Path dir) {
            workDir = dir;
            return this;
        }

        public ServiceProcess start(Path logDir) throws IOException {
            Files.createDirectories(logDir);
            var log = logDir.resolve(name + ".log");
            var builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
            if (workDir != null) {
                builder.directory(workDir.toFile());
            }
            builder.environment().remove("MONGODB_URI");
            builder.environment().remove("COMPLAINTS_DATA_DIR");
            builder.environment().put("MALLOC_ARENA_MAX", "2");
            builder.environment().putAll(env);
            var t0 = System.nanoTime();
            return new ServiceProcess(name, port, managementPort, log, builder.start(), t0);
        }
    }

    /** A module's exec jar with the given JVM flags, on a free port. */
    public static Spec jar(String module, String name, List<String> jvmFlags) throws IOException {
        var jar = root().resolve(module).resolve("target").resolve(module + "-" + VERSION + "-exec.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("build " + jar + " first (mvn package runs before the ITs)");
        }
        var spec = new Spec(name);
        spec.port = freePort();
        spec.arg(java());
        spec.command.addAll(jvmFlags);
        // Actuator on a management port of its own (the services publish their OpenAPI document there).
        spec.managementPort = freePort();
        spec.arg(
                "-jar",
                jar.toString(),
                "--server.port=" + spec.port,
                "--management.server.port=" + spec.managementPort);
        return spec;
    }

    /** A main class from this module's test classpath (the bare gateway, the trivial upstream). */
    public static Spec main(String name, Class<?> mainClass, List<String> jvmFlags) throws IOException {
        var spec = new Spec(name);
        spec.port = freePort();
        spec.arg(java());
        spec.command.addAll(jvmFlags);
        spec.arg(
                "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                mainClass.getName(),
                Integer.toString(spec.port));
        return spec;
    }

    /** Any command (for the AOT-cache variant, which runs from an extracted folder). */
    public static Spec command(String name, int port) {
        var spec = new Spec(name);
        spec.port = port;
        return spec;
    }

    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public static Path root() {
        return org.complaints.support.testing.BenchReport.root();
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://localhost:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    /** Waits for readiness UP; returns the seconds since the process was started. */
    public double awaitReady(Duration timeout) throws Exception {
        return awaitPath(managementUrl(), "/actuator/health/readiness", timeout);
    }

    /** Where actuator answers: the management port when the process has one of its own. */
    public String managementUrl() {
        return managementPort > 0 ? "http://localhost:" + managementPort : url();
    }

    public double awaitPath(String path, Duration timeout) throws Exception {
        return awaitPath(url(), path, timeout);
    }

    private double awaitPath(String base, String path, Duration timeout) throws Exception {
        var deadline = System.nanoTime() + timeout.toNanos();
        var request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(2))
                .build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited; see " + log);
            }
            try {
                if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return (System.nanoTime() - startedNanos) / 1e9;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(name + " not ready in " + timeout + "; see " + log);
    }

    /** The port of the embedded store, as the service logs it at start. */
    public int embeddedStorePort(Duration timeout) throws Exception {
        var deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log)) {
                var matcher = EMBEDDED_PORT.matcher(Files.readString(log));
                if (matcher.find()) {
                    return Integer.parseInt(matcher.group(1));
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited; see " + log);
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(name + " logged no embedded store port; see " + log);
    }

    /** VmRSS from /proc/&lt;pid&gt;/status, in MiB. */
    public long residentMiB() throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status")).stream()
                        .filter(l -> l.startsWith("VmRSS:"))
                        .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")))
                        .sum()
                / 1024;
    }

    /** User plus system CPU time of the process so far (all threads), in seconds. */
    public double cpuSeconds() throws IOException {
        var stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
        var fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // After the command: state is field 3, utime 14, stime 15 (1-based in proc(5)).
        var ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks / 100.0; // USER_HZ is 100 on Linux
    }

    public boolean alive() {
        return process.isAlive();
    }

    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    public static int freePort() throws IOException {
        return org.complaints.gateway.FreePorts.next();
    }
}
