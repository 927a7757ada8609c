package org.complaints.gateway.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The five processes as the benchmarks run them: each module's jar extracted as run-local and the
 * image do, with the JDK AOT cache recorded once, the images' JVM flags, the local profile's
 * development identity keys, and a gateway that knows the bench key (no effective quota).
 */
final class BenchSuite {

    static final String BENCH_KEY = "bench-partner-key";
    static final List<String> MODULES =
            List.of("intake-service", "routing-service", "compensation-service", "followup-service", "gateway");

    final Path work;
    final Path logs;

    BenchSuite(Path work) {
        this.work = work;
        this.logs = work.resolve("logs");
    }

    /** The running suite: one process per module, and how long the five took to be ready together. */
    static final class Running implements AutoCloseable {
        final Map<String, ServiceProcess> processes = new LinkedHashMap<>();
        double readySeconds;

        ServiceProcess get(String module) {
            return processes.get(module);
        }

        String gateway() {
            return get("gateway").url();
        }

        /** Each process's CPU time so far (user plus system), in seconds, by process name. */
        Map<String, Double> cpuSeconds() throws Exception {
            var seconds = new LinkedHashMap<String, Double>();
            for (var p : processes.values()) {
                seconds.put(p.name(), p.cpuSeconds());
            }
            return seconds;
        }

        @Override
        public void close() throws Exception {
            for (var p : processes.values()) {
                p.close();
            }
        }
    }

    Path app(String module) {
        return work.resolve("app").resolve(module);
    }

    /** Extracts each jar as run-local and the image do, and records the JDK AOT cache once. */
    void prepareApps() throws Exception {
        for (var m : MODULES) {
            var jar = ServiceProcess.root().resolve(m + "/target/" + m + "-" + ServiceProcess.VERSION + "-exec.jar");
            var app = app(m);
            var extracted = app.resolve(jar.getFileName());
            if (!Files.exists(extracted)
                    || Files.getLastModifiedTime(jar).compareTo(Files.getLastModifiedTime(extracted)) > 0) {
                Wrk.tool(ServiceProcess.root(), "rm", "-rf", app.toString());
                Wrk.tool(
                        ServiceProcess.root(),
                        ServiceProcess.java(),
                        "-Djarmode=tools",
                        "-jar",
                        jar.toString(),
                        "extract",
                        "--destination",
                        app.toString());
            }
            if (!Files.exists(app.resolve("app.aot"))) {
                var command = new ArrayList<String>(List.of(ServiceProcess.java()));
                command.addAll(ServiceProcess.IMAGE_FLAGS);
                command.addAll(List.of(
                        "-XX:AOTCacheOutput=app.aot",
                        "-Dcomplaints.training-run=true",
                        "-jar",
                        extracted.getFileName().toString(),
                        "--server.port=0",
                        "--management.server.port=0",
                        "--spring.profiles.active=local"));
                Wrk.tool(app, command.toArray(String[]::new));
            }
        }
    }

    /** Our gateway with the bench key (no effective quota: the demo keys' 600/min would measure the limiter). */
    static ServiceProcess.Spec gateway(ServiceProcess.Spec spec, Map<String, String> urls) {
        spec.arg(
                "--spring.profiles.active=local",
                "--complaints.gateway.api-keys.bench.sha256=" + sha256(BENCH_KEY),
                "--complaints.gateway.api-keys.bench.tenant=demo-retail",
                "--complaints.gateway.api-keys.bench.scopes=complaints:write,complaints:read",
                "--complaints.gateway.api-keys.bench.quota-per-minute=10000000");
        urls.forEach(spec::env);
        return spec;
    }

    ServiceProcess.Spec service(String module, boolean aot, Path dataDir, int port, Map<String, String> urls)
            throws Exception {
        var spec = ServiceProcess.command(module, port).in(app(module)).arg(ServiceProcess.java());
        spec.arg(ServiceProcess.IMAGE_FLAGS.toArray(String[]::new));
        if (aot) {
            spec.arg("-XX:AOTCache=app.aot");
        }
        spec.arg("-jar", module + "-" + ServiceProcess.VERSION + "-exec.jar", "--server.port=" + port);
        spec.management(ServiceProcess.freePort());
        if (module.equals("gateway")) {
            gateway(spec, urls);
        } else {
            // The published development identity keys (local profile), as run-local uses them.
            spec.arg("--spring.profiles.active=local");
            urls.forEach(spec::env);
            spec.env("COMPLAINTS_DATA_DIR", dataDir.resolve(module).toString());
        }
        return spec;
    }

    /** The five processes started at once on {@code dataDir}; ready when every readiness probe is UP. */
    Running start(boolean aot, Path dataDir, String logDir) throws Exception {
        var ports = new LinkedHashMap<String, Integer>();
        for (var m : MODULES) {
            ports.put(m, ServiceProcess.freePort());
        }
        var urls = Map.of(
                "INTAKE_URL", "http://127.0.0.1:" + ports.get("intake-service"),
                "ROUTING_URL", "http://127.0.0.1:" + ports.get("routing-service"),
                "COMPENSATION_URL", "http://127.0.0.1:" + ports.get("compensation-service"),
                "FOLLOWUP_URL", "http://127.0.0.1:" + ports.get("followup-service"));
        var suite = new Running();
        var t0 = System.nanoTime();
        try {
            for (var m : MODULES) {
                suite.processes.put(
                        m, service(m, aot, dataDir, ports.get(m), urls).start(logs.resolve(logDir)));
            }
            for (var p : suite.processes.values()) {
                p.awaitReady(Duration.ofSeconds(300));
            }
        } catch (Exception e) {
            suite.close(); // one process that did not start leaves none of the others running
            throw e;
        }
        suite.readySeconds = (System.nanoTime() - t0) / 1e9;
        return suite;
    }

    static String sha256(String value) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
