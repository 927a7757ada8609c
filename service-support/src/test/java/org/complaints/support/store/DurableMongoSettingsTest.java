package org.complaints.support.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoClientSettings;
import com.mongodb.ReadConcern;
import com.mongodb.ReadPreference;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DurableMongoSettingsTest {

    @Test
    @DisplayName("issue 14: on a real MongoDB writes are majority and journaled, reads majority from the primary")
    void durableDefaults() {
        var settings = MongoClientSettings.builder();
        new DurableMongoSettings("mongodb://db-0,db-1,db-2/complaints_intake?replicaSet=rs0").customize(settings);
        var built = settings.build();
        assertThat(built.getWriteConcern()).isEqualTo(WriteConcern.MAJORITY.withJournal(true));
        assertThat(built.getReadConcern()).isEqualTo(ReadConcern.MAJORITY);
        assertThat(built.getReadPreference()).isEqualTo(ReadPreference.primary());
    }

    @Test
    @DisplayName("without MONGODB_URI (the embedded store) the driver's settings stay as they are")
    void blankUriChangesNothing() {
        var settings = MongoClientSettings.builder();
        new DurableMongoSettings("").customize(settings);
        var built = settings.build();
        var defaults = MongoClientSettings.builder().build();
        assertThat(built.getWriteConcern()).isEqualTo(defaults.getWriteConcern());
        assertThat(built.getReadConcern()).isEqualTo(defaults.getReadConcern());
        assertThat(built.getReadPreference()).isEqualTo(defaults.getReadPreference());
    }

    @Test
    @DisplayName("issue 14: what the operator's MONGODB_URI sets itself wins")
    void uriOptionsWin() {
        var uri = "mongodb://db-0/complaints?w=2&readConcernLevel=local&readPreference=primaryPreferred";
        var settings = MongoClientSettings.builder().applyConnectionString(new com.mongodb.ConnectionString(uri));
        new DurableMongoSettings(uri).customize(settings);
        var built = settings.build();
        assertThat(built.getWriteConcern()).isEqualTo(new WriteConcern(2));
        assertThat(built.getReadConcern()).isEqualTo(ReadConcern.LOCAL);
        assertThat(built.getReadPreference()).isEqualTo(ReadPreference.primaryPreferred());
    }

    @Test
    @DisplayName("a MONGODB_URI naming another process's embedded store still works with those settings")
    void embeddedStoreAcceptsThem() {
        var server = new MongoServer(new MemoryBackend());
        var address = server.bind();
        try {
            var uri = "mongodb://127.0.0.1:" + address.getPort();
            var settings = MongoClientSettings.builder().applyConnectionString(new com.mongodb.ConnectionString(uri));
            new DurableMongoSettings(uri).customize(settings);
            try (var client = MongoClients.create(settings.build())) {
                var collection = client.getDatabase("t").getCollection("c");
                collection.insertOne(new Document("_id", "a").append("n", 1));
                assertThat(collection.find(new Document("_id", "a")).first()).containsEntry("n", 1);
                assertThat(collection.countDocuments()).isEqualTo(1);
            }
        } finally {
            server.shutdown();
        }
    }
}
