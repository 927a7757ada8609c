package org.complaints.support.store;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.ReadConcern;
import com.mongodb.ReadPreference;
import com.mongodb.WriteConcern;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;

/**
 * What the services expect of a real MongoDB (issue 14, ADR 0027): an acknowledged write is on a
 * majority of the replica set and in its journal ({@code w: majority, j: true}), reads see only
 * majority-committed data ({@code readConcern: majority}) from the primary, so a failover never takes
 * back an answer a client was given. Options the {@code MONGODB_URI} sets itself win (an operator
 * may know better); the embedded store ignores all of them, so they are not applied there.
 */
public final class DurableMongoSettings implements MongoClientSettingsBuilderCustomizer {

    private final ConnectionString uri;

    /** A blank URI (the embedded store) changes nothing. */
    public DurableMongoSettings(String uri) {
        this.uri = uri == null || uri.isBlank() ? null : new ConnectionString(uri);
    }

    @Override
    public void customize(MongoClientSettings.Builder settings) {
        if (uri == null) {
            return;
        }
        if (uri.getWriteConcern() == null) {
            settings.writeConcern(WriteConcern.MAJORITY.withJournal(true));
        }
        if (uri.getReadConcern() == null) {
            settings.readConcern(ReadConcern.MAJORITY);
        }
        if (uri.getReadPreference() == null) {
            settings.readPreference(ReadPreference.primary());
        }
    }
}
