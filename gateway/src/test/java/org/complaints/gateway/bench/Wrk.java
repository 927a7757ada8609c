package org.complaints.gateway.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The load generator, in its own process: wrk with a Lua script from src/test/resources/bench. */
final class Wrk {

    record Result(double perSecond, double p50Ms, double p99Ms, long requests, long errors) {}

    private static final Pattern LINE = Pattern.compile(
            "BENCH requests=(\\d+) duration_us=(\\d+) p50_us=(\\d+) p99_us=(\\d+) non2xx=(\\d+) socket_errors=(\\d+)");

    private Wrk() {}

    /** Installs wrk when missing (Debian package), as the profile's setup. */
    static void ensureInstalled() throws Exception {
        if (run(List.of("sh", "-c", "command -v wrk"), Map.of()).isBlank()) {
            run(List.of("sh", "-c", "apt-get update -q && apt-get install -y -q wrk"), Map.of());
        }
        if (run(List.of("sh", "-c", "command -v wrk"), Map.of()).isBlank()) {
            throw new IllegalStateException("wrk is not installed and could not be installed with apt-get");
        }
    }

    static Result get(String url, String apiKey, int connections, int seconds) throws Exception {
        return load(url, "get.lua", connections, seconds, Map.of("BENCH_API_KEY", apiKey));
    }

    static Result post(String url, String apiKey, String body, int connections, int seconds) throws Exception {
        return load(
                url,
                "post.lua",
                connections,
                seconds,
                Map.of("BENCH_API_KEY", apiKey, "BENCH_BODY", body, "BENCH_RUN", Long.toString(System.nanoTime(), 36)));
    }

    private static Result load(String url, String script, int connections, int seconds, Map<String, String> env)
            throws Exception {
        var file = Files.createTempFile("wrk", ".lua");
        try (var in = Wrk.class.getResourceAsStream("/bench/" + script)) {
            Files.write(file, in.readAllBytes());
        }
        var threads = Math.min(2, connections);
        var out = run(
                List.of(
                        "wrk",
                        "-t" + threads,
                        "-c" + connections,
                        "-d" + seconds + "s",
                        "--timeout",
                        "15s",
                        "-s",
                        file.toString(),
                        url),
                env);
        Files.deleteIfExists(file);
        var m = LINE.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no result from wrk: " + out);
        }
        var requests = Long.parseLong(m.group(1));
        var micros = Long.parseLong(m.group(2));
        return new Result(
                requests / (micros / 1e6),
                Long.parseLong(m.group(3)) / 1e3,
                Long.parseLong(m.group(4)) / 1e3,
                requests,
                Long.parseLong(m.group(5)) + Long.parseLong(m.group(6)));
    }

    static String run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        var builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        builder.environment().putAll(env);
        var process = builder.start();
        var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return out;
    }

    static String tool(Path dir, String... command) throws IOException, InterruptedException {
        var builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        var process = builder.start();
        var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
