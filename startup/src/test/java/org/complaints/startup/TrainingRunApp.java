package org.complaints.startup;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;

/** A process like the suite's: a lifecycle bean holds a non-daemon thread, as a web server does. */
@SpringBootConfiguration
public class TrainingRunApp {

    @Bean
    SmartLifecycle server() {
        return new SmartLifecycle() {
            private Thread serving;

            @Override
            public void start() {
                serving = new Thread(() -> {
                    try {
                        Thread.sleep(Long.MAX_VALUE);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                serving.start();
                System.out.println("server started");
            }

            @Override
            public void stop() {
                serving.interrupt();
                serving = null;
                System.out.println("server stopped");
            }

            @Override
            public boolean isRunning() {
                return serving != null;
            }
        };
    }

    public static void main(String[] args) {
        Startup.run(TrainingRunApp.class, args);
    }
}
