package org.complaints.compensation;

import org.complaints.startup.Startup;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableFeignClients
@EnableScheduling
public class CompensationServiceApplication {

    public static void main(String[] args) {
        Startup.run(CompensationServiceApplication.class, args);
    }
}
