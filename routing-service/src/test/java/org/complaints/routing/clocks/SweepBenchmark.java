package org.complaints.routing.clocks;

import com.sun.management.OperatingSystemMXBean;
import de.bwaldvogel.mongo.MongoServer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.Document;
import org.complaints.routing.cases.Case;
import org.complaints.routing.cases.CaseRepository;
import org.complaints.support.store.DurableH2Backend;
import org.complaints.support.testing.BenchReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 14's sweep benchmark, as ratios within one run: the deadline sweep of the same number of
 * due cases with 10,000 and with 1,000,000 cases stored, on the persisted embedded store (as
 * {@code ./run-local} and a pod without {@code MONGODB_URI} run it). The history is closed cases
 * of about 2 KB; the due cases are opened through the repository as the service writes them (the
 * due-minute entry, then the case). Also measured: the rescan the sweep makes every
 * {@code complaints.due.rescan} (an hour) for cases written by a path that filed no entry, which
 * reads the collection (a scan on the embedded store; the {@code nextDueAt} index on MongoDB).
 *
 * <p>Run alone: {@code ./mvnw -Pbench -pl routing-service verify -Dit.test=SweepBenchmark}
 * ({@code -Dbench.sweep.large=100000} for a shorter run). Results replace the {@code sweep}
 * section of {@code docs/benchmarks.md}.
 */
@SpringBootTest(properties = {"complaints.services.followup.url=http://127.0.0.1:1", "complaints.store.embedded=true"})
@ActiveProfiles("test")
class SweepBenchmark {

    static final int SMALL = 10_000;
    static final int LARGE = Integer.getInteger("bench.sweep.large", 1_000_000);
    static final int DUE = Integer.getInteger("bench.sweep.due", 1_000);
    static final int ROUNDS = 3;
    static final Instant START = Instant.parse("2026-03-10T02:00:00Z");
    static final AtomicReference<Instant> clockAt = new AtomicReference<>(START);
    static final Path DIR = Path.of("target", "bench-sweep");
    static final MongoServer server;

