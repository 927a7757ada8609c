package org.complaints.support.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: an acknowledged write survives {@code kill -9}. A child JVM writes through the driver
 * and prints every acknowledged insert, {@code $push} into the deliveries array, findAndModify and
 * delete; it is killed with SIGKILL mid-stream, and the reopened file holds every one of them.
 */
class DurableStoreKillTest {

    /** A retention time short enough that dead chunks are reused while each writer runs. */
    static final int FAST_REUSE_MILLIS = 500;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedWriteSurvivesKill9() throws Exception {
        var file = dir.resolve("complaints.mv").toString();
        var acknowledged = runAndKill(file, System.getProperty("kill-test.backend", "durable"), 400);
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(400);
        assertAllSurvived(file, acknowledged);
    }

    /**
     * ADR 0289: dead chunks are reused after seconds instead of 45 (here half a second). Two writers in
     * turn on one file, each running well past the retention with a hot document rewritten after every write,
     * each killed mid-stream: the file opens every time and holds every acknowledged write.
     */
    @Test
    void repeatedKillsWhileDeadChunksAreReusedLoseNothing() throws Exception {
        var file = dir.resolve("reused.mv").toString();
        var acknowledged = new ArrayList<String>();
        for (var run = 0; run < 2; run++) {
            var started = System.nanoTime();
            acknowledged.addAll(runAndKill(file, "durable-fast-reuse", 1_000, "run" + run + "-", "hot"));
            assertThat(System.nanoTime() - started)
                    .as("the writer outlived the retention time")
                    .isGreaterThan(TimeUnit.MILLISECONDS.toNanos(4L * FAST_REUSE_MILLIS));
            assertAllSurvived(file, acknowledged);
        }
    }

    private static void assertAllSurvived(String file, List<String> acknowledged) {
        var server = new MongoServer(new DurableH2Backend(file));
        var address = server.bind();
        try (var client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            var docs = client.getDatabase("complaints").getCollection("docs");
            var missing = new ArrayList<String>();
            for (var line : acknowledged) {
                var parts = line.split(" ");
                var id = parts[1];
                var doc = docs.find(new Document("_id", id)).first();
                var ok = switch (parts[0]) {
                    case "INSERTED" -> doc != null;
                    case "PUSHED" ->
                        doc != null && doc.getList("deliveries", Document.class).size() == 1;
                    case "CLAIMED" -> doc != null && Boolean.TRUE.equals(doc.getBoolean("claimed"));
                    case "DELETED" -> doc == null;
                    default -> true;
                };
                if (!ok) {
                    missing.add(line);
                }
            }
            assertThat(missing).as("acknowledged writes lost after kill -9").isEmpty();
        } finally {
            server.shutdownNow();
        }
    }

    /** Starts the writer, reads acknowledgements until {@code atLeast}, then kills it with SIGKILL. */
    static List<String> runAndKill(String file, String backend, int atLeast, String... options) throws Exception {
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = new ArrayList<>(List.of(
                java,
                "-Xshare:off",
                "-cp",
                System.getProperty("java.class.path"),
                StoreWriter.class.getName(),
                file,
                backend));
        command.addAll(List.of(options));
        var process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        var acknowledged = new ArrayList<String>();
        try (var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.equals("READY")) {
                    continue;
                }
                acknowledged.add(line);
                if (acknowledged.size() >= atLeast) {
                    // The writer keeps going while it dies: the kill lands mid-stream.
                    process.destroyForcibly();
                    break;
                }
            }
        } finally {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        return acknowledged;
    }
}
