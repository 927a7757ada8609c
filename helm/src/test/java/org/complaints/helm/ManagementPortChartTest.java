package org.complaints.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaints.helm.ChartTest.CHART;
import static org.complaints.helm.ChartTest.list;
import static org.complaints.helm.ChartTest.map;
import static org.complaints.helm.ChartTest.render;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Issue 12 / ADR 0016: probes, scraping and API docs use the management port, never the public one. */
class ManagementPortChartTest {

    static final List<Map<String, Object>> ALL = render(CHART.resolve("ci/all-flags-values.yaml"));

    @Test
    @DisplayName("probes hit the management port, which the container declares and is told about")
    void probesUseTheManagementPort() {
        for (var d : of("Deployment")) {
            var container = list(map(map(map(d, "spec"), "template"), "spec"), "containers")
                    .getFirst();
            for (var probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                assertThat(map(map(container, probe), "httpGet")).containsEntry("port", "management");
            }
            assertThat(list(container, "ports")).anySatisfy(p -> assertThat(p).containsEntry("name", "management"));
            assertThat(list(container, "env")).anySatisfy(e -> assertThat(e).containsEntry("name", "MANAGEMENT_PORT"));
        }
    }

    @Test
    @DisplayName("the public Service carries only the public port; ServiceMonitors scrape the management Service")
    void publicServiceHasNoManagementPort() {
        var services = of("Service");
        var publicOnes =
                services.stream().filter(s -> !name(s).endsWith("-management")).toList();
        assertThat(publicOnes).hasSize(5);
        for (var s : publicOnes) {
            assertThat(list(map(s, "spec"), "ports"))
                    .singleElement()
                    .satisfies(p -> assertThat(p).containsEntry("name", "http"));
        }
        for (var monitor : of("ServiceMonitor")) {
            assertThat(list(map(monitor, "spec"), "endpoints"))
                    .allSatisfy(e -> assertThat(e).containsEntry("port", "management"));
            assertThat(map(map(map(monitor, "spec"), "selector"), "matchLabels"))
                    .containsEntry("complaints.example.org/port", "management");
        }
    }

    @Test
    @DisplayName(
            "NetworkPolicies: the management port admits Prometheus (and the gateway), the public port never Prometheus")
    void managementPortIsNotPublic() {
        for (var policy : of("NetworkPolicy")) {
            var spec = map(policy, "spec");
            if (!spec.containsKey("ingress")) {
                continue;
            }
            for (var rule : list(spec, "ingress")) {
                var ports = list(rule, "ports").stream().map(p -> p.get("port")).toList();
                var from = list(rule, "from").toString();
                if (ports.contains("http")) {
                    assertThat(ports).doesNotContain("management");
                    assertThat(from)
                            .as("Prometheus does not reach the public port")
                            .doesNotContain("monitoring");
                } else {
                    assertThat(ports).containsExactly("management");
                    assertThat(from).doesNotContain("ingress-nginx");
                }
            }
        }
    }

    private static List<Map<String, Object>> of(String kind) {
        return ALL.stream().filter(d -> kind.equals(d.get("kind"))).toList();
    }

    private static String name(Map<String, Object> doc) {
        return String.valueOf(map(doc, "metadata").get("name"));
    }
}
