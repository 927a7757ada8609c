package org.complaints.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Lints and renders helm/complaints with Helm in the JVM and checks what it would deploy. */
class ChartTest {

    static final Path CHART = Path.of("complaints");
    static final List<String> BACKENDS = List.of("intake", "routing", "compensation", "followup");

    static Stream<Path> valuesFiles() throws IOException {
        try (var ci = Files.list(CHART.resolve("ci"))) {
            var files = new ArrayList<>(ci.sorted().toList());
            files.add(CHART.resolve("values-region-east.yaml"));
            files.add(CHART.resolve("values-region-south.yaml"));
            return files.stream();
        }
    }

    @Test
    void chartLintsClean() {
        var result = new Helm(CHART).lint().strict().call();
        assertThat(result.isFailed())
                .as(String.join("\n", result.getMessages()))
                .isFalse();
    }

    @ParameterizedTest
    @MethodSource("valuesFiles")
    @DisplayName("every Deployment has probes, resources, the hardened security context and its store Secret")
    void everyDeploymentIsProductionReady(Path values) {
        var deployments = render(values).stream().filter(kind("Deployment")).toList();
        assertThat(deployments).hasSize(5);
        for (var d : deployments) {
            var component = labels(d).get("app.kubernetes.io/component");
            var pod = map(map(map(d, "spec"), "template"), "spec");
            var container = list(pod, "containers").getFirst();
            assertThat(map(map(container, "livenessProbe"), "httpGet").get("path"))
                    .isEqualTo("/actuator/health/liveness");
            assertThat(map(map(container, "readinessProbe"), "httpGet").get("path"))
                    .isEqualTo("/actuator/health/readiness");
            assertThat(container).containsKey("startupProbe");
            assertThat(map(map(container, "resources"), "limits")).containsKeys("cpu", "memory");
            var security = map(container, "securityContext");
            assertThat(security)
                    .containsEntry("readOnlyRootFilesystem", true)
                    .containsEntry("allowPrivilegeEscalation", false);
            assertThat(map(security, "capabilities").get("drop")).isEqualTo(List.of("ALL"));
            assertThat(map(pod, "securityContext")).containsEntry("runAsNonRoot", true);
            assertThat(map(map(pod, "securityContext"), "seccompProfile")).containsEntry("type", "RuntimeDefault");
            assertThat(list(container, "volumeMounts"))
                    .anySatisfy(m -> assertThat(m).containsEntry("mountPath", "/tmp"));
            var mongo = list(container, "env").stream()
                    .filter(e -> "MONGODB_URI".equals(e.get("name")))
                    .toList();
            // The gateway's store holds the quota buckets its replicas share (ADR 0270).
            assertThat(mongo)
                    .singleElement()
                    .satisfies(e -> assertThat(map(map(e, "valueFrom"), "secretKeyRef"))
                            .containsEntry("key", component + "-mongodb-uri"));
        }
    }

    @Test
    @DisplayName("the gateway gets the quotas per tenant as Spring JSON; the services get the tenants file")
    void gatewayGetsTheQuotasPerTenant() {
        for (var d : render(CHART.resolve("ci/all-flags-values.yaml")).stream()
                .filter(kind("Deployment"))
                .toList()) {
            var component = labels(d).get("app.kubernetes.io/component");
            var env = list(
                            list(map(map(map(d, "spec"), "template"), "spec"), "containers")
                                    .getFirst(),
                            "env")
                    .stream()
                    .collect(java.util.stream.Collectors.toMap(
                            e -> (String) e.get("name"), e -> String.valueOf(e.get("value"))));
            if (BACKENDS.contains(component)) {
                assertThat(env).containsKey("COMPLAINTS_TENANTS_FILE").doesNotContainKey("SPRING_APPLICATION_JSON");
            } else {
                assertThat(env).doesNotContainKey("COMPLAINTS_TENANTS_FILE");
                assertThat(env.get("SPRING_APPLICATION_JSON"))
                        .isEqualTo("{\"complaints\":{\"gateway\":{\"default-quota-per-minute\":1000000,"
                                + "\"quota\":{\"tenants\":{\"ci-tenant\":{\"per-minute\":1200}}}}}}");
            }
        }
    }

