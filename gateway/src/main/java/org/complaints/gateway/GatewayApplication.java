package org.complaints.gateway;

import org.complaints.startup.Startup;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

    public static void main(String[] args) {
        Startup.run(GatewayApplication.class, args);
    }
}
