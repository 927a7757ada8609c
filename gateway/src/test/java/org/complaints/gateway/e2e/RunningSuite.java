package org.complaints.gateway.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole suite as real processes: the four services (each on its own embedded store) and the
 * gateway, all in the {@code local} profile as run-local starts them (so they sign and verify
 * identities with the published development keys), started once per test JVM from the jars the
 * build just packaged. A service can be stopped (or killed with SIGKILL) and started again to prove
 * that nothing is lost; each keeps its data in a folder so a restart finds it.
 */
final class RunningSuite {

    static final String E2E_RETAIL_KEY = "e2e-retail-partner-key";
    public static final String BENCH_KEY = "bench-partner-key";
    static final String REPORT_KEY = "e2e-report-partner-key";
    /** FuzzIT's tenant of its own, so its accepted writes (budgets spent, cases opened) touch no other test. */
    static final String FUZZ_KEY = "e2e-fuzz-partner-key";
    /** The e2e-timed tenant's partner key (its hash is in e2e-tenants.yml): short task and approval timers. */
    static final String TIMED_KEY = "e2e-timed-partner-key";
    /** A partner key with a quota of QUOTA_KEY_PER_MINUTE, for the quota's own test (QuotaIT). */
    static final String QUOTA_KEY = "e2e-quota-partner-key";

    static final int QUOTA_KEY_PER_MINUTE = 5;
    // SHA-256 of E2E_RETAIL_KEY, as an operator would configure it.
    static final String E2E_RETAIL_KEY_SHA256 = sha256(E2E_RETAIL_KEY);
    private static final String VERSION = "0.1.0-SNAPSHOT";
    private static final List<String> SERVICES =
            List.of("intake-service", "routing-service", "compensation-service", "followup-service");
    private static RunningSuite instance;

    private final Path root;
    private final Path work;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, Integer> managementPorts = new LinkedHashMap<>();
    private final Map<String, Integer> storePorts = new LinkedHashMap<>();
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /**
     * The images' flags (ADR 0009, ADR 0603; MALLOC_ARENA_MAX=2 in the environment). Not C1 alone: ES256, which the gateway signs and every service
     * verifies on each request, then costs ~10x the CPU (the matrix measured 42 ms of CPU per
     * request), and the matrix, fuzz and kill tests are CPU-bound.
     */
    private static final List<String> JVM_FLAGS = List.of(
            "-XX:+UseSerialGC",
            "-Xss512k",
            "-Xms32m",
            "-Xmx192m",
            "-XX:TrimNativeHeapInterval=5000",
            "-XX:+ExitOnOutOfMemoryError",
            "-XX:+UnlockDiagnosticVMOptions",
            "-XX:AsyncDeflationInterval=10000");

    private final AotCaches aot;

    private RunningSuite() throws IOException {
        root = Path.of("").toAbsolutePath().getParent();
        work = Files.createTempDirectory("complaints-e2e");
        aot = new AotCaches(
                Path.of("").toAbsolutePath().resolve("target").resolve("e2e-apps"), javaBinary(), JVM_FLAGS);
        for (var name : SERVICES) {
            ports.put(name, freePort());
            managementPorts.put(name, freePort());
            storePorts.put(name, freePort());
        }
        ports.put("gateway", freePort());
        managementPorts.put("gateway", freePort());
    }

