package org.complaints.intake;

import org.complaints.support.ServiceMain;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableFeignClients
@EnableScheduling
public class IntakeServiceApplication {

    public static void main(String[] args) {
        ServiceMain.run(IntakeServiceApplication.class, args);
    }
}
