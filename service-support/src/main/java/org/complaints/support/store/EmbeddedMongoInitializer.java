package org.complaints.support.store;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;

/**
 * Chooses the store before anything connects: {@code MONGODB_URI} when given (Kubernetes), else an
 * in-process MongoDB wire-protocol server reached through the normal driver, kept in memory or,
 * with {@code COMPLAINTS_DATA_DIR}, in an H2 MVStore file so a restart keeps the data. Every
 * acknowledged write is committed and synced to that file first ({@link DurableH2Backend}).
 */
public class EmbeddedMongoInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoInitializer.class);
    static final int EMBEDDED_HEARTBEAT_MILLIS = 60_000;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (Boolean.getBoolean("spring.aot.processing")) {
            return; // the build's AOT step refreshes the context only to record its bean definitions
        }
        var env = context.getEnvironment();
        var externalUri = env.getProperty("MONGODB_URI", "");
        if (!externalUri.isBlank()) {
            env.getPropertySources()
                    .addFirst(new MapPropertySource("complaints-store", Map.of("spring.mongodb.uri", externalUri)));
            return;
        }
        if (env.containsProperty("spring.mongodb.uri")) {
            return;
        }
        var database = env.getProperty("spring.mongodb.database", "complaints");
        var dataDir = env.getProperty("COMPLAINTS_DATA_DIR", "");
        var server = new MongoServer(backend(dataDir, database));
        // A fixed port only when asked (the end-to-end tests read the store directly); else any free
        // one. More worker threads than netty's default (2 per core) let concurrent writers share
        // one commit and sync of the durable backend instead of queueing behind each other.
        var port = env.getProperty("complaints.store.embedded-port", Integer.class, 0);
        server.bind(new java.net.InetSocketAddress("127.0.0.1", port), 1, 16);
        var address = server.getLocalAddress();
        // The driver checks a server every 10 s by default, to notice a failover; an in-process
        // server has none, and each check cost a wake-up of two threads in every idle service.
        var uri = "mongodb://127.0.0.1:" + address.getPort() + "/?heartbeatFrequencyMS=" + EMBEDDED_HEARTBEAT_MILLIS;
        env.getPropertySources()
                .addFirst(new MapPropertySource(
                        "complaints-store", Map.of("spring.mongodb.uri", uri, "complaints.store.embedded", "true")));
        // Also on a failed start (e.g. no identity key): its threads would keep the JVM alive.
        context.addApplicationListener(event -> {
            if ((event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context)
                    || (event instanceof ApplicationFailedEvent failed && failed.getApplicationContext() == context)) {
                server.shutdown();
            }
        });
        log.info(
                "embedded MongoDB wire-protocol server on port {} ({})",
                address.getPort(),
                dataDir.isBlank() ? "in memory" : "persisted in " + dataDir);
    }

    private static MongoBackend backend(String dataDir, String database) {
        if (dataDir.isBlank()) {
            return new MemoryBackend();
        }
        try {
            var dir = Files.createDirectories(Path.of(dataDir));
            return new DurableH2Backend(dir.resolve(database + ".mv").toString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create data directory " + dataDir, e);
        }
    }
}
