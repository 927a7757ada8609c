package org.complaints.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 10's lifecycle simulation across the real services (ADR 0230): per preset a seeded random
 * set of complaints, filed through the gateway on a tenant whose clocks run in seconds, driven by
 * 10 workers (30 finished sooner but drew a 504 from a resolution on a loaded machine) along random
 * legal paths ({@link SimulatedCase}) through routing, compensation,
 * follow-up and intake, while the sweeps fire on lapsed clocks; three complaints per preset on one
 * product form a group incident, and routing is stopped once while complaints keep arriving. At the
 * end {@link LifecycleInvariants} checks every case and complaint, and every relay is empty.
 */
class LifecycleAcrossServicesIT {

    static final long SEED = Long.getLong("lifecycle.seed", 20261130L);
    static final int PER_PRESET = Integer.getInteger("lifecycle.cases", 10);
    static final int WORKERS = Integer.getInteger("lifecycle.workers", 10);
    static final int INCIDENT_SIZE = 3;
    static final int DURING_OUTAGE = 3;
    static final long MINUTES = Long.getLong("lifecycle.minutes", 10);

    static RunningSuite suite;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = RunningSuite.get();
    }

    @Test
    @DisplayName(
            "issue 10: seeded cases per preset (10 in verify, 40 with -Plong) along random legal paths across the real services all end terminal, mirrored,"
                    + " escalated at their due times, with every relay empty and nothing parked")
    void lifecycleAcrossServices() throws Exception {
        var started = Instant.now();
        var parkedBefore = suite.relayGauges();
        var random = new Random(SEED);
        var tally = new SimulatedCase.Tally();
        var tenants = SimTenant.all();
        var callers = new LinkedHashMap<SimTenant, SimTenant.Callers>();
        for (var tenant : tenants) {
            callers.put(tenant, tenant.callers(suite));
        }
        var cases = new ArrayList<SimulatedCase>();
        var queue = new LinkedBlockingQueue<SimulatedCase>();
        var serial = new AtomicInteger();
        // The incidents first, so all three complaints of one are open when the third arrives (RT-06).
        var products = new LinkedHashMap<SimTenant, String>();
        for (var tenant : tenants) {
            products.put(tenant, product(tenant, serial.incrementAndGet()));
            for (var i = 0; i < INCIDENT_SIZE; i++) {
                cases.add(file(
                        tenant, callers.get(tenant), products.get(tenant), serial.incrementAndGet(), random, tally));
            }
        }
        queue.addAll(cases);

        var pause = new ReentrantReadWriteLock(true);
        var failure = new AtomicReference<Throwable>();
        var active = new AtomicInteger(tenants.size() * PER_PRESET);
        var workers = Executors.newFixedThreadPool(WORKERS, r -> {
            var thread = new Thread(r, "lifecycle-worker");
            thread.setDaemon(true);
            return thread;
        });
        for (var w = 0; w < WORKERS; w++) {
            workers.submit(() -> drive(queue, pause, active, failure));
        }
        List<SimulatedCase> late;
        Duration outageTook;
        try {
            for (var tenant : tenants) {
                for (var i = INCIDENT_SIZE; i < PER_PRESET - DURING_OUTAGE; i++) {
                    var n = serial.incrementAndGet();
                    var filed = file(tenant, callers.get(tenant), product(tenant, n), n, random, tally);
                    cases.add(filed);
                    queue.add(filed);
                }
            }

            // The outage: once a third of the work is done, routing stops while complaints keep arriving.
            var expectedSteps = cases.size() * 9;
            var lateCount = tenants.size() * DURING_OUTAGE;
            while (tally.steps.get() < expectedSteps / 3 && failure.get() == null && active.get() > lateCount) {
                Thread.sleep(200);
            }
            if (failure.get() != null) {
                throw new AssertionError("a simulated case failed", failure.get());
            }
            var outage = Instant.now();
            pause.writeLock().lock();
            try {
                late = outage(tenants, callers, serial, random, tally);
                tally.recoveringUntil = Instant.now().plus(SimulatedCase.WAIT.multipliedBy(2));
            } finally {
                pause.writeLock().unlock();
            }
            outageTook = Duration.between(outage, Instant.now());
            cases.addAll(late);
            queue.addAll(late);

            workers.shutdown();
            var finished = workers.awaitTermination(MINUTES, TimeUnit.MINUTES);
            if (failure.get() != null) {
                throw new AssertionError("a simulated case failed", failure.get());
            }
            assertThat(finished)
                    .as("every case terminal within " + MINUTES + " minutes")
                    .isTrue();
        } finally {
            workers.shutdownNow();
        }
        var driven = Duration.between(started, Instant.now());

        assertThat(tally.serverErrors).as("5xx answers").isEmpty();
        var relays = awaitRelaysDrained(parkedBefore);
        var checks = new LifecycleInvariants(callers);
        checks.parkedListsEmpty(tenants);
        var report = checks.verify(cases);
        checks.closedComplaintRefusesLateInvalidity(cases);

        System.out.printf(
                "LifecycleAcrossServicesIT (seed %d): %d cases (%s per preset, %d filed during a %ds routing outage),"
                        + " %d steps, moves %s; %s; relays at the end %s; driven in %ds, total %ds%n",
                SEED,
                cases.size(),
                PER_PRESET,
                late.size(),
                outageTook.toSeconds(),
                tally.steps.get(),
                new java.util.TreeMap<>(tally.moves),
                report,
                relays,
                driven.toSeconds(),
                Duration.between(started, Instant.now()).toSeconds());
    }

    /** A worker: one step of the next case at a time, then the case goes to the back of the queue. */
    private static Void drive(
            BlockingQueue<SimulatedCase> queue,
            ReentrantReadWriteLock pause,
            AtomicInteger active,
            AtomicReference<Throwable> failure)
            throws InterruptedException {
        while (active.get() > 0 && failure.get() == null) {
            var next = queue.poll(200, TimeUnit.MILLISECONDS);
            if (next == null) {
                continue;
            }
            pause.readLock().lock();
            try {
                if (next.step()) {
                    queue.add(next);
                } else {
                    active.decrementAndGet();
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            } finally {
                pause.readLock().unlock();
            }
        }
        return null;
    }

    /**
     * Routing stopped: complaints are accepted (routing PENDING) and the clocks of every open case
     * lapse; routing started again on its data, intake's relay opens the late cases (clocks count from
     * receipt, so some are born breached) and the sweep catches up on the rest.
     */
    private static List<SimulatedCase> outage(
            List<SimTenant> tenants,
            Map<SimTenant, SimTenant.Callers> callers,
            AtomicInteger serial,
            Random random,
            SimulatedCase.Tally tally)
            throws Exception {
        var late = new ArrayList<SimulatedCase>();
        suite.stop("routing-service");
        try {
            for (var tenant : tenants) {
                for (var i = 0; i < DURING_OUTAGE; i++) {
                    var n = serial.incrementAndGet();
                    late.add(file(tenant, callers.get(tenant), product(tenant, n), n, random, tally));
                }
            }
        } finally {
            suite.start("routing-service");
            suite.awaitReady("routing-service");
        }
        assertThat(late)
                .allSatisfy(c -> assertThat(c.routedLate)
                        .as("filed while routing was down")
                        .isTrue());
        return late;
    }

    private static SimulatedCase file(
            SimTenant tenant,
            SimTenant.Callers callers,
            String product,
            int n,
            Random random,
            SimulatedCase.Tally tally)
            throws Exception {
        var caseRandom = new Random(random.nextLong());
        var body = tenant.complaint(caseRandom, product, tenant.preset() + "-" + n);
        var filed = callers.admin().with("Idempotency-Key", Complaints.key()).post("/api/v1/complaints", body);
        assertThat(filed.status()).as(filed.toString()).isIn(201, 202);
        var routing = filed.json().get("routing");
        var caseId = Api.text(routing, "caseId");
        tally.count("complaint_filed");
        return new SimulatedCase(
                tenant, callers, filed.json().get("id").asText(), product, caseId, caseId == null, caseRandom, tally);
    }

    private static String product(SimTenant tenant, int n) {
        return tenant.preset().equals("dealer") ? String.format("LSVSIM%011d", n) : "SIM-SKU-" + n;
    }

    /**
     * The relays of all four services, once their backlog is 0 (bounded); none parked more than
     * before the run (0 when this test runs alone; the simulation tenants' own lists are checked
     * empty through the operator endpoints).
     */
    private static Map<String, RunningSuite.RelayGauges> awaitRelaysDrained(
            Map<String, RunningSuite.RelayGauges> before) throws Exception {
        var deadline = Instant.now().plus(SimulatedCase.WAIT.multipliedBy(2));
        var gauges = suite.relayGauges();
        while (gauges.values().stream().anyMatch(g -> g.backlog() > 0)
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            gauges = suite.relayGauges();
        }
        for (var service : gauges.keySet()) {
            var after = gauges.get(service);
            assertThat(after.backlog()).as(service + " relay backlog").isZero();
            assertThat(after.parked())
                    .as(service + " parked deliveries")
                    .isEqualTo(before.get(service).parked());
        }
        return gauges;
    }
}