    static {
        try {
            if (Files.exists(DIR)) {
                try (var files = Files.walk(DIR)) {
                    files.sorted(java.util.Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                }
            }
            Files.createDirectories(DIR);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        server = new MongoServer(
                new DurableH2Backend(DIR.resolve("complaints_routing.mv").toString()));
        server.bind("127.0.0.1", 0);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri",
                () -> "mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
    }

    @AfterAll
    static void stop() {
        server.shutdown();
    }

    @TestConfiguration
    static class SteppingTime {
        @Bean
        @Primary
        Clock benchClock() {
            return new Clock() {
                @Override
                public ZoneOffset getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return clockAt.get();
                }
            };
        }
    }

    @Autowired
    MongoTemplate mongo;

    @Autowired
    DeadlineSweep sweep;

    @Autowired
    CaseRepository cases;

    record Size(long stored, double seedSeconds, double quietSeconds, double rescanMs, List<Double> sweepMs) {
        double median() {
            return sweepMs.stream().sorted().toList().get(sweepMs.size() / 2);
        }
    }

    @Test
    void measure() throws Exception {
        sweep.sweep(); // the first sweep of a process rescans
        var small = measureAt(SMALL);
        var large = measureAt(LARGE);
        write(small, large);
    }

    private Size measureAt(int stored) throws Exception {
        var t0 = System.nanoTime();
        insertHistory(stored);
        var seedSeconds = (System.nanoTime() - t0) / 1e9;
        var quietSeconds = awaitQuiet();
        // Past the rescan interval with nothing due: the sweep's time is the rescan's.
        clockAt.set(clockAt.get()
                .plus(org.complaints.support.due.DueSettings.DEFAULT_RESCAN)
                .plusSeconds(60));
        var rescanMs = timed(() -> sweep.sweep());
        var sweeps = new ArrayList<Double>();
        for (var round = 0; round < ROUNDS; round++) {
            var prefix = "due-" + stored + "-" + round + "-";
            insertDue(prefix);
            var swept = new int[1];
            sweeps.add(timed(() -> {
                int n;
                while ((n = sweep.sweep()) > 0) {
                    swept[0] += n;
                }
                return swept[0];
            }));
            if (swept[0] != DUE) {
                throw new IllegalStateException("swept " + swept[0] + " of " + DUE + " due cases");
            }
            // Out of the way of the next round: their next steps must not fall due in it.
            mongo.remove(new Query(Criteria.where("_id").in(ids(prefix))), Case.class);
        }
        return new Size(mongo.estimatedCount(Case.class), seedSeconds, quietSeconds, rescanMs, sweeps);
    }

    private static double timed(java.util.function.IntSupplier work) {
        var t0 = System.nanoTime();
        work.getAsInt();
        return (System.nanoTime() - t0) / 1e6;
    }

    /** Seconds until this process stays under 5 % of a core for 10 s (the store compacts a bulk insert). */
    private static double awaitQuiet() throws InterruptedException {
        var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var t0 = System.nanoTime();
        var deadline = Instant.now().plus(Duration.ofMinutes(20));
        while (Instant.now().isBefore(deadline)) {
            var cpu = os.getProcessCpuTime();
            Thread.sleep(10_000);
            if ((os.getProcessCpuTime() - cpu) / 1e9 / 10 < 0.05) {
                break;
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    // ---- data ----------------------------------------------------------------------------------

    /** Closed cases up to {@code stored}, in bulk through the store's port (never due again). */
    private void insertHistory(int stored) {
        var collection = mongo.getCollection("cases");
        var have = collection.countDocuments();
        var batch = new ArrayList<Document>();
        for (var i = have; i < stored; i++) {
            batch.add(closedCase("history-" + i));
            if (batch.size() == 2_000) {
                collection.insertMany(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            collection.insertMany(batch);
        }
    }

    private void insertDue(String prefix) {
        var due = clockAt.get().minus(Duration.ofHours(1));
        for (var id : ids(prefix)) {
            cases.insert(mongo.getConverter().read(Case.class, dueCase(id, due)));
        }
    }

    private static List<String> ids(String prefix) {
        var ids = new ArrayList<String>();
        for (var i = 0; i < DUE; i++) {
            ids.add(prefix + i);
        }
        return ids;
    }

    private static Document base(String id, Instant received) {
        return new Document("_id", id)
                .append("version", 0L)
                .append("tenant", "demo-generic")
                .append("complaintId", "c-" + id)
                .append("region", "europe")
                .append("site", "ber-counter-1")
                .append("channel", "PHONE")
                .append("level", "GENERAL")
                .append("receivedAt", Date.from(received));
    }

    /** A generic-tenant case whose SLA-B1 resolution deadline fell due at {@code due}. */
    private Document dueCase(String id, Instant due) {
        return base(id, clockAt.get().minus(Duration.ofHours(25)))
                .append("state", "REGISTERED")
                .append(
                        "deadlines",
                        List.of(new Document("clock", "RESOLUTION")
                                .append("rule", "SLA-B1")
                                .append("dueAt", Date.from(due))
                                .append("atRiskAt", Date.from(due))
                                .append("status", "PENDING")
                                .append("action", "BREACH")
                                .append("assumed", false)
                                .append("atRiskSignalled", true)))
                .append("nextDueAt", Date.from(due));
    }

    /** About 2 KB: a closed case with its met deadline and a short audit trail. */
    private static Document closedCase(String id) {
        var received = START.minus(Duration.ofDays(30));
        var audit = new ArrayList<Document>();
        for (var step : List.of("ACCEPT", "CONTACT", "INVESTIGATE", "RESOLVE", "CLOSE")) {
            audit.add(new Document("action", step)
                    .append("by", "generic.agent")
                    .append("at", Date.from(received.plus(Duration.ofHours(audit.size() + 1))))
                    .append("reason", "步骤已完成，客户已确认处理结果并表示满意。"));
        }
        return base(id, received)
                .append("state", "CLOSED")
                .append("closedAt", Date.from(received.plus(Duration.ofDays(2))))
                .append("owner", "role:cs-agent")
                .append("complaintSummary", "办理业务等待时间过长，柜台只开放一个窗口，客户要求道歉并改进排队安排。".repeat(4))
                .append(
                        "deadlines",
                        List.of(new Document("clock", "RESOLUTION")
                                .append("rule", "SLA-B1")
                                .append("dueAt", Date.from(received.plus(Duration.ofDays(3))))
                                .append("status", "MET")
                                .append("settledAt", Date.from(received.plus(Duration.ofDays(2))))))
                .append("audit", audit)
                .append("deliveries", List.of());
    }

    // ---- report ------------------------------------------------------------------------------

    private static String rounds(Size size) {
        return size.sweepMs().stream()
                .map(ms -> String.format("%.0f", ms))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private static void write(Size small, Size large) throws Exception {
        var ratio = large.median() / small.median();
        var r = new StringBuilder()
                .append("## Sweep benchmark (`SweepBenchmark`)\n\n")
                .append("Measured by `routing-service/src/test/java/org/complaints/routing/clocks/SweepBenchmark.java`")
                .append(" (`./mvnw -Pbench -pl routing-service verify -Dit.test=SweepBenchmark`).\n\n")
                .append("- date: ")
                .append(LocalDate.now())
                .append(", ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores, JDK ")
                .append(Runtime.version())
                .append("; routing's sweep in-process on the persisted embedded store; ")
                .append(DUE)
                .append(" due cases per round, ")
                .append(ROUNDS)
                .append(" rounds per size (median); history: closed cases of about 2 KB inserted in bulk, then the")
                .append(" process left until quiet (the store compacts the bulk insert)\n\n")
                .append("| measure | ")
                .append(small.stored())
                .append(" stored | ")
                .append(large.stored())
                .append(" stored | ratio | target | met |\n|---|---|---|---|---|---|\n")
                .append(String.format(
                        "| sweep of %d due cases (ms, median) | %.0f | %.0f | %.2f | <= 1.3 | %s |%n",
                        DUE, small.median(), large.median(), ratio, ratio <= 1.3 ? "yes" : "no"))
                .append(String.format("| sweep rounds (ms) | %s | %s | | | |%n", rounds(small), rounds(large)))
                .append(String.format(
                        "| rescan, every hour (ms; a scan on the embedded store) | %.0f | %.0f | %.2f | | |%n",
                        small.rescanMs(), large.rescanMs(), large.rescanMs() / small.rescanMs()))
                .append(String.format(
                        "| bulk insert of the history, then quiet after (s) | %.0f, %.0f | %.0f, %.0f | | | |%n",
                        small.seedSeconds(), small.quietSeconds(), large.seedSeconds(), large.quietSeconds()));
        BenchReport.replaceSection("sweep", r.toString());
        System.out.println(r);
    }
}
