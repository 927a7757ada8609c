package org.complaints.routing.rosters;

import java.util.Optional;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

@Repository
class MongoRosterRepository implements RosterRepository {

    private final MongoTemplate mongo;

    MongoRosterRepository(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Optional<StoredRoster> find(String tenant, String site) {
        return Optional.ofNullable(mongo.findById(StoredRoster.key(tenant, site), StoredRoster.class));
    }

    @Override
    public StoredRoster save(StoredRoster roster) {
        return mongo.save(roster);
    }
}
