package org.complaints.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;

import org.junit.jupiter.api.Test;

/** The merged, public API description. */
class OpenApiIT extends GatewayItSupport {

    @Test
    void shouldMergeServiceDocumentsAndListUnreachableServices() {
        intake.stubFor(get("/actuator/openapi").willReturn(document("/complaints", "Complaint")));
        routing.stubFor(get("/actuator/openapi").willReturn(document("/cases/{id}", "CaseView")));

        web.get()
                .uri("/api/v1/openapi.json")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.paths['/api/v1/complaints'].post")
                .exists()
                .jsonPath("$.paths['/api/v1/cases/{id}'].post")
                .exists()
                .jsonPath("$.components.schemas.Complaint")
                .exists()
                .jsonPath("$.components.schemas.CaseView")
                .exists()
                .jsonPath("$.x-unavailable")
                .isEqualTo(java.util.List.of("compensation", "followup"));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder document(
            String path, String schema) {
        return aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("{\"openapi\":\"3.1.0\",\"paths\":{\"" + path + "\":{\"post\":{}}},"
                        + "\"components\":{\"schemas\":{\"" + schema + "\":{\"type\":\"object\"}}}}");
    }
}
