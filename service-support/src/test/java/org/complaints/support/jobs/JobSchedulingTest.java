package org.complaints.support.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

class JobSchedulingTest {

    static final CountDownLatch sweepRan = new CountDownLatch(1);

    /** A relay pass stuck on a slow peer, and a sweep that must still run meanwhile. */
    @Configuration
    @EnableScheduling
    static class Jobs {
        @Scheduled(fixedDelay = 50)
        void slowRelay() throws InterruptedException {
            sweepRan.await(10, TimeUnit.SECONDS);
        }

        @Scheduled(fixedDelay = 50, initialDelay = 20)
        void sweep() {
            sweepRan.countDown();
        }
    }

    @Test
    @DisplayName("a fixed-delay job blocked on a peer does not hold up the others, with virtual threads on")
    void jobsRunOnThreadsOfTheirOwn() {
        new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(JobSchedulingConfiguration.class, TaskSchedulingAutoConfiguration.class))
                .withPropertyValues("spring.threads.virtual.enabled=true")
                .withUserConfiguration(Jobs.class)
                .run(context -> assertThat(sweepRan.await(5, TimeUnit.SECONDS))
                        .as("sweep ran while the relay was blocked")
                        .isTrue());
    }
}
