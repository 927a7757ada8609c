package org.complaints.gateway.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.complaints.gateway.e2e.SuiteAccess;
import org.junit.jupiter.api.Test;

/**
 * Throughput and latency of the running suite, as ratios against the same run's ceiling (the
 * gateway answering its own health endpoint). Run with {@code ./mvnw -Pbench verify -pl gateway -am};
 * results go to docs/benchmarks.md. Not part of the normal build: it measures, it does not judge.
 */
class SuiteBenchmark {

    static final int WARMUP = 300;
    static final int REQUESTS = 2_000;
    static final int CONCURRENCY = 8;

    record Result(String name, double perSecond, double p50Ms, double p99Ms, int errors) {}

    @Test
    void measure() throws Exception {
        var gateway = SuiteAccess.gateway();
        var management = SuiteAccess.gatewayManagement();
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        var filed = http.send(complaint(gateway, "bench-seed"), HttpResponse.BodyHandlers.ofString())
                .body();
        var id = filed.replaceAll(".*?\"id\":\"([^\"]+)\".*", "$1");

        var results = new ArrayList<Result>();
        results.add(run(
                "ceiling: gateway health (no auth, no upstream)",
                http,
                () -> HttpRequest.newBuilder(URI.create(management + "/actuator/health"))
                        .build()));
        results.add(run(
                "read complaint: auth + identity + proxy + intake + store",
                http,
                () -> HttpRequest.newBuilder(URI.create(gateway + "/api/v1/complaints/" + id))
                        .header("X-Api-Key", SuiteAccess.BENCH_KEY)
                        .build()));
        results.add(run(
                "file complaint: + validation, history, routing case, deadlines",
                http,
                () -> complaint(gateway, UUID.randomUUID().toString())));

        var ceiling = results.getFirst();
        var memory = SuiteAccess.residentMemoryMiB();
        var report = new StringBuilder();
        report.append("# Benchmarks\n\n")
                .append(
                        "Measured by `gateway/src/test/java/org/complaints/gateway/bench/SuiteBenchmark.java` (`./mvnw -Pbench verify -pl gateway -am`)\n")
                .append("on ")
                .append(LocalDate.now())
                .append(", ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(
                        " cores, all five processes and the load generator on one machine, each service on its embedded store persisted to an H2 file.\n")
                .append(REQUESTS)
                .append(" requests per row after ")
                .append(WARMUP)
                .append(" warm-up, ")
                .append(CONCURRENCY)
                .append(
                        " concurrent clients. Ratios are against the same run's ceiling row; absolute numbers vary by machine.\n\n")
                .append("| path | req/s | ratio to ceiling | p50 ms | p99 ms | errors |\n|---|---|---|---|---|---|\n");
        for (var r : results) {
            report.append(String.format(
                    "| %s | %.0f | %.2f | %.1f | %.1f | %d |%n",
                    r.name(), r.perSecond(), r.perSecond() / ceiling.perSecond(), r.p50Ms(), r.p99Ms(), r.errors()));
        }
        report.append("\nResident memory of the five processes after the run (RSS, MiB): ")
                .append(memory)
                .append("\n\n")
                .append(
                        "Reading: filing is the heaviest path because intake calls routing inline (case, assignment, deadlines)\n")
                .append(
                        "and both write their stores; the embedded stores scan instead of using secondary indexes, so store-bound\n")
                .append(
                        "rows understate a real MongoDB. The benchmark key has no quota; the demo keys' 600/min would cap the rows.\n");
        Files.writeString(Path.of("..", "docs", "benchmarks.md"), report.toString());
        System.out.println(report);
    }

    private static Result run(String name, HttpClient http, java.util.function.Supplier<HttpRequest> request)
            throws Exception {
        load(http, request, WARMUP);
        var started = System.nanoTime();
        var result = load(http, request, REQUESTS);
        var seconds = (System.nanoTime() - started) / 1e9;
        var latencies = result.latencies();
        Arrays.sort(latencies);
        return new Result(
                name,
                REQUESTS / seconds,
                latencies[latencies.length / 2] / 1e6,
                latencies[(int) (latencies.length * 0.99)] / 1e6,
                result.errors());
    }

    private record Load(long[] latencies, int errors) {}

    private static Load load(HttpClient http, java.util.function.Supplier<HttpRequest> request, int count)
            throws Exception {
        var latencies = new long[count];
        var next = new AtomicInteger();
        var errors = new AtomicInteger();
        try (var pool = Executors.newFixedThreadPool(CONCURRENCY)) {
            var workers = new ArrayList<Callable<Void>>();
            for (var w = 0; w < CONCURRENCY; w++) {
                workers.add(() -> {
                    for (var i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        var t0 = System.nanoTime();
                        var status = http.send(request.get(), HttpResponse.BodyHandlers.discarding())
                                .statusCode();
                        latencies[i] = System.nanoTime() - t0;
                        if (status >= 300) {
                            errors.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
            for (var f : pool.invokeAll(workers)) {
                f.get();
            }
        }
        return new Load(latencies, errors.get());
    }

    private static HttpRequest complaint(String gateway, String key) {
        var body = "{\"channel\":\"COMPANY_HOTLINE\",\"site\":\"sh-xujiahui\",\"customer\":{\"id\":\"bench-" + key
                + "\",\"name\":\"测试\",\"phone\":\"13900000000\"},\"content\":\"冰箱不制冷\"}";
        return HttpRequest.newBuilder(URI.create(gateway + "/api/v1/complaints"))
                .header("X-Api-Key", SuiteAccess.BENCH_KEY)
                .header("Idempotency-Key", key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }
}
