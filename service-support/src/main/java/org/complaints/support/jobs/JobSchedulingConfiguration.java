package org.complaints.support.jobs;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The threads the services' scheduled jobs (relays, deadline and due sweeps) run on. With virtual
 * threads on, Spring Boot's scheduler runs every fixed-delay job on its one scheduler thread, so a
 * relay pass waiting on a slow peer held up the deadline sweep and nothing escalated. A small pool
 * lets each job run on its own thread; a fixed-delay job still never overlaps itself.
 */
@AutoConfiguration(before = TaskSchedulingAutoConfiguration.class)
public class JobSchedulingConfiguration {

    @Bean(name = "taskScheduler")
    @ConditionalOnMissingBean(TaskScheduler.class)
    ThreadPoolTaskScheduler taskScheduler(@Value("${complaints.jobs.threads:4}") int threads) {
        var scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(threads);
        scheduler.setThreadNamePrefix("jobs-");
        scheduler.setWaitForTasksToCompleteOnShutdown(true);
        scheduler.setAwaitTerminationSeconds(10);
        return scheduler;
    }
}
