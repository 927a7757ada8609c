package org.complaints.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Issue 7: every metric a dashboard or alert uses exists on the running services. */
class MetricsScrapeIT {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{|\\s)");
    static RunningSuite suite;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = RunningSuite.get();
    }

    @Test
    @DisplayName("each metric referenced by the chart's dashboards and alert rules is exposed after some traffic")
    void dashboardsAndAlertsReferenceOnlyExposedMetrics() throws Exception {
        makeSomeTraffic();
        var referenced =
                Files.readAllLines(Path.of("..", "helm", "complaints", "files", "referenced-metrics.txt")).stream()
                        .map(String::strip)
                        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                        .toList();
        assertThat(referenced).isNotEmpty();
        // Gauges fed by a periodic job (open cases by the sweep) appear after its next run: scrape
        // again for a while before calling a metric missing.
        var deadline = java.time.Instant.now().plusSeconds(30);
        List<String> missing;
        do {
            var exposed = new HashSet<String>();
            for (var module : List.of(
                    "gateway", "intake-service", "routing-service", "compensation-service", "followup-service")) {
                exposed.addAll(scrape(suite.managementUrl(module) + "/actuator/prometheus"));
            }
            exposed.add("up"); // written by Prometheus itself, not by a target
            // A timer or summary referenced by its base name is exposed as <name>_count/_sum.
            missing = referenced.stream()
                    .filter(name -> !exposed.contains(name) && !exposed.contains(name + "_count"))
                    .toList();
            if (!missing.isEmpty()) {
                Thread.sleep(1_000);
            }
        } while (!missing.isEmpty() && java.time.Instant.now().isBefore(deadline));
        assertThat(missing).as("referenced but not exposed").isEmpty();
    }

    private static void makeSomeTraffic() throws Exception {
        var partner = Api.partner(suite, "demo-retail-ticket-key");
        for (var i = 0; i < 3; i++) {
            partner.with("Idempotency-Key", Complaints.key())
                    .post("/api/v1/complaints", Complaints.walkIn("sh-xujiahui", "冰箱不制冷 " + i));
        }
        Api.anonymous(suite).get("/api/v1/complaints/none");
        // A pending approval and a spent budget, so the compensation gauges have rows.
        var caseId = RemedyScenariosIT.respondedCase(suite);
        Api.staff(suite, "generic.agent")
                .post(
                        "/api/v1/compensations",
                        java.util.Map.of(
                                "caseId",
                                caseId,
                                "options",
                                java.util.List.of(
                                        java.util.Map.of(
                                                "kind",
                                                "VOUCHER",
                                                "amount",
                                                java.util.Map.of("amount", "20", "currency", "CNY")),
                                        java.util.Map.of(
                                                "kind",
                                                "MONETARY_COMPENSATION",
                                                "amount",
                                                java.util.Map.of("amount", "800", "currency", "CNY")))));
        Thread.sleep(3_000);
    }

    private static Set<String> scrape(String url) throws Exception {
        var response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        var names = new HashSet<String>();
        response.body().lines().filter(l -> !l.startsWith("#")).forEach(line -> {
            var m = SAMPLE.matcher(line);
            if (m.find()) {
                names.add(m.group(1));
            }
        });
        return names;
    }
}
