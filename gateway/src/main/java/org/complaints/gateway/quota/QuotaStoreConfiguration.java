package org.complaints.gateway.quota;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The shared quota store: MongoDB at {@code MONGODB_URI} (database from the URI, else
 * {@code complaints_gateway}; collection {@code quota_buckets}), else an embedded in-memory
 * wire-protocol server, which only this process shares (local runs and tests).
 */
@Configuration(proxyBeanMethods = false)
class QuotaStoreConfiguration {

    static final String DEFAULT_DATABASE = "complaints_gateway";
    static final String COLLECTION = "quota_buckets";
    private static final Logger log = LoggerFactory.getLogger(QuotaStoreConfiguration.class);

    /** Where the store is; closing it stops the embedded server, if any. */
    record QuotaStoreLocation(ConnectionString uri, MongoServer embedded) implements AutoCloseable {

        static QuotaStoreLocation of(String configured) {
            if (!configured.isBlank()) {
                return new QuotaStoreLocation(new ConnectionString(configured), null);
            }
            var server = new MongoServer(new MemoryBackend());
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            var address = server.getLocalAddress();
            log.info(
                    "quota buckets on an embedded in-memory store (port {}): quotas hold per replica",
                    address.getPort());
            // An in-process server never fails over: checking it every 10 s (the driver's default) only
            // woke threads in an idle gateway.
            return new QuotaStoreLocation(
                    new ConnectionString("mongodb://127.0.0.1:" + address.getPort() + "/?heartbeatFrequencyMS=60000"),
                    server);
        }

        @Override
        public void close() {
            if (embedded != null) {
                embedded.shutdownNow();
            }
        }
    }

    @Bean
    QuotaStoreLocation quotaStoreLocation(QuotaProperties properties) {
        return QuotaStoreLocation.of(properties.mongodbUri());
    }

    @Bean(destroyMethod = "close")
    MongoClient quotaMongoClient(QuotaStoreLocation location, QuotaProperties properties) {
        var timeout = properties.storeTimeout().toMillis();
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(location.uri())
                .applyToClusterSettings(c -> c.serverSelectionTimeout(timeout, TimeUnit.MILLISECONDS))
                .applyToSocketSettings(s -> s.connectTimeout((int) timeout, TimeUnit.MILLISECONDS)
                        .readTimeout((int) timeout, TimeUnit.MILLISECONDS))
                .build());
    }

    @Bean
    BucketStore bucketStore(MongoClient client, QuotaStoreLocation location) {
        var database = location.uri().getDatabase() != null ? location.uri().getDatabase() : DEFAULT_DATABASE;
        return new MongoBucketStore(client.getDatabase(database).getCollection(COLLECTION));
    }

    /**
     * Leases block on the driver, so they run off the event loop, one virtual thread each (not an
     * executor bean, which would displace Boot's task executor).
     */
    @Bean
    SharedQuotas sharedQuotas(BucketStore store, Clock clock, QuotaMetrics metrics, QuotaProperties properties) {
        return new SharedQuotas(store, Executors.newVirtualThreadPerTaskExecutor(), clock, metrics, properties);
    }
}