    static synchronized RunningSuite get() throws Exception {
        if (instance == null) {
            instance = new RunningSuite();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stopAll));
            for (var name : SERVICES) {
                instance.start(name);
            }
            instance.start("gateway");
            for (var name : instance.ports.keySet()) {
                instance.awaitReady(name);
            }
            instance.aot.trainInBackground(List.copyOf(instance.ports.keySet()), instance::extractedJar);
        }
        return instance;
    }

    String gateway() {
        return url("gateway");
    }

    String url(String module) {
        return "http://localhost:" + ports.get(module);
    }

    /** The module's management port: actuator (health, Prometheus) and the service's OpenAPI document. */
    String managementUrl(String module) {
        return "http://localhost:" + managementPorts.get(module);
    }

    /** The service's embedded MongoDB wire-protocol server, for store snapshots (FuzzIT). */
    String storeUri(String module) {
        return "mongodb://127.0.0.1:" + storePorts.get(module);
    }

    static List<String> services() {
        return SERVICES;
    }

    synchronized void start(String module) throws IOException {
        var jar = root.resolve(module).resolve("target").resolve(module + "-" + VERSION + "-exec.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("build " + jar + " first (mvn package runs before the ITs)");
        }
        var command = new ArrayList<>(List.of(javaBinary().toString()));
        command.addAll(JVM_FLAGS);
        command.addAll(aot.flags(module));
        command.addAll(List.of(
                "-jar",
                aot.extracted(module, jar).toString(),
                "--server.port=" + ports.get(module),
                "--management.server.port=" + managementPorts.get(module),
                "--spring.profiles.active=local"));
        if (storePorts.containsKey(module)) {
            command.add("--complaints.store.embedded-port=" + storePorts.get(module));
        }
        if (module.equals("gateway")) {
            command.add("--complaints.gateway.api-keys.e2e-retail.sha256=" + E2E_RETAIL_KEY_SHA256);
            command.add("--complaints.gateway.api-keys.e2e-retail.tenant=e2e-retail");
            command.add("--complaints.gateway.api-keys.e2e-retail.scopes=complaints:write,complaints:read,cases:read");
            command.add("--complaints.gateway.api-keys.e2e-report.sha256=" + sha256(REPORT_KEY));
            command.add("--complaints.gateway.api-keys.e2e-report.tenant=e2e-report");
            command.add(
                    "--complaints.gateway.api-keys.e2e-report.scopes=complaints:write,complaints:read,cases:read,reports:read");
            command.add("--complaints.gateway.api-keys.e2e-report.quota-per-minute=100000");
            // The benchmark's key: the demo keys' quota (600/min) would measure the limiter.
            command.add("--complaints.gateway.api-keys.bench.sha256=" + sha256(BENCH_KEY));
            command.add("--complaints.gateway.api-keys.bench.tenant=demo-retail");
            command.add("--complaints.gateway.api-keys.bench.scopes=complaints:write,complaints:read");
            command.add("--complaints.gateway.api-keys.bench.quota-per-minute=10000000");
            command.add("--complaints.gateway.api-keys.e2e-fuzz.sha256=" + sha256(FUZZ_KEY));
            command.add("--complaints.gateway.api-keys.e2e-fuzz.tenant=e2e-fuzz");
            command.add("--complaints.gateway.api-keys.e2e-fuzz.scopes=complaints:write,complaints:read,cases:read");
            command.add("--complaints.gateway.api-keys.e2e-fuzz.quota-per-minute=1000000");
            command.add("--complaints.gateway.api-keys.e2e-quota.sha256=" + sha256(QUOTA_KEY));
            command.add("--complaints.gateway.api-keys.e2e-quota.tenant=demo-generic");
            command.add("--complaints.gateway.api-keys.e2e-quota.scopes=complaints:read");
            command.add("--complaints.gateway.api-keys.e2e-quota.quota-per-minute=" + QUOTA_KEY_PER_MINUTE);
            command.add("--complaints.gateway.dev-users[fuzz.gm].tenant=e2e-fuzz");
            command.add("--complaints.gateway.dev-users[fuzz.gm].roles[0]=general-manager");
            command.add("--complaints.gateway.dev-users[fuzz.gm].name=Fuzz general manager");
            // A supervisor of the short-timer tenant (CaseIntegrityIT closes its cases).
            command.add("--complaints.gateway.dev-users[e2e.supervisor].tenant=e2e-retail");
            command.add("--complaints.gateway.dev-users[e2e.supervisor].roles[0]=cs-supervisor");
            command.add("--complaints.gateway.dev-users[e2e.supervisor].regions[0]=east");
            command.add("--complaints.gateway.dev-users[e2e.supervisor].sites[0]=e2e-store");
            command.add("--complaints.gateway.dev-users[e2e.supervisor].name=E2E supervisor");
            // Staff users get the default quota; FuzzIT sends 10,000 requests in under 3 minutes.
            command.add("--complaints.gateway.default-quota-per-minute=1000000");
            // The e2e tenants' staff users and partner keys (complaints.gateway.* in e2e-tenants.yml).
            command.add("--spring.config.additional-location=file:" + extraTenants());
        }
        command.addAll(fastTimers());
        var builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(module).toFile()));
        var env = builder.environment();
        env.put("MALLOC_ARENA_MAX", "2");
        env.remove("MONGODB_URI");
        env.remove("COMPLAINTS_IDENTITY_PRIVATE_KEY");
        env.remove("COMPLAINTS_IDENTITY_PUBLIC_KEYS");
        env.put("COMPLAINTS_DATA_DIR", work.resolve("data").resolve(module).toString());
        env.put("COMPLAINTS_TENANTS_FILE", "classpath:tenants.yml," + extraTenants());
        env.put("INTAKE_URL", url("intake-service"));
        env.put("ROUTING_URL", url("routing-service"));
        env.put("COMPENSATION_URL", url("compensation-service"));
        env.put("FOLLOWUP_URL", url("followup-service"));
        env.put("INTAKE_MANAGEMENT_URL", managementUrl("intake-service"));
        env.put("ROUTING_MANAGEMENT_URL", managementUrl("routing-service"));
        env.put("COMPENSATION_MANAGEMENT_URL", managementUrl("compensation-service"));
        env.put("FOLLOWUP_MANAGEMENT_URL", managementUrl("followup-service"));
        processes.put(module, builder.start());
    }

    private static Path javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    private Path extractedJar(String module) {
        try {
            return aot.extracted(
                    module, root.resolve(module).resolve("target").resolve(module + "-" + VERSION + "-exec.jar"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The demo tenants plus one whose timers are shortened by tenant overrides (e2e-tenants.yml). */
    private String extraTenants() throws IOException {
        var file = work.resolve("e2e-tenants.yml");
        if (!Files.exists(file)) {
            try (var in = RunningSuite.class.getResourceAsStream("/e2e/e2e-tenants.yml")) {
                Files.copy(in, file);
            }
        }
        return file.toString();
    }

    /**
     * Relays and sweeps run every second here, and a relay retries at least every 10 s, so a service
     * that was stopped for a test is caught up with within seconds of its return; the rules' own
     * durations stay as configured.
     */
    private static List<String> fastTimers() {
        return List.of(
                "--complaints.relay.interval=PT1S",
                "--complaints.relay.initial-delay=PT1S",
                "--complaints.relay.max-backoff=PT10S",
                // webhooks: the same quick retries (the 24-hour budget stays), sent every second
                "--complaints.webhooks.retry.max-backoff=PT5S",
                "--complaints.webhooks.interval=PT1S",
                "--complaints.webhooks.initial-delay=PT1S",
                "--complaints.sweep.interval=PT1S",
                "--complaints.sweep.initial-delay=PT1S",
                "--complaints.promises.sweep-interval=PT1S",
                "--complaints.promises.sweep-initial-delay=PT1S",
                "--complaints.compensation.sweep.interval=PT1S",
                "--complaints.compensation.sweep.initial-delay=PT1S",
                "--complaints.compensation.gauges.interval=PT1S",
                // LC-11: the month before is frozen soon after start (RecordsScenariosIT's tenant only:
                // every tenant's summaries at start-up cost the loaded suite seconds), checked every 10 s;
                // LC-12: the retention purge (hourly in production) every 2 s.
                "--complaints.reports.scheduled-tenants=e2e-records",
                "--complaints.reports.schedule-initial-delay=PT5S",
                "--complaints.reports.schedule-interval=PT10S",
                "--complaints.retention.interval=PT2S",
                // The gauges that count over a whole collection (open cases, due follow-ups) refresh
                // every 5 minutes in production (ADR 0023); the dashboards' check reads them early.
                "--complaints.gauges.interval=PT2S");
    }

    synchronized void stop(String module) throws InterruptedException {
        var process = processes.remove(module);
        if (process != null) {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** {@code kill -9}: no shutdown hook, no graceful stop, nothing flushed that was not already. */
    synchronized void kill(String module) throws InterruptedException {
        var process = processes.remove(module);
        if (process != null) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    void restart(String module) throws Exception {
        stop(module);
        start(module);
        awaitReady(module);
    }

    void awaitReady(String module) throws Exception {
        // e2e.ready-timeout (seconds) stretches the wait on a machine shared with other builds.
        var deadline = Instant.now().plus(Duration.ofSeconds(Long.getLong("e2e.ready-timeout", 300)));
        var request = HttpRequest.newBuilder(URI.create(managementUrl(module) + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2))
                .build();
        while (Instant.now().isBefore(deadline)) {
            var process = processes.get(module);
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException(module + " exited; see " + logFile(module));
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(module + " not ready in time; see " + logFile(module));
    }

    Path logFile(String module) {
        var dir = root.resolve("gateway").resolve("target").resolve("e2e-logs");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return dir.resolve(module + ".log");
    }

    /**
     * At JVM exit: all at once and briefly, so a test JVM that failsafe stops (it waits 30 s) leaves
     * no service running behind it.
     */
    private synchronized void stopAll() {
        aot.stop();
        var running = List.copyOf(processes.values());
        processes.clear();
        running.forEach(Process::destroy);
        for (var process : running) {
            try {
                if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The relays' gauges of one service, summed over its relays (one per collection that owes deliveries). */
    record RelayGauges(double backlog, double parked) {}

    /**
     * Each service's {@code complaints.relay.backlog} and {@code complaints.relay.parked}, scraped
     * from its Prometheus endpoint on the management port; a service exposing neither fails, so a
     * wrong address cannot pass as an empty relay.
     */
    Map<String, RelayGauges> relayGauges() throws Exception {
        var gauges = new LinkedHashMap<String, RelayGauges>();
        for (var module : SERVICES) {
            var request = HttpRequest.newBuilder(URI.create(managementUrl(module) + "/actuator/prometheus"))
                    .timeout(Duration.ofSeconds(10))
                    .build();
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            var backlog = sum(response.body(), "complaints_relay_backlog");
            var parked = sum(response.body(), "complaints_relay_parked");
            if (response.statusCode() != 200 || backlog == null || parked == null) {
                throw new IllegalStateException(module + " exposes no relay gauges: " + response.statusCode());
            }
            gauges.put(module, new RelayGauges(backlog, parked));
        }
        return gauges;
    }

    private static Double sum(String scrape, String metric) {
        Double total = null;
        for (var line : scrape.lines().toList()) {
            if (line.startsWith(metric + "{")) {
                var value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                total = total == null ? value : total + value;
            }
        }
        return total;
    }

    long residentMemoryKiB() {
        return processes.values().stream()
                .mapToLong(p -> {
                    try {
                        return Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status")).stream()
                                .filter(l -> l.startsWith("VmRSS:"))
                                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")))
                                .sum();
                    } catch (IOException e) {
                        return 0;
                    }
                })
                .sum();
    }

    /** CPU seconds (user + system) each of the suite's processes has used so far, from /proc (Linux). */
    Map<String, Double> cpuSeconds() {
        var ticksPerSecond = 100.0; // USER_HZ on Linux
        var used = new LinkedHashMap<String, Double>();
        processes.forEach((module, p) -> {
            try {
                var stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
                var fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                used.put(module, (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / ticksPerSecond);
            } catch (IOException | RuntimeException e) {
                used.put(module, 0.0);
            }
        });
        return used;
    }

    private static String sha256(String value) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        return org.complaints.gateway.FreePorts.next();
    }
}
