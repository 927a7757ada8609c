package org.complaints.intake;

import org.complaints.startup.Startup;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableFeignClients
@EnableScheduling
public class IntakeServiceApplication {

    public static void main(String[] args) {
        Startup.run(IntakeServiceApplication.class, args);
    }
}