    @Test
    @DisplayName("the staff console's OpenID Connect sign-in reaches the gateway only (ADR 0600)")
    void consoleSignInGoesToTheGateway() {
        for (var d : render(CHART.resolve("ci/all-flags-values.yaml")).stream()
                .filter(kind("Deployment"))
                .toList()) {
            var component = labels(d).get("app.kubernetes.io/component");
            var env = list(
                            list(map(map(map(d, "spec"), "template"), "spec"), "containers")
                                    .getFirst(),
                            "env")
                    .stream()
                    .collect(java.util.stream.Collectors.toMap(
                            e -> (String) e.get("name"), e -> String.valueOf(e.get("value"))));
            if (BACKENDS.contains(component)) {
                assertThat(env).doesNotContainKey("COMPLAINTS_CONSOLE_OIDC_ISSUER");
            } else {
                assertThat(env)
                        .containsEntry(
                                "COMPLAINTS_CONSOLE_OIDC_ISSUER", "https://login.ci.example.com/realms/complaints")
                        .containsEntry("COMPLAINTS_CONSOLE_OIDC_CLIENT_ID", "complaints-console")
                        .containsEntry("COMPLAINTS_CONSOLE_OIDC_SCOPES", "openid,profile,email")
                        .containsEntry("COMPLAINTS_CONSOLE_OIDC_AUDIENCE", "");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("valuesFiles")
    @DisplayName("each process reads only its own identity key Secret; services get the public keys; no shared secret")
    void everyProcessHasItsOwnIdentityKey(Path values) {
        var secrets = new HashSet<String>();
        for (var d : render(values).stream().filter(kind("Deployment")).toList()) {
            var component = labels(d).get("app.kubernetes.io/component");
            var env = list(
                    list(map(map(map(d, "spec"), "template"), "spec"), "containers")
                            .getFirst(),
                    "env");
            var names = env.stream().map(e -> e.get("name")).toList();
            assertThat(names).doesNotContain("COMPLAINTS_IDENTITY_SECRET");
            var privateKey = env.stream()
                    .filter(e -> "COMPLAINTS_IDENTITY_PRIVATE_KEY".equals(e.get("name")))
                    .map(e -> map(map(e, "valueFrom"), "secretKeyRef"))
                    .toList();
            assertThat(privateKey).as(component).singleElement().satisfies(ref -> {
                assertThat(ref).containsEntry("key", "private-key");
                assertThat((String) ref.get("name")).contains(component);
                assertThat(secrets.add((String) ref.get("name")))
                        .as("not shared")
                        .isTrue();
            });
            var publicKeys = env.stream()
                    .filter(e -> "COMPLAINTS_IDENTITY_PUBLIC_KEYS".equals(e.get("name")))
                    .toList();
            if (BACKENDS.contains(component)) {
                assertThat(publicKeys)
                        .singleElement()
                        .satisfies(e -> assertThat(map(map(e, "valueFrom"), "configMapKeyRef"))
                                .containsEntry("key", "public-keys.json"));
            } else {
                assertThat(publicKeys).as("the gateway verifies no identity").isEmpty();
            }
        }
        assertThat(secrets).hasSize(5);
    }

    @Test
    @DisplayName("NetworkPolicies allow exactly the edges of the Feign graph, both ways")
    void networkPoliciesFollowTheFeignGraph() {
        var expected = Set.of(
                "gateway->intake",
                "gateway->routing",
                "gateway->compensation",
                "gateway->followup",
                "intake->routing",
                "intake->compensation",
                "intake->followup",
                "routing->followup",
                "compensation->routing",
                "followup->routing",
                "followup->intake",
                "followup->compensation");
        var policies = render(CHART.resolve("ci/default-values.yaml")).stream()
                .filter(kind("NetworkPolicy"))
                .toList();
        var egress = new HashSet<String>();
        var ingress = new HashSet<String>();
        for (var p : policies) {
            var self = labels(p).get("app.kubernetes.io/component");
            if (self == null) {
                assertThat(map(p, "spec")).as("default deny has no rules").doesNotContainKeys("ingress", "egress");
                continue;
            }
            for (var rule : list(map(p, "spec"), "egress")) {
                for (var peer : list(rule, "to")) {
                    component(peer).ifPresent(callee -> egress.add(self + "->" + callee));
                }
            }
            for (var rule : list(map(p, "spec"), "ingress")) {
                for (var peer : list(rule, "from")) {
                    component(peer).ifPresent(caller -> ingress.add(caller + "->" + self));
                }
            }
        }
        assertThat(egress).isEqualTo(expected);
        assertThat(ingress).isEqualTo(expected);
    }

    @Test
    @DisplayName(
            "only routing may send partner webhooks: https to any address outside the private, loopback, link-local and CGNAT ranges (ADR 0261)")
    void onlyRoutingReachesWebhookTargets() {
        var policies = render(CHART.resolve("ci/default-values.yaml")).stream()
                .filter(kind("NetworkPolicy"))
                .toList();
        var senders = new HashSet<String>();
        for (var p : policies) {
            var self = labels(p).get("app.kubernetes.io/component");
            if (self == null) {
                continue;
            }
            for (var rule : list(map(p, "spec"), "egress")) {
                for (var peer : list(rule, "to")) {
                    if (peer.containsKey("ipBlock")) {
                        senders.add(self);
                        var block = map(peer, "ipBlock");
                        assertThat(block.get("cidr")).isEqualTo("0.0.0.0/0");
                        assertThat(block.get("except").toString())
                                .contains("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16");
                        assertThat(list(rule, "ports"))
                                .extracting(port -> port.get("port"))
                                .containsExactly(443);
                    }
                }
            }
        }
        assertThat(senders).containsExactly("routing");
    }

    @Test
    @DisplayName("disabling a flag removes its objects; enabling adds them")
    void flagsAddAndRemoveObjects() {
        var off = kinds(render(CHART.resolve("ci/flags-off-values.yaml")));
        assertThat(off)
                .doesNotContain(
                        "NetworkPolicy",
                        "HorizontalPodAutoscaler",
                        "PodDisruptionBudget",
                        "ServiceMonitor",
                        "PrometheusRule",
                        "Ingress");
        assertThat(render(CHART.resolve("ci/flags-off-values.yaml")).stream()
                        .filter(kind("ConfigMap"))
                        .toList())
                .isEmpty();

        var on = render(CHART.resolve("ci/all-flags-values.yaml"));
        assertThat(kinds(on))
                .contains(
                        "NetworkPolicy",
                        "HorizontalPodAutoscaler",
                        "PodDisruptionBudget",
                        "ServiceMonitor",
                        "PrometheusRule",
                        "Ingress");
        assertThat(on.stream().filter(kind("ConfigMap")).map(ChartTest::name).toList())
                .contains("complaints-complaints-tenants")
                .anyMatch(n -> n.contains("dashboard-complaints-business"));
    }

    @Test
    @DisplayName("dashboards parse, and every metric they and the alert rules use is listed in referenced-metrics.txt")
    void referencedMetricsListStaysTrue() throws IOException {
        var listed = new HashSet<>(Files.readAllLines(CHART.resolve("files/referenced-metrics.txt")).stream()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList());
        var used = new HashSet<String>();
        var metric =
                Pattern.compile("\\b((?:complaints|resilience4j|http_server|jvm)_[a-z0-9_]+|up)\\b(?=\\s*[{\\[)])");
        try (var dashboards = Files.list(CHART.resolve("dashboards"))) {
            for (var file : dashboards.toList()) {
                Map<String, Object> dashboard = yaml().load(Files.readString(file));
                assertThat(dashboard).containsKeys("uid", "title", "panels");
                collect(metric, Files.readString(file), used);
            }
        }
        collect(metric, Files.readString(CHART.resolve("files/alerts.yml")), used);
        assertThat(listed).containsAll(used);
        assertThat(used).as("every listed metric is used").containsAll(listed);
    }

    private static void collect(Pattern metric, String text, Set<String> into) {
        var m = metric.matcher(text.replace("\\\"", "\""));
        while (m.find()) {
            into.add(m.group(1));
        }
    }

    // --- rendering helpers

    static List<Map<String, Object>> render(Path values) {
        var manifest = new Helm(CHART)
                .template()
                .withName("complaints")
                .withKubeVersion("1.31.0")
                .withValuesFile(values)
                .call();
        var documents = new ArrayList<Map<String, Object>>();
        for (var doc : yaml().loadAll(manifest)) {
            if (doc instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                var typed = (Map<String, Object>) m;
                documents.add(typed);
            }
        }
        return documents;
    }

    private static Yaml yaml() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }

    private static java.util.function.Predicate<Map<String, Object>> kind(String kind) {
        return d -> kind.equals(d.get("kind"));
    }

    private static Set<String> kinds(List<Map<String, Object>> docs) {
        var kinds = new HashSet<String>();
        docs.forEach(d -> kinds.add((String) d.get("kind")));
        return kinds;
    }

    private static String name(Map<String, Object> doc) {
        return (String) map(doc, "metadata").get("name");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> labels(Map<String, Object> doc) {
        return (Map<String, String>) map(doc, "metadata").getOrDefault("labels", Map.of());
    }

    private static java.util.Optional<String> component(Map<String, Object> peer) {
        var selector = map(map(peer, "podSelector"), "matchLabels");
        return java.util.Optional.ofNullable((String) selector.get("app.kubernetes.io/component"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> parent, String key) {
        var value = parent.get(key);
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
        var value = parent.get(key);
        return value instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }
}
