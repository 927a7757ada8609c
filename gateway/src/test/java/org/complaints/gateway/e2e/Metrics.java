package org.complaints.gateway.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

/** Reads a service's Prometheus endpoint (its management port) the way Prometheus would scrape it. */
final class Metrics {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Metrics() {}

    /** The sum of {@code metric}'s samples whose labels contain every one of {@code labels} ({@code name="value"}). */
    static double sum(RunningSuite suite, String module, String metric, String... labels) throws Exception {
        var response = HTTP.send(
                HttpRequest.newBuilder(URI.create(suite.managementUrl(module) + "/actuator/prometheus"))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(module + " Prometheus endpoint answered " + response.statusCode());
        }
        return response.body()
                .lines()
                .filter(line -> line.startsWith(metric + "{") || line.startsWith(metric + " "))
                .filter(line -> Arrays.stream(labels).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
