package org.complaints.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClients;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.complaints.gateway.bench.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, replica test: three routing processes on one store. Routing A runs the embedded store
 * and logs its port; B and C reach the same store through {@code MONGODB_URI}, as replicas reach a
 * shared MongoDB. 1,000 general cases of the short-timer tenant are opened across the three and
 * every process sweeps every second. SLA-G3 raises an unaccepted case one level per 3 s up to
 * MAJOR ("以此类推", DOMAIN.md), so each case must show exactly the two steps GENERAL→URGENT and
 * URGENT→MAJOR, each once, however the three sweepers race.
 */
class RoutingReplicasIT {

    static final int CASES = 1_000;
    static final List<ServiceProcess> replicas = new ArrayList<>();
    static Path work;
    static int storePort;

    @BeforeAll
    static void startReplicas() throws Exception {
        work = Files.createTempDirectory("complaints-replicas");
        var tenants = work.resolve("e2e-tenants.yml");
        try (var in = RoutingReplicasIT.class.getResourceAsStream("/e2e/e2e-tenants.yml")) {
            Files.copy(in, tenants);
        }
        var logs = ServiceProcess.root().resolve("gateway/target/e2e-logs/replicas");
        var a = routing("routing-a", tenants, null).start(logs);
        replicas.add(a);
        storePort = a.embeddedStorePort(Duration.ofSeconds(90));
        var uri = "mongodb://127.0.0.1:" + storePort;
        replicas.add(routing("routing-b", tenants, uri).start(logs));
        replicas.add(routing("routing-c", tenants, uri).start(logs));
        for (var r : replicas) {
            r.awaitReady(Duration.ofSeconds(300));
        }
    }

    private static ServiceProcess.Spec routing(String name, Path tenants, String mongoUri) throws Exception {
        var spec = ServiceProcess.jar(
                        "routing-service", name, List.of("-XX:TieredStopAtLevel=1", "-Xmx256m", "-XX:+UseSerialGC"))
                .arg(
                        "--complaints.sweep.interval=PT1S",
                        "--complaints.sweep.initial-delay=PT1S",
                        "--complaints.relay.interval=PT5S",
                        "--complaints.relay.initial-delay=PT5S")
                .arg("--spring.profiles.active=local")
                .env("COMPLAINTS_TENANTS_FILE", "classpath:tenants.yml," + tenants)
                // No intake or follow-up here: the case-state relay retries in the background.
                .env("INTAKE_URL", "http://127.0.0.1:9")
                .env("COMPENSATION_URL", "http://127.0.0.1:9")
                .env("FOLLOWUP_URL", "http://127.0.0.1:9");
        if (mongoUri != null) {
            spec.env("MONGODB_URI", mongoUri);
        }
        return spec;
    }

    @AfterAll
    static void stopReplicas() throws Exception {
        for (var r : replicas) {
            r.close();
        }
    }

    @Test
    @DisplayName(
            "issue 14 replica test: three routing processes on one store take each SLA-G3 step of 1,000 cases once")
    void eachDueCaseEscalatedExactlyOnce() throws Exception {
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        var token = systemToken();
        var next = new AtomicInteger();
        var opened = new AtomicInteger();
        try (var pool = Executors.newFixedThreadPool(6)) {
            var workers = new ArrayList<Callable<Void>>();
            for (var w = 0; w < 6; w++) {
                workers.add(() -> {
                    for (var i = next.getAndIncrement(); i < CASES; i = next.getAndIncrement()) {
                        var target = replicas.get(i % replicas.size());
                        if (open(http, target, token, "replica-" + i) / 100 == 2) {
                            opened.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
            for (var f : pool.invokeAll(workers)) {
                f.get();
            }
        }
        assertThat(opened.get()).as("cases opened").isEqualTo(CASES);

        try (var client = MongoClients.create("mongodb://127.0.0.1:" + storePort)) {
            var cases = client.getDatabase("complaints_routing").getCollection("cases");
            var deadline = Instant.now().plus(Duration.ofSeconds(60));
            Map<String, List<String>> escalations = Map.of();
            while (Instant.now().isBefore(deadline)) {
                escalations = slaG3Escalations(cases);
                if (escalations.size() == CASES
                        && escalations.values().stream().allMatch(steps -> steps.size() >= CASCADE.size())) {
                    break;
                }
                Thread.sleep(1_000);
            }
            // Every replica sweeps each second: let each run a few more times over the same cases.
            Thread.sleep(4_000);
            escalations = slaG3Escalations(cases);
            assertThat(escalations).hasSize(CASES);
            var byCascade = new HashMap<List<String>, Integer>();
            escalations.values().forEach(steps -> byCascade.merge(steps, 1, Integer::sum));
            assertThat(byCascade).as("cases by their SLA-G3 steps").isEqualTo(Map.of(CASCADE, CASES));
        }
        for (var r : replicas) {
            assertThat(r.alive()).as(r.name() + " alive").isTrue();
        }
    }

    static final List<String> CASCADE = List.of("GENERAL->URGENT", "URGENT->MAJOR");

    /** The SLA-G3 steps (from->to level) of each case of this test, read from the shared store. */
    private static Map<String, List<String>> slaG3Escalations(com.mongodb.client.MongoCollection<Document> cases) {
        var result = new HashMap<String, List<String>>();
        for (var c : cases.find(new Document("tenant", "e2e-retail"))
                .projection(new Document("complaintId", 1).append("escalations", 1))) {
            var complaint = c.getString("complaintId");
            if (complaint == null || !complaint.startsWith("replica-")) {
                continue;
            }
            var list = c.getList("escalations", Document.class, List.of());
            result.put(
                    complaint,
                    list.stream()
                            .filter(e -> "SLA-G3".equals(e.getString("rule")))
                            .map(e -> e.getString("fromLevel") + "->" + e.getString("toLevel"))
                            .toList());
        }
        return result;
    }

    /** Opens a case as intake does. */
    private static int open(HttpClient http, ServiceProcess target, String token, String complaintId) throws Exception {
        var body = """
                {"complaintId":"%s","tenant":"e2e-retail","region":"east","site":"e2e-store",
                 "channel":"COMPANY_HOTLINE","level":"GENERAL","subjectType":"SERVICE_ATTITUDE",
                 "flags":[],"circumstances":[],"receivedAt":"%s"}""".formatted(complaintId, Instant.now());
        var request = HttpRequest.newBuilder(URI.create(target.url() + "/internal/v1/cases"))
                .header("Content-Type", "application/json")
                .header("X-Complaints-Identity", token)
                .timeout(Duration.ofSeconds(15))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The system identity intake uses towards routing (addressed to routing-service). */
    private static String systemToken() throws Exception {
        var now = Instant.now();
        var claims = new JWTClaimsSet.Builder()
                .issuer("intake-service")
                .subject("system:intake-service")
                .audience("routing-service")
                .claim("kind", "system")
                .claim("tenant", "e2e-retail")
                .claim("roles", List.of("system"))
                .claim("regions", List.of())
                .claim("sites", List.of())
                .claim("scopes", List.of())
                .claim("name", "intake-service")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(280)))
                .build();
        var jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .keyID("intake-service")
                        .build(),
                claims);
        jwt.sign(new ECDSASigner(IdentityForgery.developmentKey("intake-service")));
        return jwt.serialize();
    }
}
