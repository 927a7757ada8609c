package org.complaints.gateway.system;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the services are, under the key every module uses ({@code complaints.services.<name>.url},
 * docs/contracts.md). The routes in application.yml and the OpenAPI merge both read it.
 */
@ConfigurationProperties("complaints")
public record DownstreamServices(Map<String, Service> services) {

    public DownstreamServices {
        services = services == null ? Map.of() : services;
    }

    /**
     * @param url the public port, where routes go
     * @param managementUrl the management port, where {@code /actuator/openapi} is read; defaults to {@code url}
     */
    public record Service(String url, String managementUrl) {

        public Service {
            managementUrl = managementUrl == null || managementUrl.isBlank() ? url : managementUrl;
        }

        /** The service's OpenAPI document (springdoc on the management port). */
        public String apiDocsUrl() {
            return managementUrl + "/actuator/openapi";
        }
    }
}
