package org.complaints.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Without the local profile there is no development token issuer and no sample key. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DevIssuerAbsentIT {

    @LocalServerPort
    int port;

    @Test
    void devTokensEndpointDoesNotExistOutsideTheLocalProfile() throws Exception {
        var http = HttpClient.newHttpClient();
        var token = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/dev/tokens"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"dealer.director\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).isEqualTo(404);

        var withSampleKey = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/complaints/x"))
                        .header("X-Api-Key", "demo-dealer-crm-key")
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(withSampleKey.statusCode()).isEqualTo(401);
    }
}
